import { createHash } from 'node:crypto';
import { describeIssues, rawPath, shownName } from '../../../shared/contract/errors';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ManifestSchema, type FileRole, type Manifest } from '../../../shared/bundle/manifest';
import { BundleError, cancelledError } from './bundleError';
import { formatBytes } from './byteSizes';
import { openBundleSource, DEFAULT_LIMITS, readWhole, type BundleSource, type SourceFile, type SourceLimits } from './bundleSource';
import { computeDrift, type DriftComputation, type DriftFile } from './driftSamples';
import { hashedRead, hashMismatch, parsedAndHashed } from './hashedRead';
import { teed, type ContentSink } from './importSpool';
import { readParquetParts, type PartFile } from './parquetParts';
import { isParquet, readTable, type ColumnSpec, type LabelColumn, type ReadProgress } from './tableReader';
import { blocksOn } from '../jobs/csvBlocks';
import type { BesideThread } from '../jobs/besideThread';
import { countText } from '../../../shared/text/numbers';

/**
 * Reads and checks a bundle: the manifest against the schema, every listed file against
 * its size and SHA-256 before anything is parsed, then the data files cell by cell.
 * Any failure refuses the whole bundle with a sentence naming the file, field or row.
 */

export interface EvidenceFile {
  path: string;
  role: FileRole | 'manifest';
  sha256: string;
  bytes: number;
  /** The bytes, for files parsed whole (JSON evidence, Parquet); null for a file streamed through hashing and parsing. */
  data: Buffer | null;
  /** False for files the manifest does not list: kept as evidence all the same. */
  listed: boolean;
  /**
   * Listed data files read when their parser comes to them: CSVs in pieces, hashed in the
   * same pass; Parquet predictions parts one at a time (readParquetParts).
   */
  streamed?: { index: number; source: SourceFile };
}

export interface Predictions {
  file: string;
  rows: number;
  /** A byte a row for a binary task (0 or 1), float64 for a regression. */
  yTrue: Float64Array | Uint8Array;
  yScore: Float64Array;
  groups: Map<string, LabelColumn>;
}

export interface LoadedBundle {
  origin: string;
  /** sha256 of bundle.json's bytes: it lists every file's hash, so it names the whole bundle. */
  sha256: string;
  manifest: Manifest;
  files: EvidenceFile[];
  predictions: Predictions | null;
  /** Drift per feature of reference vs current, computed while the predictions were read. */
  drift: DriftComputation | null;
}

export interface ReadOptions {
  limits?: Partial<SourceLimits>;
  /**
   * An import's store: every file's bytes are added to it as they pass (the CSV data files
   * piece by piece, in the pass that hashes and parses them), to be stored after.
   */
  store?: ContentSink;
  /** Where Parquet predictions parts are unpacked to be read by ranges; the system temp folder by default. */
  tempDir?: string;
  signal?: AbortSignal;
  /**
   * The bundled drift worker (dist/electron/driftWorker.cjs): drift is then computed on the other core.
   */
  driftWorker?: string;
  /**
   * Called before the predictions are read when no drift is computed meanwhile (the other
   * core is spare), with the manifest and their bytes: a thread on the other core, if the
   * caller starts one for them, reads blocks of a predictions CSV's rows beside this one.
   */
  onPredictionsAhead?: (manifest: Manifest, bytes: number) => BesideThread | null;
  /** Called with the predictions as soon as they are read, while drift may still be running (`spareCore` when it is not). */
  onPredictions?: (manifest: Manifest, predictions: Predictions | null, spareCore: boolean) => void;
  /** Bytes and rows parsed so far across the bundle's data files. */
  onProgress?: (p: { phase: 'checking' | 'reading'; file: string; bytes: number; totalBytes: number; rows: number }) => void;
}

export type { ContentSink } from './importSpool';

