import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../shared/contract/calls';
import { dispatch } from '../../../electron/services/dispatch';
import { bundleFile, storedContent } from '../../../electron/services/store/bundleTable';
import { driftBundle } from '../../helpers/driftBundles';
import { services } from '../../helpers/services';

/**
 * In the app, the import's worker reads the predictions and the drift worker (a thread of
 * its own) reads reference and current, each writing its files into the one spool as it
 * hashes and parses them: what the workspace stores is every file, byte for byte.
 */

describe('an import job reads each file once, on two threads', () => {
  it('stores reference and current as the drift worker read them, byte for byte', { timeout: 120_000 }, async () => {
    const { dir, handlers, imports, session } = services();
    expect((await dispatch(handlers, 'cycle.create', { path: path.join(dir, 'q3.mrb'), name: 'Q3' })).ok).toBe(true);
    const events: ImportJob[] = [];
    imports.onEvent((j) => events.push(j));
    const copy = driftBundle(2.5);
    const started = await dispatch(handlers, 'bundles.import', { paths: [copy.dir] });
    const [job] = started.ok ? (started.value as ImportJob[]) : [];
    const start = Date.now();
    while (!['imported', 'refused', 'failed', 'cancelled'].includes(events.filter((e) => e.id === job!.id).at(-1)?.status ?? '')) {
      if (Date.now() - start > 100_000) throw new Error('the import never ended');
      await new Promise((r) => setTimeout(r, 20));
    }
    const final = events.filter((e) => e.id === job!.id).at(-1)!;
    expect(final.status).toBe('imported');
    const ws = session.require();
    for (const name of fs.readdirSync(copy.dir)) {
      const stored = bundleFile(ws.reader, final.outcome!.sha256, name);
      expect(storedContent(ws.reader, stored!.sha256).equals(fs.readFileSync(path.join(copy.dir, name))), name).toBe(true);
    }
    expect(ws.verifyAudit('full', { rehashFiles: true }).problem).toBeNull();
  });
});
