import path from 'node:path';
import type { PreparedImport } from './importService';
import { readBundle, type ReadOptions } from './bundleReader';
import { evaluatePredictions, validateLoadedBundle, type PredictionMetrics } from '../validation/validateBundle';

export interface PrepareOptions extends ReadOptions {
  tolerance: number;
}

/** Reads, checks and validates a bundle: everything of an import except storing it. */
export async function prepareImport(origin: string, options: PrepareOptions): Promise<PreparedImport> {
  // Beside the bundled CLI and import worker (dist/electron/); absent when run from source.
  let evaluated: PredictionMetrics | undefined;
  const bundle = await readBundle(origin, {
    driftWorker: path.join(__dirname, 'driftWorker.cjs'),
    onPredictions: (manifest, predictions) => {
      evaluated = evaluatePredictions(manifest, predictions);
    },
    ...options,
  });
  const report = validateLoadedBundle(bundle, { tolerance: options.tolerance, evaluated });
  return {
    sha256: bundle.sha256,
    sourceName: path.basename(origin),
    manifest: bundle.manifest,
    files: bundle.files.map((f) => ({ path: f.path, role: f.role, sha256: f.sha256, bytes: f.bytes, listed: f.listed, data: f.data })),
    report,
  };
}
