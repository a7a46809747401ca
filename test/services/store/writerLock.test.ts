import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/services/store/workspace';
import { fingerprint, newWorkspace } from '../../helpers/workspaces';

const cli = path.resolve(__dirname, '../../../dist/electron/mrb.cjs');

/** The holder serves a one-page stand-in renderer: this test is about the lock alone. */
function serveEnv(dir: string): NodeJS.ProcessEnv {
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>stand-in</title>');
  return { ...process.env, MRB_RENDERER_DIR: rendererDir, MRB_USER_DATA: path.join(dir, 'user') };
}

/** Starts `mrb serve` on the workspace: a second process that holds it for writing. */
function holdInAnotherProcess(file: string, env: NodeJS.ProcessEnv): Promise<{ stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', file], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('http://127.0.0.1:')) {
        resolve({
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr.on('data', (d: Buffer) => reject(new Error(d.toString())));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

describe('a workspace open in another process', () => {
  it('refuses a second writer with "open elsewhere" and leaves the file intact', async () => {
    const { ws, file, dir } = newWorkspace();
    ws.close();
    const holder = await holdInAnotherProcess(file, serveEnv(dir));
    try {
      const before = fingerprint(file);
      expect(() => Workspace.open(file)).toThrow(/is open elsewhere for writing, by mrb serve \(process \d+ of .* on .*, since /);
      expect(fingerprint(file)).toBe(before);
      const reader = Workspace.open(file, { readonly: true });
      expect(reader.verifyAudit().ok).toBe(true);
      reader.close();
    } finally {
      await holder.stop();
    }
    const again = Workspace.open(file);
    expect(again.writable).toBe(true);
    again.close();
  });

  it('is released when the holder is killed outright', async () => {
    const { ws, file, dir } = newWorkspace();
    ws.close();
    const child = spawn(process.execPath, [cli, 'serve', file], { stdio: ['ignore', 'pipe', 'inherit'], env: serveEnv(dir) });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('127.0.0.1') && resolve()));
    expect(() => Workspace.open(file)).toThrow(/open elsewhere/);
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    const again = Workspace.open(file);
    expect(again.verifyAudit().ok).toBe(true);
    again.close();
  });
});
