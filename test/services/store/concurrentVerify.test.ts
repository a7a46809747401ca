import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { cycleInfo } from '../../../electron/services/cycles/cycleService';
import { Workspace } from '../../../electron/services/store/workspace';
import { runMrb } from '../../helpers/runMrb';
import { tempDir } from '../../helpers/tempDir';
import { newWorkspace } from '../../helpers/workspaces';

const ROOT = path.resolve(__dirname, '../../..');

/** The writing app, bundled as the CLI is; better-sqlite3 is loaded from the project. */
function buildWriter(): string {
  const out = path.join(tempDir('mrb-writer-'), 'auditWriter.cjs');
  buildSync({ entryPoints: [path.join(__dirname, 'fixtures/auditWriter.ts')], bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], outfile: out, logLevel: 'warning' });
  return out;
}

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
});

/** Starts the writer and resolves once it has committed its first change. */
function startWriter(file: string): Promise<{ stop: () => Promise<number> }> {
  const child = spawn(process.execPath, [buildWriter(), file], { env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number>((resolve) => child.on('exit', () => resolve(Number(/wrote (\d+)/.exec(out)?.[1] ?? 0))));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('writing')) resolve({ stop: () => (child.stdin.end(), exited) });
    });
    child.on('exit', () => reject(new Error(`the writer stopped early: ${err}`)));
  });
}

describe('verifying while another process writes', () => {
  it('audit verify and info never report deleted or inserted events in 40 runs each', { timeout: 120_000 }, async () => {
    const { ws, file } = newWorkspace();
    ws.close();
    const writer = await startWriter(file);
    const reports: string[] = [];
    for (let i = 0; i < 40; i++) {
      // A fresh reader each time, as `mrb audit verify` and `mrb info` are.
      const full = Workspace.open(file, { readonly: true });
      try {
        const r = full.verifyAudit();
        if (!r.ok) reports.push(`verify: ${r.problem?.reason}`);
      } finally {
        full.close();
      }
      const quick = Workspace.open(file, { readonly: true });
      try {
        const a = cycleInfo(quick).audit;
        if (!a.ok) reports.push(`info: ${a.problem?.reason}`);
        // The status shown after each change re-checks only the newest events.
        await new Promise((r) => setTimeout(r, 1));
        const again = quick.verifyAudit('latest');
        if (!again.ok) reports.push(`latest: ${again.problem?.reason}`);
      } finally {
        quick.close();
      }
    }
    // The CLI itself, alongside the same writer.
    for (let i = 0; i < 5; i++) {
      const r = runMrb(['audit', 'verify', file]);
      if (r.code !== 0) reports.push(`mrb: ${r.stderr}`);
    }
    const commits = await writer.stop();
    expect(reports).toEqual([]);
    // The writer really wrote throughout: far more commits than verifications.
    expect(commits).toBeGreaterThan(45);
    const after = Workspace.open(file, { readonly: true });
    expect(after.verifyAudit()).toMatchObject({ ok: true, events: 2 + 3 * commits });
    after.close();
  });
});
