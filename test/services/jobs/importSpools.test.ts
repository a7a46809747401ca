import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../shared/contract/calls';
import { dispatch } from '../../../electron/services/dispatch';
import { createHandlers } from '../../../electron/services/handlers';
import { ImportJobs } from '../../../electron/services/jobs/importJobs';
import { readTolerance } from '../../../electron/services/settings';
import { WorkspaceSession } from '../../../electron/services/workspaceSession';
import { EXAMPLE_BUNDLE } from '../../helpers/exampleBundle';
import { WORKER } from '../../helpers/services';
import { tempDir } from '../../helpers/tempDir';
import { writeLargeBundle } from '../../bench/largeBundle';

/**
 * An import job's worker spools the bundle's bytes to a folder of the job's own, which the
 * job removes when it ends, whatever the ending: stored, refused or cancelled while the
 * worker is still writing. A folder left by a process that was killed is swept by the next job.
 */

async function settledJobs(events: ImportJob[], ids: string[]): Promise<void> {
  const start = Date.now();
  const done = () => ids.every((id) => ['imported', 'already_imported', 'refused', 'cancelled', 'failed'].includes(events.filter((j) => j.id === id).at(-1)?.status ?? ''));
  while (!done()) {
    if (Date.now() - start > 60_000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('import spools', () => {
  it('are gone once a job is stored, refused or cancelled, with the folder a killed process left', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const spoolRoot = path.join(dir, 'spools');
    const gone = spawnSync(process.execPath, ['-e', '']).pid as number;
    fs.mkdirSync(path.join(spoolRoot, `mrb-spool-${gone}-z9y8x7`), { recursive: true });
    fs.writeFileSync(path.join(spoolRoot, `mrb-spool-${gone}-z9y8x7`, 'bundle.spool'), 'left by a killed app');
    const session = new WorkspaceSession({ userDataDir: path.join(dir, 'user'), workspace: { actor: 'analyst@test' } });
    const imports = new ImportJobs(session, { workerPath: WORKER, tolerance: () => readTolerance(session.workspace), spoolRoot });
    try {
      const handlers = createHandlers(session, imports);
      expect((await dispatch(handlers, 'cycle.create', { path: path.join(dir, 'q3.mrb'), name: 'Q3' })).ok).toBe(true);
      const events: ImportJob[] = [];
      imports.onEvent((j) => events.push(j));

      const broken = path.join(dir, 'broken');
      fs.cpSync(EXAMPLE_BUNDLE, broken, { recursive: true });
      fs.appendFileSync(path.join(broken, 'predictions.csv'), '1,0.5,F,18-30\n');
      const large = path.join(dir, 'large');
      writeLargeBundle(large, 'csv');
      const started = await dispatch(handlers, 'bundles.import', { paths: [EXAMPLE_BUNDLE, broken, large] });
      const [good, bad, big] = started.ok ? (started.value as ImportJob[]) : [];
      // The large one is cancelled once its worker has read part of it into its spool.
      const start = Date.now();
      while (!events.some((e) => e.id === big!.id && e.status === 'running' && e.bytes > 0)) {
        if (Date.now() - start > 60_000) throw new Error('the large import never started');
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(fs.readdirSync(spoolRoot)).toHaveLength(1);
      await dispatch(handlers, 'bundles.cancelImport', { id: big!.id });
      await settledJobs(events, [good!.id, bad!.id, big!.id]);
      expect(events.filter((e) => e.id === good!.id).at(-1)?.status).toBe('imported');
      expect(events.filter((e) => e.id === bad!.id).at(-1)?.status).toBe('refused');
      expect(events.filter((e) => e.id === big!.id).at(-1)?.status).toBe('cancelled');
      expect(fs.readdirSync(spoolRoot)).toEqual([]);
    } finally {
      imports.dispose();
      session.dispose();
    }
  });
});
