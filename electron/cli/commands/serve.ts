import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHost } from '../../host/loopbackHost';
import { CHANGE_EVENT_NAME, JOB_EVENT_NAME } from '../../../shared/contract/transport';
import { createHandlers } from '../../services/handlers';
import { defaultWorkerPath, ImportJobs } from '../../services/jobs/importJobs';
import { readTolerance } from '../../services/settings';
import { defaultUserDataDir } from '../../services/recentCycles';
import { logFolder } from '../../services/errorLog';
import { advertiseEndpoint, withdrawEndpoint } from '../../services/hostEndpoint';
import { WorkspaceSession } from '../../services/workspaceSession';
import { UsageError, type CliIo } from '../io';

export const serveHelp = `Usage: mrb serve [<file.mrb>] [--port N]

Serves the app on http://127.0.0.1 only, for a browser on this machine, and prints the
address to open (it carries a random access token made for this run). With a file, that
workspace is opened; without one, the start screen lets you create or open a cycle.
Every open page shows changes live. Stop with Ctrl+C.`;

/** The built renderer sits beside the bundled CLI: dist/electron/mrb.cjs -> dist/renderer. */
function rendererDir(): string {
  return process.env.MRB_RENDERER_DIR ?? path.resolve(__dirname, '..', 'renderer');
}

export async function runServe(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { port: { type: 'string' } } });
  if (positionals.length > 1) throw new UsageError('serve takes at most one workspace file.', 'serve');
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a whole number from 1 to 65535, not "${values.port}".`, 'serve');
  }
  const session = new WorkspaceSession({ userDataDir: defaultUserDataDir(), workspace: { app: 'mrb serve' } });
  const file = positionals[0];
  if (file !== undefined) session.open(path.resolve(file));
  const imports = new ImportJobs(session, { workerPath: defaultWorkerPath(), tolerance: () => readTolerance(session.workspace) });
  const handlers = createHandlers(session, imports);
  let host;
  try {
    host = await startHost({
      handlers,
      subscribe: (emit) => {
        const offChange = session.onChange((e) => emit(CHANGE_EVENT_NAME, e));
        const offJob = imports.onEvent((j) => emit(JOB_EVENT_NAME, j));
        return () => {
          offChange();
          offJob();
        };
      },
      rendererDir: rendererDir(),
      port,
    });
  } catch (err) {
    imports.dispose();
    session.dispose();
    throw err;
  }
  // Keep the endpoint file beside whichever workspace the pages have open.
  let advertised: string | null = null;
  const advertise = () => {
    const open = session.workspace?.path ?? null;
    if (open === advertised) return;
    if (advertised !== null) withdrawEndpoint(advertised);
    if (open !== null) advertiseEndpoint(open, { origin: host.origin, token: host.token });
    advertised = open;
  };
  advertise();
  const offAdvertise = session.onChange((e) => {
    if (e.entity === 'workspace') advertise();
  });
  io.out(`Model Review Board is served at\n\n  ${host.url}\n\nOpen it in a browser on this machine. Press Ctrl+C to stop.\nIts log (the details of anything that goes wrong): ${logFolder()}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  offAdvertise();
  if (advertised !== null) withdrawEndpoint(advertised);
  await host.close();
  imports.dispose();
  session.dispose();
  io.out('Stopped; the workspace is closed.');
  return 0;
}
