import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const MRB = path.resolve(__dirname, '../../dist/electron/mrb.cjs');

/** Runs the built `mrb` CLI as a user would, from a given folder. */
export function runMrb(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, [MRB, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
