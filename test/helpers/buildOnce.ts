import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** CLI, import and host tests run the real `mrb` bundle, the import worker and the services' thread: build them once per run (esbuild, about a second). */
export default function setup(): void {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'build', 'bundle.mjs'), 'cli', 'worker', 'driftWorker', 'serviceThread', 'packetWorker'], { cwd: root, stdio: 'inherit' });
}
