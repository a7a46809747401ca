import type { CallName, CallResult, ParsedArgs } from '../../shared/contract/calls';
import { UserError } from '../../shared/contract/errors';
import { cycleInfo, currentTaxonomy, updateCycleDetails } from './cycles/cycleService';
import type { ImportJobs } from './jobs/importJobs';
import { bundleReport, listBundles } from './store/bundleTable';
import { listModels } from './store/modelTable';
import type { WorkspaceSession } from './workspaceSession';

export type Handlers = {
  [K in CallName]: (args: ParsedArgs<K>) => CallResult<K> | Promise<CallResult<K>>;
};

/** The one handler table both transports (Electron IPC, loopback HTTP) serve. */
export function createHandlers(session: WorkspaceSession, imports: ImportJobs): Handlers {
  return {
    'cycle.create': (a) => cycleInfo(session.create(a.path, { name: a.name, periodStart: a.periodStart ?? null, periodEnd: a.periodEnd ?? null })),
    'cycle.open': (a) => cycleInfo(session.open(a.path)),
    'cycle.close': () => ({ closed: session.close() }),
    'cycle.recent': () => session.recent.list(),
    'cycle.info': () => (session.workspace ? cycleInfo(session.workspace) : null),
    'cycle.update': (a) => {
      const ws = session.require();
      updateCycleDetails(ws, a);
      session.rememberCurrent();
      return cycleInfo(ws);
    },
    'models.list': () => listModels(session.require().reader),
    'taxonomy.get': () => currentTaxonomy(session.require()),
    'audit.verify': () => session.require().verifyAudit(),
    'bundles.import': (a) => imports.start(a.paths),
    'bundles.cancelImport': (a) => imports.cancel(a.id),
    'bundles.jobs': () => imports.list(),
    'bundles.list': (a) => listBundles(session.require().reader, a.modelId),
    'bundles.report': (a) => {
      const report = bundleReport(session.require().reader, a.sha256);
      if (!report) throw new UserError('not_found', `No bundle ${a.sha256.slice(0, 12)}… has been imported into this cycle.`);
      return report;
    },
  };
}
