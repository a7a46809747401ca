import fs from 'node:fs';
import path from 'node:path';
import type { ValidationReport } from '../../../shared/validation/report';
import type { PreparedImport } from './importService';
import { readBundle, type LoadedBundle, type ReadOptions } from './bundleReader';
import { DEFAULT_LIMITS, type SourceLimits } from './bundleSource';
import { ImportSpool, makeSpoolFolder, spoolFailure } from './importSpool';
import { evaluatePredictions, validateLoadedBundle, type PredictionMetrics } from '../validation/validateBundle';
import { BLOCKS_FROM_BYTES } from './tableReader';
import { BESIDE_FROM_BYTES, startBesideThread, type BesideThread } from '../jobs/besideThread';

export interface PrepareOptions extends ReadOptions {
  tolerance: number;
}

async function readAndValidate(origin: string, options: PrepareOptions): Promise<{ bundle: LoadedBundle; report: ValidationReport }> {
  // Beside the bundled CLI and import worker (dist/electron/); absent when run from source.
  const besideWorker = path.join(__dirname, 'besideWorker.cjs');
  let evaluated: Promise<PredictionMetrics> | undefined;
  // A holder, as the callbacks below set it.
  const ahead: { thread: BesideThread | null } = { thread: null };
  try {
    const bundle = await readBundle(origin, {
      driftWorker: path.join(__dirname, 'driftWorker.cjs'),
      // The other core's thread: from BLOCKS_FROM_BYTES it reads blocks of the rows with this one; a binary task's
      // metrics take it from BESIDE_FROM_BYTES, started now so that its start is over when they need it.
      onPredictionsAhead: (manifest, bytes) =>
        (ahead.thread = bytes >= (manifest.task === 'binary_classification' ? BESIDE_FROM_BYTES : BLOCKS_FROM_BYTES) ? startBesideThread(besideWorker) : null),
      onPredictions: (manifest, predictions, spareCore) => {
        evaluated = evaluatePredictions(manifest, predictions, spareCore ? { script: besideWorker, thread: ahead.thread } : { script: undefined });
        // Awaited once the bundle is read; a failure meanwhile is not unhandled.
        evaluated.catch(() => undefined);
      },
      ...options,
    });
    // readBundle calls onPredictions once, before it resolves, whether the bundle has predictions or not.
    return { bundle, report: validateLoadedBundle(bundle, { tolerance: options.tolerance, evaluated: await (evaluated as Promise<PredictionMetrics>) }) };
  } finally {
    // Unused (too few rows, bad input) or already stopped by the evaluation.
    ahead.thread?.stop();
  }
}

/**
 * Reads, checks and validates a bundle: everything of an import except storing it. Every
 * file is read once, its bytes going to a spool file as they stream through hashing and
 * parsing (none is held whole), for storeImport to store and remove. The spool's folder is
 * made under `spoolRoot` (the system temp folder by default); a refused bundle leaves none.
 */
export async function prepareImport(origin: string, options: PrepareOptions & { spoolRoot?: string }): Promise<PreparedImport> {
  const spool = new ImportSpool(options.spoolRoot);
  try {
    const { bundle, report } = await readAndValidate(origin, { ...options, limits: importLimits(options.limits), store: spool, tempDir: spool.folder });
    spool.close();
    return {
      sha256: bundle.sha256,
      sourceName: path.basename(origin),
      manifest: bundle.manifest,
      spool: spool.path,
      files: bundle.files.map((f) => ({ path: f.path, role: f.role, sha256: f.sha256, bytes: f.bytes, listed: f.listed, ranges: spool.rangesOf(f.path) })),
      report,
    };
  } catch (err) {
    spool.discard();
    // A Parquet part unpacked beside the spool may be where the disk filled.
    throw spoolFailure(err, spool.path);
  }
}

/**
 * A reading that stores nothing still unpacks Parquet parts to temporary files: in a folder
 * of its own, named for the process like an import's spool, so that a run killed midway
 * leaves nothing the next one does not sweep.
 */
async function inTempFolder<T>(work: (tempDir: string) => Promise<T>): Promise<T> {
  const tempDir = makeSpoolFolder();
  try {
    return await work(tempDir);
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

/** The report an import of the bundle would store, under the same limits, storing nothing (mrb bundle init). */
export async function importReport(origin: string, options: PrepareOptions): Promise<ValidationReport> {
  return inTempFolder(async (tempDir) => (await readAndValidate(origin, { ...options, limits: importLimits(options.limits), tempDir })).report);
}

/**
 * An import streams a CSV data file into the workspace in chunks, never holding it, so such
 * a file may take the whole bundle's limit (2 GiB: 50M predictions rows are ~850 MB); the
 * files held whole to be parsed keep the file limit.
 */
function importLimits(given: Partial<SourceLimits> | undefined): Partial<SourceLimits> {
  return { maxStreamedCsvBytes: DEFAULT_LIMITS.maxTotalBytes, ...given };
}

/** A CSV streamed through validation is never held, so it may be larger than a file an import stores (50M rows are ~850 MB). */
const MAX_STREAMED_CSV_BYTES = 16 * 1024 ** 3;

/** The validation report alone (mrb validate): CSV data files are streamed through hashing and parsing, never held whole. */
export async function validateBundleAt(origin: string, options: PrepareOptions): Promise<ValidationReport> {
  const limits = { maxStreamedCsvBytes: MAX_STREAMED_CSV_BYTES, maxTotalBytes: MAX_STREAMED_CSV_BYTES, ...options.limits };
  return inTempFolder(async (tempDir) => (await readAndValidate(origin, { ...options, limits, tempDir })).report);
}
