import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CallArgs, CallName, CallResult } from '../../../shared/contract/calls';
import type { Reply } from '../../../shared/contract/errors';
import { logInternalError } from '../errorLog';
import type { SessionOptions } from '../workspaceSession';
import type { FromServices, ServiceThreadData, ToServices } from './protocol';

const CLOSE_GRACE_MS = 5_000;

/** How a transport hands a contract call on: a name and raw arguments in, a Reply out. */
export type CallForwarder = (name: string, args: unknown) => Promise<Reply<unknown>>;
export type EventListener = (eventName: string, payload: unknown) => void;

/** The bundled thread and the workers it starts, side by side in dist/electron. */
export function serviceThreadFiles(distElectron: string): Omit<ServiceThreadData, 'session'> & { entry: string } {
  return {
    entry: path.join(distElectron, 'serviceThread.cjs'),
    importWorker: path.join(distElectron, 'importWorker.cjs'),
    packetWorker: path.join(distElectron, 'packetWorker.cjs'),
  };
}

/**
 * The owner's end of the services' thread (serviceHost.ts): it forwards calls and hands
 * out events, and holds nothing of the workspace. Should the thread die, every call
 * waiting and every later one gets a sentence saying so, with the log's path.
 */
export class ServiceThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (reply: Reply<unknown>) => void>();
  private readonly listeners = new Set<EventListener>();
  private nextId = 1;
  private stopped: string | null = null;
  private readonly exited: Promise<void>;

  constructor(files: { entry: string; importWorker: string; packetWorker: string }, session: SessionOptions) {
    const data: ServiceThreadData = { session, importWorker: files.importWorker, packetWorker: files.packetWorker };
    this.worker = new Worker(files.entry, { workerData: data });
    this.worker.on('message', (m: FromServices) => {
      if (m.kind === 'reply') {
        this.waiting.get(m.id)?.(m.reply);
        this.waiting.delete(m.id);
      } else if (m.kind === 'event') {
        for (const l of this.listeners) l(m.name, m.payload);
      }
    });
    this.worker.on('error', (err) => {
      const log = logInternalError('services thread', err);
      this.stop(`The app's services stopped on an internal error; the details are in ${log ?? 'the log'}. Restart the app.`);
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', () => {
        this.stop("The app's services have stopped. Restart the app.");
        resolve();
      });
    });
  }

  readonly call: CallForwarder = (name, args) => {
    if (this.stopped !== null) return Promise.resolve({ ok: false, error: { code: 'internal', message: this.stopped } });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      try {
        this.send({ kind: 'call', id, name, args });
      } catch {
        this.waiting.delete(id);
        resolve({ ok: false, error: { code: 'invalid_argument', message: `The arguments of ${name} could not be sent: they must be plain data (JSON).` } });
      }
    });
  };

  /** A call typed by the contract, the method map both ends share: for the owner's own calls (serve opening its file). */
  request<K extends CallName>(name: K, args: CallArgs<K>): Promise<Reply<CallResult<K>>> {
    return this.call(name, args) as Promise<Reply<CallResult<K>>>;
  }

  /** Change, job and progress events, by their transport event name; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the workspace in its thread (its writer lock released), then ends the thread. */
  async close(): Promise<void> {
    if (this.stopped === null) this.send({ kind: 'close' });
    // A packet still being laid out keeps the thread alive; nothing of it is written, so it may be cut short.
    const cut = setTimeout(() => void this.worker.terminate(), CLOSE_GRACE_MS);
    await this.exited;
    clearTimeout(cut);
  }

  private send(message: ToServices): void {
    this.worker.postMessage(message);
  }

  private stop(sentence: string): void {
    if (this.stopped !== null) return;
    this.stopped = sentence;
    for (const reply of this.waiting.values()) reply({ ok: false, error: { code: 'internal', message: sentence } });
    this.waiting.clear();
  }
}
