import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CallArgs, CallName, CallResult, ChangeEvent, ImportJob, ServicesNotice } from '../../../shared/contract/calls';
import type { Reply } from '../../../shared/contract/errors';
import { CHANGE_EVENT_NAME, JOB_EVENT_NAME, SERVICES_EVENT_NAME } from '../../../shared/contract/transport';
import { logInternalError } from '../errorLog';
import type { SessionOptions } from '../workspaceSession';
import type { FromServices, ServiceThreadData, ToServices } from './protocol';

const CLOSE_GRACE_MS = 5_000;
/** A thread that dies this often within CRASH_WINDOW_MS is left stopped: starting it again would only crash it again. */
const CRASHES_ALLOWED = 3;
const CRASH_WINDOW_MS = 60_000;

/** How a transport hands a contract call on: a name and raw arguments in, a Reply out. */
export type CallForwarder = (name: string, args: unknown) => Promise<Reply<unknown>>;
export type EventListener = (eventName: string, payload: unknown) => void;

type ThreadFiles = { entry: string; importWorker: string; packetWorker: string };

/** The bundled thread and the workers it starts, side by side in dist/electron. */
export function serviceThreadFiles(distElectron: string): Omit<ServiceThreadData, 'session'> & { entry: string } {
  return {
    entry: path.join(distElectron, 'serviceThread.cjs'),
    importWorker: path.join(distElectron, 'importWorker.cjs'),
    packetWorker: path.join(distElectron, 'packetWorker.cjs'),
  };
}

function refusal(message: string): Reply<never> {
  return { ok: false, error: { code: 'internal', message } };
}

/**
 * The owner's end of the services' thread (serviceHost.ts): it forwards calls and hands
 * out events, and holds nothing of the workspace but the path its change events name.
 * Should the thread die, the calls waiting get a sentence, a new thread is started and
 * reopens that workspace (the dead one's handles, its writer lock among them, went with
 * it), and the pages are told once (a services event). Calls made meanwhile wait for the
 * reopen. After CRASHES_ALLOWED deaths within a minute it stays stopped and every call
 * says so.
 */
