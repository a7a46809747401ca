import type { Reply } from '../../../shared/contract/errors';
import type { SessionOptions } from '../workspaceSession';

/**
 * The one message port between the services' thread and whoever owns it (Electron's
 * main process, `mrb serve`). Calls are the contract's: a name and its arguments in,
 * a Reply out, matched by id; the contract (shared/contract/calls.ts) is the method map,
 * and its schemas are checked on the services' side by dispatch. Events (change, job,
 * progress) come out by their transport event name.
 */
export type ToServices = { kind: 'call'; id: number; name: string; args: unknown } | { kind: 'close' };

export type FromServices =
  | { kind: 'reply'; id: number; reply: Reply<unknown> }
  | { kind: 'event'; name: string; payload: unknown };

/** What the thread is started with: plain data (workerData is copied). */
export interface ServiceThreadData {
  session: SessionOptions;
  /** The bundled import worker (dist/electron/importWorker.cjs). */
  importWorker: string;
  /** The bundled packet worker (dist/electron/packetWorker.cjs). */
  packetWorker: string;
}
