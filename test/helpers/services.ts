import path from 'node:path';
import { afterEach } from 'vitest';
import { createHandlers } from '../../electron/services/handlers';
import { ImportJobs } from '../../electron/services/jobs/importJobs';
import { readTolerance } from '../../electron/services/settings';
import { WorkspaceSession } from '../../electron/services/workspaceSession';
import { tempDir } from './tempDir';
import type { Clock } from '../../electron/services/clock';

export const WORKER = path.resolve(__dirname, '../../dist/electron/importWorker.cjs');

const made: { session: WorkspaceSession; imports: ImportJobs }[] = [];
afterEach(() => {
  for (const m of made.splice(0)) {
    m.imports.dispose();
    m.session.dispose();
  }
});

/** The Node side as a window or the host has it: a session (on the system's clock unless given one), its import jobs, the handler table. */
export function services(clock?: Clock) {
  const dir = tempDir();
  const session = new WorkspaceSession({ userDataDir: path.join(dir, 'user'), workspace: { actor: 'analyst@test' }, ...(clock ? { clock } : {}) });
  const imports = new ImportJobs(session, { workerPath: WORKER, tolerance: () => readTolerance(session.workspace) });
  made.push({ session, imports });
  return { dir, session, imports, handlers: createHandlers(session, imports) };
}
