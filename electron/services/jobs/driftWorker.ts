import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../../../shared/contract/errors';
import { BundleError } from '../bundles/bundleError';
import { driftOf, type DriftFile, type DriftWorkerReply } from '../bundles/driftSamples';

/** Worker thread: the drift of a bundle's reference and current samples (see driftSamples.ts). */
const { reference, current } = workerData as { reference: DriftFile; current: DriftFile };
const post = (reply: DriftWorkerReply) => parentPort?.postMessage(reply);

driftOf(reference, current).then(
  (drift) => post({ ok: true, drift }),
  (err: unknown) =>
    post(
      err instanceof UserError
        ? { ok: false, code: err.code, message: err.message, location: err instanceof BundleError ? err.location : {}, internal: false }
        : { ok: false, code: 'internal', message: err instanceof Error ? (err.stack ?? err.message) : String(err), location: {}, internal: true },
    ),
);
