import fs from 'node:fs';
import { namedFew, shownName, UserError, type ApiErrorCode } from '../../../shared/contract/errors';
import { sampleDrift, type DriftResult } from '../../../shared/metrics';
import type { FeatureSample } from '../../../shared/metrics/featureSample';
import { runWorker } from '../jobs/workerRun';
import { BundleError, cancelledError, type BundleLocation } from './bundleError';
import { openBundleSource, type BundleSource, type SourceFile, type SourceLimits } from './bundleSource';
import { hashedRead, parsedAndHashed } from './hashedRead';
import { SlotWriter, teed, type SpoolSlot } from './importSpool';
import { readHeader, readTable, type TableBytes, type TableColumns } from './tableReader';

/**
 * Drift of every feature, reference vs current. Reading the two samples and binning them
 * is about half of a large bundle's work and shares nothing with the predictions, so it
 * runs in a worker thread of its own when the bundled worker script is at hand.
 */

/**
 * A sample's bytes, or where the worker streams them from itself (the bundle again, this
 * file's place in the manifest and its hash), so that they are never held whole nor copied
 * to the worker; for an import, with the place in its spool where the bytes go as they are read.
 */
export type DriftFile = { path: string; role: string } & (
  | { data: Uint8Array }
  | { stream: { origin: string; limits: SourceLimits; index: number; sha256: string; spool?: SpoolSlot } }
);

export interface DriftComputation {
  features: string[];
  results: Record<string, DriftResult>;
}

export type DriftWorkerReply =
  | { ok: true; drift: DriftComputation }
  | { ok: false; code: ApiErrorCode; message: string; location: BundleLocation; internal: boolean };

function checkFormat(file: DriftFile): void {
  if (!/\.(csv|parquet)$/i.test(file.path)) {
    throw new BundleError(`${shownName(file.path)} has the role "${file.role}" but is neither .csv nor .parquet.`, { file: file.path });
  }
}

/** Both samples must name the same features; a refusal names a few of those that differ. */
function checkSameColumns(reference: DriftFile, current: DriftFile, features: string[], currentColumns: string[]): void {
  const inCurrent = new Set(currentColumns);
  const inReference = new Set(features);
  const missing = features.filter((f) => !inCurrent.has(f));
  const extra = currentColumns.filter((c) => !inReference.has(c));
  const [ref, cur] = [shownName(reference.path), shownName(current.path)];
  if (missing.length > 0) {
    throw new BundleError(
      `${cur} lacks the column${missing.length === 1 ? '' : 's'} ${namedFew(missing)} that ${ref} has; both samples need the same feature columns.`,
      { file: current.path, column: missing[0] },
    );
  }
  if (extra.length > 0) {
    throw new BundleError(
      `${cur} has the column${extra.length === 1 ? '' : 's'} ${namedFew(extra)} that ${ref} lacks; both samples need the same feature columns.`,
      { file: current.path, column: extra[0] },
    );
  }
}

interface Sample {
  file: DriftFile;
  /** What the header is read from: the start of the one walk the table then reads on from. */
  bytes: TableBytes;
  /** Reads the whole table, held to the manifest's hash when streamed. */
  read(specs: { kind: 'feature'; name: string }[], signal?: AbortSignal): Promise<TableColumns>;
  /** Before a refusal about the sample's header: a file changed after the manifest is named as such. */
  checkHash(): Promise<void>;
  /** Lets go of the file and the spool, whatever the outcome (a walk the header read began may still be open). */
  close(): Promise<void>;
}

/** `file` whose open walks can be ended from outside, so that a refused or cancelled sample lets go of its file (or zip entry) at once. */
function endable(file: SourceFile): SourceFile & { end(): Promise<void> } {
  const open = new Set<AsyncIterator<Buffer>>();
  return {
    size: file.size,
    pieces() {
      const it = file.pieces()[Symbol.asyncIterator]();
      open.add(it);
      return {
        [Symbol.asyncIterator]: () => ({
          async next() {
            const step = await it.next();
            if (step.done) open.delete(it);
            return step;
          },
          async return(value?: unknown) {
            open.delete(it);
            return (await it.return?.(value)) ?? { done: true, value: undefined };
          },
        }),
      };
    },
    async end() {
      for (const it of open) await it.return?.();
      open.clear();
    },
  };
}

/**
 * One walk of `file` read twice over its start: the pieces the header read took are given
 * again to the table's read, which then goes on with the same walk; only a third call (to
 * place a UTF-8 error) walks the file afresh. The header read takes pieces up to its first
 * line's end, so what is kept between is bounded by the row limit.
 */
