import type { CallName, CallResult, ParsedArgs } from '../../shared/contract/calls';
import { cycleInfo, currentTaxonomy, updateCycleDetails } from './cycles/cycleService';
import { listModels } from './store/modelTable';
import type { WorkspaceSession } from './workspaceSession';

export type Handlers = {
  [K in CallName]: (args: ParsedArgs<K>) => CallResult<K> | Promise<CallResult<K>>;
};

/** The one handler table both transports (Electron IPC, loopback HTTP) serve. */
export function createHandlers(session: WorkspaceSession): Handlers {
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
  };
}
