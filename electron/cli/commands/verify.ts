import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/contract/errors';
import { verifyPacket, type PacketReport } from '../../services/signing/verifyPdf';
import { EXIT, UsageError, type CliIo } from '../io';

export const verifyHelp = `Usage: mrb verify <packet.pdf> [--trust ca.pem] [--json]

Checks a signed decision packet: the signature over the whole file (an update appended
after signing is reported), the signer and its certificate, the chain to the CA given with
--trust, and the attached decision record against the hash and chain head the packet states.
Exit 0 only when every check holds; 1 when one does not; 2 when the file cannot be read
or is not a PDF.`;

function readFile(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError('not_found', code === 'ENOENT' ? `There is no ${what} at ${file}.` : `${file} cannot be read (${code ?? 'error'}).`);
  }
}

function describe(report: PacketReport, name: string): string {
  const s = report.signer;
  const lines = [`${name}: ${report.ok ? 'valid' : 'NOT valid'}${s ? `, signed by ${s.name}${s.email ? ` <${s.email}>` : ''}${s.organisation ? `, ${s.organisation}` : ''} at ${report.signedAt ?? 'an unstated time'}` : ''}`];
  for (const c of report.checks) lines.push(`  ${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
  if (s) lines.push(`  signer certificate SHA-256 ${s.fingerprintDisplay}${report.subFilter ? ` · ${report.subFilter}` : ''}`);
  return lines.join('\n');
}

export function runVerify(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { trust: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('verify takes exactly one PDF.', 'verify');
  const file = path.resolve(positionals[0] as string);
  const pdf = readFile(file, 'file');
  if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new UserError('invalid_argument', `${path.basename(file)} is not a PDF (it does not start with %PDF-).`);
  const trust = values.trust === undefined ? undefined : path.resolve(values.trust);
  const report = verifyPacket(pdf, trust === undefined ? {} : { trustedCaPem: readFile(trust, 'CA certificate').toString('utf8'), trustedCaName: path.basename(trust) });
  // The record can be long (every decision and audit event); pdfdetach extracts it.
  const { record: _record, ...verdict } = report;
  io.out(values.json ? JSON.stringify(verdict, null, 2) : describe(report, path.basename(file)));
  return report.ok ? EXIT.ok : EXIT.failed;
}