/** `file` with the walk that is hashed given to the import's store, if any, as it passes. */
function stored(file: SourceFile, path: string, sink: ContentSink | undefined): SourceFile {
  return teed(file, sink && ((piece) => sink.add(path, piece)));
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** bundle.json and the JSON evidence are parsed whole; a JSON parse takes several times the text's size in memory. */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const MAX_JSON_EVIDENCE_BYTES = 64 * 1024 * 1024;

export function parseManifest(bytes: Buffer): Manifest {
  if (bytes.length > MAX_MANIFEST_BYTES) {
    throw new BundleError(`bundle.json is ${formatBytes(bytes.length)}; a manifest may be at most ${formatBytes(MAX_MANIFEST_BYTES)}.`, { file: 'bundle.json' });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    const reason = err instanceof SyntaxError ? err.message : 'it is not valid UTF-8';
    throw new BundleError(`bundle.json is not valid JSON: ${reason}.`, { file: 'bundle.json' });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new BundleError('bundle.json must hold a JSON object.', { file: 'bundle.json' });
  }
  const record = raw as Record<string, unknown>;
  if (record.format !== BUNDLE_FORMAT) {
    throw new BundleError(`bundle.json: format is ${JSON.stringify(record.format ?? null)}, expected "${BUNDLE_FORMAT}".`, { file: 'bundle.json', field: 'format' });
  }
  if (record.format_version !== BUNDLE_FORMAT_VERSION) {
    throw new BundleError(
      `bundle.json: format_version ${JSON.stringify(record.format_version ?? null)} is not supported; this build reads version ${BUNDLE_FORMAT_VERSION}.`,
      { file: 'bundle.json', field: 'format_version' },
    );
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    // bundle.json is a file the producer writes by its keys, so its problems are named by them.
    const { message, field } = describeIssues(parsed.error.issues, rawPath);
    throw new BundleError(`bundle.json: ${message}`, field === undefined ? { file: 'bundle.json' } : { file: 'bundle.json', field });
  }
  return parsed.data;
}

const DATA_ROLES: readonly string[] = ['predictions', 'reference', 'current'];

async function hashOf(file: SourceFile): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of file.pieces()) hash.update(piece);
  return hash.digest('hex');
}

/**
 * Files the reader holds whole are held to the file limit and, together, to the default
 * total, whatever the streamed CSVs beside them may hold.
 */
function heldFiles(limits: Required<SourceLimits>): (path: string, size: number) => void {
  let held = 0;
  return (path, size) => {
    if (size > limits.maxFileBytes) {
      throw new BundleError(`${shownName(path)} is ${formatBytes(size)}; a bundle file may be at most ${formatBytes(limits.maxFileBytes)}.`, { file: path });
    }
    held += size;
    const most = Math.min(limits.maxTotalBytes, DEFAULT_LIMITS.maxTotalBytes);
    if (held > most) throw new BundleError(`The bundle is larger than the limit of ${formatBytes(most)}.`, { file: path });
  };
}

async function checkListedFiles(manifest: Manifest, source: BundleSource, limits: Required<SourceLimits>, options: ReadOptions): Promise<EvidenceFile[]> {
  const totalBytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
  const checkHeld = heldFiles(limits);
  let done = 0;
  const files: EvidenceFile[] = [];
  for (const [i, f] of manifest.files.entries()) {
    if (options.signal?.aborted) throw cancelledError();
    const entry = source.files.get(f.path);
    if (entry === undefined) {
      throw new BundleError(`bundle.json lists ${shownName(f.path)} (files[${i}]), but the bundle has no such file.`, { file: f.path, field: `files.${i}.path` });
    }
    if (entry.size !== f.bytes) {
      throw new BundleError(`${shownName(f.path)} is ${countText(entry.size)} bytes; bundle.json says ${countText(f.bytes)}. The file was changed after the manifest was written.`, {
        file: f.path,
        field: `files.${i}.bytes`,
      });
    }
    if ((DATA_ROLES.includes(f.role) && f.path.toLowerCase().endsWith('.csv')) || (f.role === 'predictions' && isParquet(f.path))) {
      // Hashed when it is parsed, below.
      files.push({ path: f.path, role: f.role, sha256: f.sha256, bytes: f.bytes, data: null, listed: true, streamed: { index: i, source: entry } });
      continue;
    }
    checkHeld(f.path, entry.size);
    const data = await readWhole(entry);
    if (data.length !== f.bytes) {
      throw new BundleError(`${shownName(f.path)} is ${countText(data.length)} bytes; bundle.json says ${countText(f.bytes)}. The file was changed after the manifest was written.`, {
        file: f.path,
        field: `files.${i}.bytes`,
      });
    }
    const actual = sha256(data);
    if (actual !== f.sha256) throw hashMismatch(f.path, i, f.sha256, actual);
    options.store?.add(f.path, data);
    done += f.bytes;
    options.onProgress?.({ phase: 'checking', file: f.path, bytes: done, totalBytes, rows: 0 });
    files.push({ path: f.path, role: f.role, sha256: actual, bytes: data.length, data, listed: true });
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const [path, entry] of source.files) {
    if (path === 'bundle.json' || listed.has(path)) continue;
    files.push({ path, role: 'other', sha256: await hashOf(stored(entry, path, options.store)), bytes: entry.size, data: null, listed: false });
  }
  return files;
}

