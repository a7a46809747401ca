import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/contract/errors';
import { verifyPacket, VERDICT, type PacketReport, type WorkspaceWitness } from '../../services/signing/verifyPdf';
import { workspaceWitness } from '../../services/signing/workspaceWitness';
import { readKeyFile, readPacketFile } from '../../services/signing/packetFiles';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';

export const verifyHelp = `Usage: mrb verify <packet.pdf> [--trust ca.pem ...] [--workspace file.mrb] [--json]

Checks a signed decision packet: every signature in it (the board's and any
countersignatures), that each revision after the first signed one adds nothing but a
signature, that the last signature covers the whole file, each signer's certificate, and
the attached decision record against the hash and chain head the packet states.

An intact signature is not yet a valid packet: anyone can make a CA that carries the
board's names. Trust comes from
  --trust ca.pem        a CA certificate (PEM) the signers must chain to; repeat it to
                        trust several CAs (each signer must chain to one of them)
  --workspace file.mrb  the cycle's workspace, opened read-only: it must have recorded
                        exporting this exact file (its SHA-256), and the packet's decision
                        record must be of that workspace's cycle
Without either, the verdict is "signature intact, signer not trusted".
Exit 0 only when the packet is valid (every check holds); 1 when a check does not hold,
the signer not being trusted included; 2 when a file cannot be read or is not a PDF.`;

const person = (s: NonNullable<PacketReport['signer']>) => `${s.name}${s.email ? ` <${s.email}>` : ''}${s.organisation ? `, ${s.organisation}` : ''}`;

function describe(report: PacketReport, name: string): string {
  const s = report.signer;
  const verdict = report.verdict === VERDICT.invalid ? 'NOT valid' : report.verdict;
  const countersigners = report.signatures.slice(1).flatMap((sig) => (sig.signer ? [person(sig.signer)] : []));
  const lines = [
    `${name}: ${verdict}${s ? `, signed by ${person(s)} at ${report.signedAt ?? 'an unstated time'}` : ''}${countersigners.length > 0 ? `; countersigned by ${countersigners.join('; ')}` : ''}`,
  ];
  // A countersigned packet names every signer, when they signed and what vouches for them, in signing order.
  if (report.signatures.length > 1) {
    lines.push('  signers:');
    report.signatures.forEach((sig, i) => {
      const who = sig.signer ? `${person(sig.signer)}, certificate SHA-256 ${sig.signer.fingerprintDisplay}` : 'a signer whose certificate cannot be read';
      lines.push(`    ${i + 1}. ${who}; signed at ${sig.signedAt ?? 'an unstated time'}; ${sig.trustedBy ? `trusted by ${sig.trustedBy}` : 'not trusted'}`);
    });
  }
  for (const c of report.checks) lines.push(`  ${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
  if (s) lines.push(`  signer certificate SHA-256 ${s.fingerprintDisplay}${report.subFilter ? ` · ${report.subFilter}` : ''}`);
  if (report.trustedBy.length > 0) lines.push(`  trusted by ${report.trustedBy.join(', ')}`);
  if (report.verdict === VERDICT.untrusted) lines.push('  Give the board\'s CA with --trust ca.pem, or the cycle\'s workspace with --workspace file.mrb.');
  return lines.join('\n');
}

function readWitness(file: string): WorkspaceWitness {
  if (!fs.existsSync(file)) throw new UserError('not_found', `There is no workspace at ${file}.`);
  const ws = Workspace.open(file, { readonly: true });
  try {
    return workspaceWitness(ws);
  } finally {
    ws.close();
  }
}

export function runVerify(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { trust: { type: 'string', multiple: true }, workspace: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('verify takes exactly one PDF.', 'verify');
  const file = path.resolve(positionals[0] as string);
  const pdf = readPacketFile(file, 'file', `There is no file at ${file}.`);
  const trusted = (values.trust ?? []).map((t) => {
    const ca = path.resolve(t);
    return { pem: readKeyFile(ca, 'trust', `There is no CA certificate at ${ca}.`).toString('utf8'), name: path.basename(ca) };
  });
  const workspace = values.workspace === undefined ? undefined : readWitness(path.resolve(values.workspace));
  const report = verifyPacket(pdf, workspace ? { trusted, workspace } : { trusted });
  // The record can be long (every decision and audit event); pdfdetach extracts it.
  const { record: _record, ...verdict } = report;
  io.out(values.json ? JSON.stringify(verdict, null, 2) : describe(report, path.basename(file)));
  return report.ok ? EXIT.ok : EXIT.failed;
}
