import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MRB } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** What `mrb serve` prints before it waits for Ctrl+C. */
function served(userData: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MRB, 'serve'], { env: { ...process.env, MRB_USER_DATA: userData }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Its log.*\n/.test(out)) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`mrb serve exited with ${code}: ${out}`)));
  });
}

describe('mrb serve', () => {
  it('prints where its log is: logs/ in the user data folder, made at once', async () => {
    const userData = tempDir();
    const out = await served(userData);
    const folder = path.join(userData, 'logs');
    expect(out).toContain(`Its log (the details of anything that goes wrong): ${folder}\n`);
    expect(fs.statSync(folder).isDirectory()).toBe(true);
  }, 60_000);
});
