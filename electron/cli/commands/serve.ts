import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHost, type RunningHost } from '../../host/loopbackHost';
import type { ChangeEvent, ServicesNotice } from '../../../shared/contract/calls';
import { UserError } from '../../../shared/contract/errors';
import { CHANGE_EVENT_NAME, SERVICES_EVENT_NAME } from '../../../shared/contract/transport';
import { defaultUserDataDir } from '../../services/recentCycles';
import { logFolder } from '../../services/errorLog';
import { advertiseEndpoint, withdrawEndpoint } from '../../services/hostEndpoint';
import { ServiceThread, serviceThreadFiles } from '../../services/serviceThread/serviceThread';
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

/**
 * The services' thread started again after a crash, or left stopped, is said in the terminal
 * too: whoever runs `mrb serve` may have no page open to show the banner, and a stopped
 * thread answers every page with a refusal until mrb serve is started again.
 */
export function tellServicesNotices(services: Pick<ServiceThread, 'onEvent'>, io: CliIo): () => void {
  return services.onEvent((name, payload) => {
    if (name !== SERVICES_EVENT_NAME) return;
    const notice = payload as ServicesNotice;
    io.err(notice.kind === 'stopped' ? `${notice.message} For mrb serve: press Ctrl+C and run it again.` : notice.message);
  });
}

export async function runServe(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { port: { type: 'string' } } });
  if (positionals.length > 1) throw new UsageError('serve takes at most one workspace file.', 'serve');
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a whole number from 1 to 65535, not "${values.port}".`, 'serve');
  }
  const services = new ServiceThread(serviceThreadFiles(__dirname), { userDataDir: defaultUserDataDir(), workspace: { app: 'mrb serve' } });
  // The open workspace, as its change events say: the endpoint file stays beside it.
  let open: string | null = null;
  let advertised: string | null = null;
  let host: RunningHost | null = null;
  const advertise = () => {
    if (host === null || open === advertised) return;
    if (advertised !== null) withdrawEndpoint(advertised);
    if (open !== null) advertiseEndpoint(open, { origin: host.origin, token: host.token });
    advertised = open;
  };
  const offWorkspace = services.onEvent((name, payload) => {
    const e = payload as ChangeEvent;
    if (name !== CHANGE_EVENT_NAME || e.entity !== 'workspace') return;
    open = e.ids[0] ?? null;
    advertise();
  });
  const offNotices = tellServicesNotices(services, io);
  try {
    const file = positionals[0];
    if (file !== undefined) {
      const reply = await services.request('cycle.open', { path: path.resolve(file) });
      if (!reply.ok) throw new UserError(reply.error.code, reply.error.message, reply.error.field);
    }
    host = await startHost({ call: services.call, subscribe: (emit) => services.onEvent(emit), rendererDir: rendererDir(), port });
  } catch (err) {
    offWorkspace();
    offNotices();
    await services.close();
    throw err;
  }
  advertise();
  io.out(`Model Review Board is served at\n\n  ${host.url}\n\nOpen it in a browser on this machine. Press Ctrl+C to stop.\nIts log (the details of anything that goes wrong): ${logFolder()}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  offWorkspace();
  offNotices();
  if (advertised !== null) withdrawEndpoint(advertised);
  await host.close();
  await services.close();
  io.out('Stopped; the workspace is closed.');
  return 0;
}
