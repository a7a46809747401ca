import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkCountersignOutput, countersignPacket, writeCountersigned } from '../../services/signing/countersign';
import { readIdentity } from '../../services/signing/identity';
import { readPacketFile } from '../../services/signing/packetFiles';
import { EXIT, UsageError, type CliIo } from '../io';
import { readPassphrase } from '../passphrase';
import { systemClock } from '../../services/clock';

export const countersignHelp = `Usage: mrb countersign <packet.pdf> --identity member.p12 --out packet.pdf [--passphrase-file FILE] [--at ISO-TIME]

Adds a board member's signature to a signed decision packet, as an incremental update
that changes nothing but the signature: the packet's pages, its decision record and every
earlier signature stay exactly as they were (mrb verify checks that each later revision
added only a signature). Members sign one after another, each on their own machine,
offline; pass the file on to the next member.
The passphrase comes from --passphrase-file or MRB_PASSPHRASE. --out may be the packet
itself (it is replaced only once the signed file is complete); another existing file is
never overwritten. --at fixes the signing time (default: now).
Refused (exit 2, nothing written): a file that is not a signed decision packet, a packet
whose signatures do not hold (run mrb verify on it), a wrong passphrase, and a member who
signed the packet already.`;

export async function runCountersign(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv.filter((a) => !a.startsWith('--passphrase=') && a !== '--passphrase'),
    allowPositionals: true,
    options: { identity: { type: 'string' }, out: { type: 'string' }, 'passphrase-file': { type: 'string' }, at: { type: 'string' } },
  });
  const passphrase = readPassphrase(argv, values['passphrase-file'], 'countersign');
  if (positionals.length !== 1) throw new UsageError('countersign takes exactly one packet (PDF).', 'countersign');
  for (const required of ['identity', 'out'] as const) {
    if (values[required] === undefined) throw new UsageError(`countersign needs --${required}.`, 'countersign');
  }
  const at = values.at === undefined ? systemClock.now() : new Date(values.at);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--at must be an ISO time, not "${values.at}".`, 'countersign');
  const file = path.resolve(positionals[0] as string);
  const out = path.resolve(values.out as string);
  const pdf = readPacketFile(file, 'path', `There is no packet at ${file}.`);
  checkCountersignOutput(file, out);
  const identity = readIdentity(path.resolve(values.identity as string), passphrase);
  const signed = await countersignPacket(pdf, identity, { signedAt: at, fileName: path.basename(file) });
  writeCountersigned(out, signed.pdf);
  const s = signed.signer;
  const lines = [
    `Countersigned ${path.basename(file)} as signature ${signed.position} of ${signed.position}, by ${s.name}${s.email ? ` <${s.email}>` : ''} at ${at.toISOString()}`,
    `  certificate SHA-256 ${s.fingerprintDisplay}`,
    `  written to ${out}`,
    '  Signers so far:',
    ...signed.report.signatures.map((sig, i) => `    ${i + 1}. ${sig.signer?.name ?? 'an unreadable signer'}${sig.signer?.email ? ` <${sig.signer.email}>` : ''}, signed at ${sig.signedAt ?? 'an unstated time'}`),
  ];
  io.out(lines.join('\n'));
  return EXIT.ok;
}
