import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../../../shared/contract/errors';
import { BundleError } from '../bundles/bundleError';
import { prepareImport } from '../bundles/prepareImport';
import type { WorkerMessage, WorkerRequest } from './importProtocol';

/**
 * Runs in a worker thread: reads and validates one bundle off the main thread, posting
 * progress, then the prepared import (its files' bytes wait in the spool). Storing
 * happens on the thread that owns the workspace; cancelling terminates this worker, so a
 * cancelled import never reaches the workspace.
 */
const request = workerData as WorkerRequest;
const post = (message: WorkerMessage) => parentPort?.postMessage(message);

let lastPost = 0;
prepareImport(request.origin, {
  tolerance: request.tolerance,
  limits: request.limits,
  spoolRoot: request.spoolRoot,
  onProgress: (p) => {
    const now = Date.now();
    // Enough for a smooth bar without flooding the channel.
    if (now - lastPost < 50 && p.bytes < p.totalBytes) return;
    lastPost = now;
    post({ type: 'progress', ...p });
  },
}).then(
  (prepared) => post({ type: 'done', prepared }),
  (err: unknown) => {
    if (err instanceof UserError) {
      post({ type: 'refused', code: err.code, message: err.message, location: err instanceof BundleError ? err.location : {} });
    } else {
      post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  },
);
