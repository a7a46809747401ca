import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/contract/errors';
import { verifyPacket } from '../../services/signing/verifyPdf';
import { EXIT, UsageError, type CliIo } from '../io';

export const verifyHelp = `Usage: mrb verify <packet.pdf> [--trust ca.pem] [--json]

Checks a signed decision packet: the signature over the whole file (an update appended
after signing is reported), the signer and its certificate, the chain to the CA given with
--trust, and the attached decision record against the hash and chain head the packet states.
Exit 0 only when every check holds; 1 when one does not; 2 when the file cannot be read.`;

export function runVerify(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { trust: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('verify takes exactly one PDF.', 'verify');
  const file = path.resolve(positionals[0] as string);
  let pdf: Buffer;
  let trustedCaPem: string | undefined;
  try {
    pdf = fs.readFileSync(file);
  } catch {
    throw new UserError('not_found', `There is no file at ${file}.`);
  }
  if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new UserError('invalid_argument', `${path.basename(file)} is not a PDF (it does not start with %PDF-).`);
  if (values.trust !== undefined) {
    try {
      trustedCaPem = fs.readFileSync(path.resolve(values.trust), 'utf8');
    } catch {
      throw new UserError('not_found', `There is no CA certificate at ${values.trust}.`);
    }
  }
  const report = verifyPacket(pdf, trustedCaPem === undefined ? {} : { trustedCaPem });
  if (values.json) {
    io.out(JSON.stringify({ ...report, record: report.record === null ? null : '(attached; see pdfdetach)' }, null, 2));
  } else {
    io.out(`${path.basename(file)}: ${report.ok ? 'valid' : 'NOT valid'}${report.signer ? `, signed by ${report.signer.name} at ${report.signedAt ?? 'an unstated time'}` : ''}`);
    for (const c of report.checks) io.out(`  ${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
    if (report.signer) io.out(`  signer certificate SHA-256 ${report.signer.fingerprintDisplay}${report.subFilter ? ` · ${report.subFilter}` : ''}`);
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}
