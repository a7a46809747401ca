import { Worker } from 'node:worker_threads';

/** What a worker's message comes to: its outcome, or null while the work goes on (a progress message). */
export type WorkerOutcome<T> = { value: T } | { error: Error } | null;

export interface WorkerRun<M, T> {
  /** Turns each message into the outcome, or null to wait for the next. */
  answer(message: M): WorkerOutcome<T>;
  /** Aborting stops the worker at once and rejects with this. */
  signal?: AbortSignal;
  aborted(): Error;
  /** The worker ended, or failed to start, before it answered. */
  stopped(exitCode: number): Error;
}

/**
 * A worker thread started for one piece of work: settled once, by its answer, an abort, an
 * error or its end, whichever comes first, and terminated then, so that a cancelled export or
 * import leaves no thread working on.
 */
export function runWorker<M, T>(workerPath: string, workerData: unknown, run: WorkerRun<M, T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(workerPath, { workerData });
    let settled = false;
    const settle = (outcome: { value: T } | { error: Error }) => {
      if (settled) return;
      settled = true;
      run.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.value);
    };
    const onAbort = () => settle({ error: run.aborted() });
    run.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: M) => {
      const outcome = run.answer(m);
      if (outcome !== null) settle(outcome);
    });
    worker.on('error', (error) => settle({ error }));
    worker.on('exit', (code) => settle({ error: run.stopped(code) }));
  });
}
