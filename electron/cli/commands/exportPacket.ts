import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportPacket } from '../../services/packets/exportPacket';
import { readIdentity } from '../../services/signing/identity';
import { EXIT, UsageError, type CliIo } from '../io';
import { openToWrite, type Who } from '../who';
import { findSession } from './sessions';
import { readPassphrase } from '../passphrase';
import { clockAt } from '../../services/clock';

export const exportPacketHelp = `Usage: mrb export packet <file.mrb> --session ID --identity id.p12 --out packet.pdf [--passphrase-file FILE] [--at ISO-TIME]

Builds the signed decision packet of a closed session: cover, attendance and quorum,
summary, heatmap, matrix, every agenda item with its evidence and decision, action
register, methodology, evidence manifest and the session's audit events, with the decision
record attached as JSON; signs it with the identity (passphrase from --passphrase-file or
MRB_PASSPHRASE) and records its SHA-256 in the workspace. --at fixes the packet's moment
(the same workspace and moment give the same unsigned bytes).`;

export async function runExportPacket(argv: string[], io: CliIo, who: Who): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv.filter((a) => !a.startsWith('--passphrase=') && a !== '--passphrase'),
    allowPositionals: true,
    options: { session: { type: 'string' }, identity: { type: 'string' }, out: { type: 'string' }, 'passphrase-file': { type: 'string' }, at: { type: 'string' } },
  });
  const passphrase = readPassphrase(argv, values['passphrase-file'], 'export packet');
  if (positionals.length !== 1) throw new UsageError('export packet takes exactly one workspace file.', 'export packet');
  for (const required of ['session', 'identity', 'out'] as const) {
    if (values[required] === undefined) throw new UsageError(`export packet needs --${required}.`, 'export packet');
  }
  const at = values.at === undefined ? undefined : new Date(values.at);
  if (at !== undefined && Number.isNaN(at.getTime())) throw new UsageError(`--at must be an ISO time, not "${values.at}".`, 'export packet');
  const identity = readIdentity(path.resolve(values.identity as string), passphrase);
  const ws = openToWrite(path.resolve(positionals[0] as string), 'mrb export packet', who);
  try {
    const sessionId = findSession(ws, values.session as string).id;
    const packet = await exportPacket(ws, { sessionId, identity, out: path.resolve(values.out as string), ...(at ? { clock: clockAt(at) } : {}), onPhase: (p) => io.err(`… ${p}`) });
    io.out(`Packet ${packet.id} written to ${path.resolve(values.out as string)}\n  SHA-256 ${packet.sha256}\n  ${packet.pages} pages, ${packet.bytes} bytes, signed by ${packet.signerName} at ${packet.signedAt}`);
  } finally {
    ws.close();
  }
  return EXIT.ok;
}
