import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../shared/contract/calls';
import { dispatch } from '../../../electron/services/dispatch';
import { ImportJobs } from '../../../electron/services/jobs/importJobs';
import { BundleCopy } from '../../helpers/bundleCopies';
import { services } from '../../helpers/services';
import { tempDir } from '../../helpers/tempDir';

/**
 * What an import job shows in the app when the bundle is hostile or the import itself
 * breaks: a sentence, never a stack trace; an internal failure says where it was logged.
 */

let userData: string;
const previous = process.env.MRB_USER_DATA;
beforeEach(() => {
  userData = tempDir('mrb-user-');
  process.env.MRB_USER_DATA = userData;
});
afterEach(() => {
  if (previous === undefined) delete process.env.MRB_USER_DATA;
  else process.env.MRB_USER_DATA = previous;
});

async function finished(jobs: ImportJobs, id: string): Promise<ImportJob> {
  const start = Date.now();
  for (;;) {
    const job = jobs.list().find((j) => j.id === id)!;
    if (!['queued', 'running'].includes(job.status)) return job;
    if (Date.now() - start > 60_000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function openCycle() {
  const s = services();
  expect((await dispatch(s.handlers, 'cycle.create', { path: path.join(s.dir, 'q3.mrb'), name: 'Q3' })).ok).toBe(true);
  return s;
}

describe('import jobs meeting bad input and internal failures', () => {
  it('a zip bomb dropped into the app is refused with its sentence and nothing is stored', async () => {
    const { imports, handlers } = await openCycle();
    const copy = new BundleCopy();
    const zip = path.join(path.dirname(copy.dir), 'bomb.zip');
    const script = `import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(src)):
        z.write(os.path.join(src, name), name)
    info = zipfile.ZipInfo('zeros.bin')
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, 'w', force_zip64=True) as f:
        for _ in range(20):
            f.write(bytes(1 << 20))`;
    execFileSync('python3', ['-c', script, copy.dir, zip]);
    const [job] = imports.start([zip]);
    const done = await finished(imports, job!.id);
    expect(done.status).toBe('refused');
    expect(done.message).toMatch(/^bomb\.zip: the entry "zeros\.bin" would unpack to 20\.0 MiB from \d+\.\d KiB, \d+ times its size; at most 200 times is accepted\. The archive is refused\.$/);
    expect(await dispatch(handlers, 'bundles.list', {})).toMatchObject({ ok: true, value: [] });
  });

  it('a worker that crashes gives one sentence naming the log (mode 0600) that holds the stack', async () => {
    const { session } = await openCycle();
    const crash = path.join(tempDir(), 'crash.cjs');
    fs.writeFileSync(crash, "function deep() { throw new RangeError('Invalid string length'); }\ndeep();\n");
    const imports = new ImportJobs(session, { workerPath: crash, tolerance: () => 0.001 });
    try {
      const [job] = imports.start(['/somewhere/bundle.zip']);
      const done = await finished(imports, job!.id);
      expect(done.status).toBe('failed');
      const log = /the details are in (\S+)\.$/.exec(done.message ?? '')?.[1];
      expect(done.message).toMatch(/^The import of bundle\.zip failed unexpectedly \(a bug, not a fault of the bundle\); nothing was stored, and the details are in .+\.$/);
      expect(done.message).not.toMatch(/\n|\s+at /);
      expect(log?.startsWith(path.join(userData, 'logs'))).toBe(true);
      expect(fs.statSync(log!).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(log!, 'utf8')).toMatch(/RangeError: Invalid string length\n\s+at deep/);
    } finally {
      imports.dispose();
    }
  });

  it('a failure reported by the worker is logged with its stack, and the job says where', async () => {
    const { session } = await openCycle();
    const failing = path.join(tempDir(), 'failing.cjs');
    fs.writeFileSync(failing, "require('node:worker_threads').parentPort.postMessage({ type: 'failed', message: 'TypeError: x is undefined\\n    at readThing (reader.ts:12:3)' });\n");
    const imports = new ImportJobs(session, { workerPath: failing, tolerance: () => 0.001 });
    try {
      const [job] = imports.start(['/somewhere/b.zip']);
      const done = await finished(imports, job!.id);
      expect(done.message).not.toMatch(/readThing/);
      const log = /the details are in (\S+)\.$/.exec(done.message ?? '')?.[1];
      expect(fs.readFileSync(log!, 'utf8')).toMatch(/at readThing \(reader\.ts:12:3\)/);
    } finally {
      imports.dispose();
    }
  });
});
