// `npm run demo`: the headless path in one step. Builds the sample cycle once with
// `mrb demo` (bundles, scores, a closed board session, a signed packet) in ./mrb-demo,
// then serves it on 127.0.0.1; open the printed address in a browser.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mrb = path.join(root, 'dist', 'electron', 'mrb.cjs');
const dir = path.resolve(process.argv[2] ?? 'mrb-demo');
const file = path.join(dir, 'demo-cycle.mrb');

if (!fs.existsSync(file)) {
  const made = spawnSync(process.execPath, [mrb, 'demo', dir], { stdio: 'inherit' });
  if (made.status !== 0) process.exit(made.status ?? 1);
}
const host = spawn(process.execPath, [mrb, 'serve', file], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code) => process.exit(code ?? 0));
