import { parentPort, workerData } from 'node:worker_threads';
import { CHANGE_EVENT_NAME, JOB_EVENT_NAME, PROGRESS_EVENT_NAME } from '../../../shared/contract/transport';
import { dispatch } from '../dispatch';
import { logInternalError } from '../errorLog';
import { compileHotLoopsWhereTheyRun } from '../hotLoops';
import { createHandlers } from '../handlers';
import { ImportJobs } from '../jobs/importJobs';
import { ExportRuns } from '../packets/exportRuns';
import { readTolerance } from '../settings';
import { WorkspaceSession } from '../workspaceSession';
import type { FromServices, ServiceThreadData, ToServices } from './protocol';

/**
 * The services' thread (bundled as dist/electron/serviceThread.cjs): the workspace
 * session, its import jobs and packet exports, and the handler table, all here, so that
 * a long call never stalls a window or the loopback host's HTTP loop. Calls are answered
 * as they finish, not in turn: a call waiting on a worker (an import, a packet's pages)
 * leaves this thread free for the next one.
 */
const port = parentPort;
if (!port) throw new Error('serviceHost runs as a worker thread');
compileHotLoopsWhereTheyRun();
const data = workerData as ServiceThreadData;
const post = (message: FromServices) => port.postMessage(message);

const session = new WorkspaceSession(data.session);
const imports = new ImportJobs(session, { workerPath: data.importWorker, tolerance: () => readTolerance(session.workspace) });
const exports = new ExportRuns(data.packetWorker);
const handlers = createHandlers(session, imports, exports);
session.onChange((payload) => post({ kind: 'event', name: CHANGE_EVENT_NAME, payload }));
imports.onEvent((payload) => post({ kind: 'event', name: JOB_EVENT_NAME, payload }));
exports.onProgress((payload) => post({ kind: 'event', name: PROGRESS_EVENT_NAME, payload }));

port.on('message', (m: ToServices) => {
  if (m.kind === 'call') {
    void dispatch(handlers, m.name, m.args).then((reply) => {
      try {
        post({ kind: 'reply', id: m.id, reply });
      } catch (err) {
        // A result the port cannot copy is a bug here; the caller still gets its one sentence.
        const log = logInternalError(`reply to ${m.name}`, err);
        post({ kind: 'reply', id: m.id, reply: { ok: false, error: { code: 'internal', message: `Something went wrong in ${m.name}; the details are in ${log ?? 'the log'}.` } } });
      }
    });
    return;
  }
  // Closing releases the workspace's writer lock before the owner goes; with the port closed the thread ends.
  imports.dispose();
  session.dispose();
  port.close();
});
