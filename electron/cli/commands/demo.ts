import path from 'node:path';
import { parseArgs } from 'node:util';
import { runDemo } from '../../services/demo/demoCycle';
import { EXIT, UsageError, type CliIo } from '../io';

export const demoHelp = `Usage: mrb demo <dir>

Builds a complete review cycle in <dir> through the same services as the app: five
sample evaluation bundles (one with a mismatched claim, one with drift, one with a gap
between groups), imported and validated; rule scores and analyst overrides; a board
session with every outcome kind, closed; a signed decision packet exported with a fresh
identity and verified. Prints where each file is. Open the cycle with \`mrb serve\`.
<dir> is a new or an empty folder: one that holds the demo's files already is refused.`;

export async function runDemoCommand(argv: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('demo takes exactly one folder.', 'demo');
  const dir = path.resolve(positionals[0] as string);
  const r = await runDemo(dir, (line) => io.out(`· ${line}`));
  io.out(
    [
      '',
      `Workspace        ${r.workspace}`,
      `Bundles          ${path.dirname(r.bundles[0]?.dir ?? dir)}`,
      `Signing identity ${r.identity} (passphrase in ${r.passphraseFile})`,
      `CA certificate   ${r.caCertificate}`,
      `Signed packet    ${r.packet}`,
      `Packet SHA-256   ${r.packetSha256}`,
      '',
      ...r.verification.checks.map((c) => `  ${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`),
      '',
      `Next: mrb serve ${r.workspace}   ·   mrb verify ${r.packet} --trust ${r.caCertificate}   ·   pdfsig ${r.packet}`,
    ].join('\n'),
  );
  return r.verification.ok ? EXIT.ok : EXIT.failed;
}