export class ServiceThread {
  private current: { worker: Worker; exited: Promise<void> };
  /** Counts the threads started, so that the answer of a dead one's reopen is not taken for the current one's. */
  private generation = 0;
  private readonly waiting = new Map<number, { name: string; resolve: (reply: Reply<unknown>) => void }>();
  private readonly listeners = new Set<EventListener>();
  private nextId = 1;
  private stopped: string | null = null;
  private closing = false;
  private readonly crashes: number[] = [];
  /** The workspace open in the thread, as its change events say. */
  private openPath: string | null = null;
  /** Imports queued or running in the thread, as its job events say: a crash ends them, and the pages must hear it. */
  private readonly unfinished = new Map<string, ImportJob>();
  /** Settles once a restarted thread has reopened the workspace; calls wait for it. */
  private ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly files: ThreadFiles,
    private readonly session: SessionOptions,
  ) {
    this.current = this.start();
  }

  readonly call: CallForwarder = async (name, args) => {
    await this.ready;
    return this.send(name, args);
  };

  /** A call typed by the contract, the method map both ends share: for the owner's own calls (serve opening its file). */
  request<K extends CallName>(name: K, args: CallArgs<K>): Promise<Reply<CallResult<K>>> {
    return this.call(name, args) as Promise<Reply<CallResult<K>>>;
  }

  /** Change, job, progress and services events, by their transport event name; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the workspace in its thread (its writer lock released), then ends the thread. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.stopped === null) this.post({ kind: 'close' });
    // A packet still being laid out keeps the thread alive; nothing of it is written, so it may be cut short.
    const { worker, exited } = this.current;
    const cut = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS);
    await exited;
    clearTimeout(cut);
  }

  private start(): { worker: Worker; exited: Promise<void> } {
    this.generation += 1;
    const data: ServiceThreadData = { session: this.session, importWorker: this.files.importWorker, packetWorker: this.files.packetWorker };
    const worker = new Worker(this.files.entry, { workerData: data });
    let failure: unknown = null;
    worker.on('message', (m: FromServices) => {
      if (m.kind === 'reply') {
        this.waiting.get(m.id)?.resolve(m.reply);
        this.waiting.delete(m.id);
      } else if (m.kind === 'event') {
        if (m.name === CHANGE_EVENT_NAME && (m.payload as ChangeEvent).entity === 'workspace') this.openPath = (m.payload as ChangeEvent).ids[0] ?? null;
        if (m.name === JOB_EVENT_NAME) this.follow(m.payload as ImportJob);
        this.emit(m.name, m.payload);
      }
    });
    worker.on('error', (err) => {
      failure = err;
    });
    const exited = new Promise<void>((resolve) => {
      worker.once('exit', (code) => {
        this.died(failure ?? new Error(`The services' thread ended by itself (exit code ${code}).`));
        resolve();
      });
    });
    return { worker, exited };
  }

  private died(failure: unknown): void {
    if (this.closing) {
      this.stop("The app's services have stopped. Restart the app.");
      return;
    }
    const log = logInternalError('services thread', failure) ?? 'the log';
    this.endImports();
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0]! > CRASH_WINDOW_MS) this.crashes.shift();
    if (this.crashes.length >= CRASHES_ALLOWED) {
      const message = `The app's services stopped on an internal error ${CRASHES_ALLOWED} times within a minute, so they were not started again; the details are in ${log}. Restart the app.`;
      this.stop(message);
      this.emit(SERVICES_EVENT_NAME, { kind: 'stopped', message } satisfies ServicesNotice);
      return;
    }
    for (const { name, resolve } of this.waiting.values()) {
      resolve(refusal(`The app's services stopped on an internal error before ${name} was answered, and were started again; the details are in ${log}. Check whether it was done before trying again.`));
    }
    this.waiting.clear();
    this.current = this.start();
    this.ready = this.reopen(this.openPath, log);
  }

  /** Opens again in the new thread the workspace the dead one had open, then tells the pages. */
  private async reopen(file: string | null, log: string): Promise<void> {
    const generation = this.generation;
    const started = "The app's services stopped on an internal error and were started again";
    if (file === null) {
      this.emit(SERVICES_EVENT_NAME, { kind: 'restarted', message: `${started}; the details are in ${log}.` } satisfies ServicesNotice);
      return;
    }
    const reply = await this.send('cycle.open', { path: file });
    // Died again meanwhile: the next thread reopens it, or none will.
    if (generation !== this.generation || this.stopped !== null) return;
    if (reply.ok) {
      this.emit(SERVICES_EVENT_NAME, {
        kind: 'restarted',
        message: `${started}, and ${file} is open again. A change being saved at that moment may not have been saved: check your last change. The details are in ${log}.`,
      } satisfies ServicesNotice);
      return;
    }
    // The pages still show it: they go back to the start screen, as when a workspace is closed.
    this.openPath = null;
    this.emit(CHANGE_EVENT_NAME, { entity: 'workspace', ids: [], seq: null } satisfies ChangeEvent);
    this.emit(SERVICES_EVENT_NAME, {
      kind: 'restarted',
      message: `${started}, but ${file} could not be opened again: ${reply.error.message} The details are in ${log}.`,
    } satisfies ServicesNotice);
  }

  private follow(job: ImportJob): void {
    if (job.status === 'queued' || job.status === 'running') this.unfinished.set(job.id, job);
    else this.unfinished.delete(job.id);
  }

  /** The imports the dead thread was running end as failed on every page, with Retry, instead of running on there for ever. */
  private endImports(): void {
    for (const job of this.unfinished.values()) {
      const message = "The app's services stopped while this import ran, so it may not have been imported; retry it.";
      this.emit(JOB_EVENT_NAME, { ...job, status: 'failed', phase: null, message } satisfies ImportJob);
    }
    this.unfinished.clear();
  }

  private send(name: string, args: unknown): Promise<Reply<unknown>> {
    if (this.stopped !== null) return Promise.resolve(refusal(this.stopped));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, { name, resolve });
      try {
        this.post({ kind: 'call', id, name, args });
      } catch {
        this.waiting.delete(id);
        resolve({ ok: false, error: { code: 'invalid_argument', message: `The arguments of ${name} could not be sent: they must be plain data (JSON).` } });
      }
    });
  }

  private post(message: ToServices): void {
    this.current.worker.postMessage(message);
  }

  private emit(eventName: string, payload: unknown): void {
    for (const l of this.listeners) l(eventName, payload);
  }

  private stop(sentence: string): void {
    if (this.stopped !== null) return;
    this.stopped = sentence;
    for (const { resolve } of this.waiting.values()) resolve(refusal(sentence));
    this.waiting.clear();
  }
}
