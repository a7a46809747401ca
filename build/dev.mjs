// `npm run dev`: rebuilds the renderer on every save and serves it through the loopback
// host with the real services; reload the page to see a change. Arguments go to
// `mrb serve` (e.g. `npm run dev -- cycle.mrb --port 5170`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vite = spawn(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--watch', '--config', 'renderer/vite.config.ts'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const host = spawn(process.execPath, [path.join(root, 'dist', 'electron', 'mrb.cjs'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
const stop = () => {
  vite.kill('SIGTERM');
  host.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
host.on('exit', (code) => {
  vite.kill('SIGTERM');
  process.exit(code ?? 0);
});