function byRole(files: EvidenceFile[], role: FileRole): EvidenceFile | undefined {
  return files.find((f) => f.listed && f.role === role);
}

export function checkDataFormat(file: { path: string; role: string }): void {
  if (!/\.(csv|parquet)$/i.test(file.path)) {
    throw new BundleError(`${shownName(file.path)} has the role "${file.role}" but is neither .csv nor .parquet.`, { file: file.path });
  }
}

async function readPredictions(
  manifest: Manifest,
  parts: EvidenceFile[],
  progressFor: (file: EvidenceFile) => ReadProgress,
  { store, tempDir }: Pick<ReadOptions, 'store' | 'tempDir'>,
): Promise<Predictions> {
  parts.forEach(checkDataFormat);
  const binary = manifest.task === 'binary_classification';
  const label = manifest.columns?.y_true ?? 'y_true';
  const score = manifest.columns?.y_score ?? 'y_score';
  const specs: ColumnSpec[] = [
    { kind: 'number', name: label, check: binary ? (v) => (v === 0 || v === 1 ? null : `is ${v}, expected 0 or 1`) : undefined, binary },
    { kind: 'number', name: score, check: binary ? (v) => (v >= 0 && v <= 1 ? null : `is ${v}, expected a probability in [0, 1]`) : undefined, bounds: binary ? [0, 1] : undefined },
    ...manifest.sensitive_attributes.map((name) => ({ kind: 'label' as const, name })),
  ];
  const [only] = parts;
  let table;
  if (parts.length === 1 && only !== undefined && !isParquet(only.path)) {
    const streamed = only.streamed as { index: number; source: SourceFile };
    table = await parsedAndHashed(hashedRead(stored(streamed.source, only.path, store)), only.path, streamed.index, only.sha256, (input) => readTable(only.path, input, specs, progressFor(only)));
  } else {
    // Parquet, in one file or in parts (the manifest allows no other), read one part at a time.
    const byPath = new Map(parts.map((p) => [p.path, p]));
    const partFiles: PartFile[] = parts.map((p) => {
      const { index, source } = p.streamed as { index: number; source: SourceFile };
      return { path: p.path, sha256: p.sha256, index, source };
    });
    table = await readParquetParts(partFiles, specs, (part) => progressFor(byPath.get(part.path) as EvidenceFile), { store, tempDir });
  }
  return {
    file: parts.length === 1 ? (only as EvidenceFile).path : table.file,
    rows: table.rows,
    yTrue: table.binary.get(label) ?? (table.numbers.get(label) as Float64Array),
    yScore: table.numbers.get(score) as Float64Array,
    groups: table.labels,
  };
}

function checkJson(file: EvidenceFile | undefined): void {
  if (!file || file.data === null || !file.path.toLowerCase().endsWith('.json')) return;
  if (file.data.length > MAX_JSON_EVIDENCE_BYTES) {
    throw new BundleError(`${shownName(file.path)} is ${formatBytes(file.data.length)}; a JSON file of a bundle may be at most ${formatBytes(MAX_JSON_EVIDENCE_BYTES)}.`, { file: file.path });
  }
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.data));
  } catch {
    throw new BundleError(`${shownName(file.path)} is not valid JSON.`, { file: file.path });
  }
}

/**
 * A drift sample as the drift worker takes it: its bytes, or where to stream them from. An
 * import keeps it a place in the spool, which the worker fills in the one pass that hashes
 * and parses it, so that the file is read once.
 */
function driftFile(file: EvidenceFile, origin: string, limits: SourceLimits, store: ContentSink | undefined): DriftFile {
  if (file.data !== null) return { path: file.path, role: file.role, data: file.data };
  const index = (file.streamed as { index: number }).index;
  const spool = store?.reserve(file.path, file.bytes);
  return { path: file.path, role: file.role, stream: { origin, limits, index, sha256: file.sha256, ...(spool && { spool }) } };
}

