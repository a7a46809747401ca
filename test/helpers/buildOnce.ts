import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** CLI and import tests run the real `mrb` bundle and import worker: build them once per run (esbuild, about a second). */
export default function setup(): void {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'build', 'bundle.mjs'), 'cli', 'worker', 'driftWorker'], { cwd: root, stdio: 'inherit' });
}