function headerThenTable(file: SourceFile): SourceFile {
  let walk: AsyncIterator<Buffer> | null = null;
  let kept: Buffer[] | null = [];
  let calls = 0;
  return {
    size: file.size,
    pieces() {
      calls += 1;
      if (calls > 2) return file.pieces();
      const again = calls === 2 ? (kept ?? []) : null;
      if (calls === 2) kept = null;
      walk ??= file.pieces()[Symbol.asyncIterator]();
      const it = walk;
      // Not a for-await over `it`: the header read stops early and must leave the walk open.
      return (async function* () {
        if (again) yield* again;
        for (;;) {
          const step = await it.next();
          if (step.done) return;
          kept?.push(step.value);
          yield step.value;
        }
      })();
    },
  };
}

function sampleOf(file: DriftFile, source: BundleSource | null): Sample {
  if ('data' in file) {
    const bytes = Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength);
    return { file, bytes, read: (specs, signal) => readTable(file.path, bytes, specs, { signal }), checkHash: async () => undefined, close: async () => undefined };
  }
  const entry = source?.files.get(file.path);
  if (!entry) throw new BundleError(`bundle.json lists ${shownName(file.path)}, but the bundle has no such file.`, { file: file.path });
  const { index, sha256, spool } = file.stream;
  const writer = spool && new SlotWriter(spool, file.path);
  const ended = endable(entry);
  const hashed = hashedRead(teed(ended, writer && ((piece) => writer.add(piece))));
  const bytes = headerThenTable(hashed.input);
  return {
    file,
    bytes,
    read: async (specs, signal) => {
      const table = await parsedAndHashed(hashed, file.path, index, sha256, () => readTable(file.path, bytes, specs, { signal }));
      writer?.finish();
      return table;
    },
    checkHash: () => parsedAndHashed(hashed, file.path, index, sha256, async () => undefined),
    close: async () => {
      writer?.close();
      await ended.end();
    },
  };
}

/** The work itself, on whatever thread calls it. */
export async function driftOf(reference: DriftFile, current: DriftFile, signal?: AbortSignal): Promise<DriftComputation> {
  checkFormat(reference);
  checkFormat(current);
  const stream = 'stream' in reference ? reference.stream : 'stream' in current ? current.stream : null;
  const source = stream ? await openBundleSource(stream.origin, stream.limits) : null;
  const samples: Sample[] = [];
  try {
    samples.push(sampleOf(reference, source));
    samples.push(sampleOf(current, source));
    const [ref, cur] = samples as [Sample, Sample];
    let features: string[];
    try {
      features = await readHeader(reference.path, ref.bytes);
      const currentColumns = await readHeader(current.path, cur.bytes);
      checkSameColumns(reference, current, features, currentColumns);
    } catch (err) {
      if (err instanceof BundleError) {
        await ref.checkHash();
        await cur.checkHash();
      }
      throw err;
    }
    const specs = features.map((name) => ({ kind: 'feature' as const, name }));
    const refTable = await ref.read(specs, signal);
    const curTable = await cur.read(specs, signal);
    const results: Record<string, DriftResult> = {};
    for (const feature of features) {
      if (signal?.aborted) throw cancelledError();
      results[feature] = sampleDrift(refTable.features.get(feature) as FeatureSample, curTable.features.get(feature) as FeatureSample);
    }
    return { features, results };
  } finally {
    for (const sample of samples) await sample.close();
    source?.close();
  }
}

/** The worker's stack kept as the stack (for the log), its first line as the message (for a sentence). */
function workerFailure(stack: string): Error {
  const err = new Error(stack.split('\n')[0] ?? 'the drift worker failed');
  err.stack = stack;
  return err;
}

function inWorker(workerPath: string, reference: DriftFile, current: DriftFile, signal?: AbortSignal): Promise<DriftComputation> {
  return runWorker<DriftWorkerReply, DriftComputation>(workerPath, { reference, current }, {
    signal,
    aborted: cancelledError,
    stopped: () => new Error('the drift worker stopped unexpectedly'),
    answer: (reply) => {
      if (reply.ok) return { value: reply.drift };
      if (reply.internal) return { error: workerFailure(reply.message) };
      if (reply.code === 'bundle_refused') return { error: new BundleError(reply.message, reply.location) };
      return { error: new UserError(reply.code, reply.message) };
    },
  });
}

export function computeDrift(reference: DriftFile, current: DriftFile, options: { signal?: AbortSignal; workerPath?: string }): Promise<DriftComputation> {
  if (options.workerPath && fs.existsSync(options.workerPath)) return inWorker(options.workerPath, reference, current, options.signal);
  return driftOf(reference, current, options.signal);
}