/**
 * Streamed files no pass read (a reference sample without a current one): an import reads
 * them to store them, held to their hash.
 */
async function storeUnread(files: EvidenceFile[], store: ContentSink): Promise<void> {
  for (const f of files) {
    if (f.streamed === undefined) continue;
    const actual = await hashOf(stored(f.streamed.source, f.path, store));
    if (actual !== f.sha256) throw hashMismatch(f.path, f.streamed.index, f.sha256, actual);
  }
}

export async function readBundle(origin: string, options: ReadOptions = {}): Promise<LoadedBundle> {
  const limits: Required<SourceLimits> = { ...DEFAULT_LIMITS, ...options.limits };
  const source = await openBundleSource(origin, limits);
  try {
    return await readOpened(source, limits, options);
  } finally {
    source.close();
  }
}

async function readOpened(source: BundleSource, limits: Required<SourceLimits>, options: ReadOptions): Promise<LoadedBundle> {
  const origin = source.origin;
  const manifestEntry = source.files.get('bundle.json') as SourceFile;
  if (manifestEntry.size > MAX_MANIFEST_BYTES) {
    throw new BundleError(`bundle.json is ${formatBytes(manifestEntry.size)}; a manifest may be at most ${formatBytes(MAX_MANIFEST_BYTES)}.`, { file: 'bundle.json' });
  }
  const manifestBytes = await readWhole(manifestEntry);
  const manifest = parseManifest(manifestBytes);
  const files = await checkListedFiles(manifest, source, limits, options);
  checkJson(byRole(files, 'lineage'));
  checkJson(byRole(files, 'model_card'));

  const dataBytes = files.filter((f) => f.listed && DATA_ROLES.includes(f.role)).reduce((n, f) => n + f.bytes, 0);
  // Files are read one after another; progress counts the bytes of those already read.
  let before = 0;
  const progressFor = (file: EvidenceFile): ReadProgress => ({
    signal: options.signal,
    onProgress: ({ bytes, rows }) => {
      options.onProgress?.({ phase: 'reading', file: file.path, bytes: before + bytes, totalBytes: dataBytes, rows });
      if (bytes === file.bytes) before += file.bytes;
    },
  });

  const reference = byRole(files, 'reference');
  const current = byRole(files, 'current');
  // Started first, so that drift and predictions are worked on at the same time.
  const driftPending =
    reference && current
      ? computeDrift(driftFile(reference, origin, limits, options.store), driftFile(current, origin, limits, options.store), {
          signal: options.signal,
          workerPath: options.driftWorker,
        })
      : null;
  // Settled failures are taken up below, not reported as unhandled while predictions are read.
  driftPending?.catch(() => undefined);
  // Several predictions files are Parquet parts of one table (the manifest allows no other).
  const predictionParts = files.filter((f) => f.listed && f.role === 'predictions');
  // A large predictions CSV is read on both cores, unless drift has the other one.
  const beside = !driftPending && predictionParts.length > 0 ? options.onPredictionsAhead?.(manifest, predictionParts.reduce((n, f) => n + f.bytes, 0)) : null;
  const blocks = beside ? blocksOn(beside) : undefined;
  const predictions = predictionParts.length > 0 ? await readPredictions(manifest, predictionParts, (file) => ({ ...progressFor(file), blocks }), options) : null;
  options.onPredictions?.(manifest, predictions, !driftPending);
  const drift = driftPending ? await driftPending : null;
  if (drift) options.onProgress?.({ phase: 'reading', file: current!.path, bytes: dataBytes, totalBytes: dataBytes, rows: predictions?.rows ?? 0 });
  if (options.store) {
    const read = new Set([...predictionParts, ...(driftPending ? [reference, current] : [])]);
    await storeUnread(
      files.filter((f) => !read.has(f)),
      options.store,
    );
  }

  const manifestFile: EvidenceFile = { path: 'bundle.json', role: 'manifest', sha256: sha256(manifestBytes), bytes: manifestBytes.length, data: manifestBytes, listed: true };
  options.store?.add(manifestFile.path, manifestBytes);
  return { origin, sha256: manifestFile.sha256, manifest, files: [manifestFile, ...files.map(({ streamed: _, ...f }) => f)], predictions, drift };
}
