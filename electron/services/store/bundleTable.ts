import { createHash } from 'node:crypto';
import type { ValidationReport } from '../../../shared/validation/report';
import type { Json } from './auditChain';
import type { ReadDb, WriteDb } from './handles';
import { tableExists } from './tableExists';

export interface StoredFile {
  path: string;
  role: string;
  sha256: string;
  bytes: number;
  listed: boolean;
}

export interface BundleRecord {
  sha256: string;
  modelId: string;
  modelVersion: string;
  task: 'binary_classification' | 'regression';
  createdAt: string;
  producer: string;
  sourceName: string;
  importedAt: string;
  importedBy: string;
  files: StoredFile[];
  findings: { high: number; medium: number; low: number; info: number; critical: number };
}

export function bundleExists(db: ReadDb, sha256: string): boolean {
  return db.prepare('SELECT 1 FROM bundles WHERE sha256 = ?').get(sha256) !== undefined;
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * Stores a file's content once, whatever bundle brings it: a `blobs` row (its key and size)
 * and the pieces `pieces` gives as chunk rows of at most 1 MiB, read only when the content is new.
 */
export function putContent(db: WriteDb, sha256: string, bytes: number, pieces: () => Iterable<Uint8Array>): void {
  const added = db.prepare("INSERT INTO blobs (sha256, bytes, data) VALUES (?, ?, X'') ON CONFLICT (sha256) DO NOTHING").run(sha256, bytes).changes > 0;
  if (!added) return;
  const chunk = db.prepare('INSERT INTO blob_chunks (sha256, seq, data) VALUES (?, ?, ?)');
  let seq = 0;
  let stored = 0;
  for (const piece of pieces()) {
    // A content read whole (inline in an older workspace) is cut to the chunk size too.
    for (let at = 0; at < piece.byteLength; at += CHUNK_BYTES) {
      chunk.run(sha256, seq, piece.subarray(at, at + CHUNK_BYTES));
      seq += 1;
    }
    stored += piece.byteLength;
  }
  // A bug, not a fault of the bundle: the transaction is rolled back rather than store a cut file.
  if (stored !== bytes) throw new Error(`The content ${sha256} came to ${stored} bytes, not the ${bytes} recorded.`);
}

/** Whether the chunks table exists: an older workspace opened read-only keeps every content inline. */
function hasChunks(db: ReadDb): boolean {
  return tableExists(db, 'blob_chunks');
}

/**
 * A stored content piece by piece: the inline bytes a workspace made before chunks holds
 * (read whole, as SQLite reads a BLOB; an import then held at most 512 MiB), then each chunk,
 * fetched one by one so the connection stays free for other reads between pieces.
 */
export function* storedPieces(db: ReadDb, sha256: string): Generator<Buffer> {
  const inline = db.prepare('SELECT length(data) FROM blobs WHERE sha256 = ?').pluck().get(sha256) as number | undefined;
  if (inline === undefined) return;
  if (inline > 0) yield db.prepare('SELECT data FROM blobs WHERE sha256 = ?').pluck().get(sha256) as Buffer;
  if (!hasChunks(db)) return;
  const chunk = db.prepare('SELECT data FROM blob_chunks WHERE sha256 = ? AND seq = ?').pluck();
  for (let seq = 0; ; seq += 1) {
    const data = chunk.get(sha256, seq) as Buffer | undefined;
    if (data === undefined) return;
    yield data;
  }
}

/** A stored content whole, for the small files read as text (the caller bounds the size by `bytes` first). */
export function storedContent(db: ReadDb, sha256: string): Buffer {
  return Buffer.concat([...storedPieces(db, sha256)]);
}

export function insertBundle(db: WriteDb, record: Omit<BundleRecord, 'findings'>, report: ValidationReport): void {
  db.prepare(
    `INSERT INTO bundles (sha256, model_id, model_version, task, created_at, producer, source_name, imported_at, imported_by, report)
     VALUES (@sha256, @modelId, @modelVersion, @task, @createdAt, @producer, @sourceName, @importedAt, @importedBy, @report)`,
  ).run({ ...record, report: JSON.stringify(report) });
  const file = db.prepare('INSERT INTO bundle_files (bundle_sha256, path, role, sha256, bytes, listed) VALUES (?, ?, ?, ?, ?, ?)');
  for (const f of record.files) file.run(record.sha256, f.path, f.role, f.sha256, f.bytes, f.listed ? 1 : 0);
  const finding = db.prepare('INSERT INTO findings (bundle_sha256, model_id, severity, category, message, evidence) VALUES (?, ?, ?, ?, ?, ?)');
  for (const f of findingRows(report)) finding.run(record.sha256, record.modelId, f.severity, f.category, f.message, f.evidence);
}

interface FindingRow {
  severity: string;
  category: string;
  message: string;
  evidence: string;
}

/** The findings rows a report gives, in insertion order: import writes them, the audit re-derives them. */
function findingRows(report: Pick<ValidationReport, 'findings'>): FindingRow[] {
  return report.findings.map((f) => ({ severity: f.severity, category: f.category, message: f.message, evidence: JSON.stringify(f.evidence) }));
}

interface BundleRow {
  sha256: string;
  model_id: string;
  model_version: string;
  task: 'binary_classification' | 'regression';
  created_at: string;
  producer: string;
  source_name: string;
  imported_at: string;
  imported_by: string;
}

function filesOf(db: ReadDb, sha256: string): StoredFile[] {
  return (db.prepare('SELECT path, role, sha256, bytes, listed FROM bundle_files WHERE bundle_sha256 = ? ORDER BY path').all(sha256) as (Omit<StoredFile, 'listed'> & { listed: number })[]).map(
    (f) => ({ ...f, listed: f.listed === 1 }),
  );
}

function toRecord(db: ReadDb, r: BundleRow): BundleRecord {
  const counts = { info: 0, low: 0, medium: 0, high: 0, critical: 0 };
  for (const row of db.prepare('SELECT severity, count(*) AS n FROM findings WHERE bundle_sha256 = ? GROUP BY severity').all(r.sha256) as { severity: keyof typeof counts; n: number }[]) {
    counts[row.severity] = row.n;
  }
  return {
    sha256: r.sha256,
    modelId: r.model_id,
    modelVersion: r.model_version,
    task: r.task,
    createdAt: r.created_at,
    producer: r.producer,
    sourceName: r.source_name,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    files: filesOf(db, r.sha256),
    findings: counts,
  };
}

export function listBundles(db: ReadDb, modelId?: string): BundleRecord[] {
  const rows = (
    modelId === undefined
      ? db.prepare('SELECT * FROM bundles ORDER BY imported_at DESC, sha256').all()
      : db.prepare('SELECT * FROM bundles WHERE model_id = ? ORDER BY imported_at DESC, sha256').all(modelId)
  ) as BundleRow[];
  return rows.map((r) => toRecord(db, r));
}

export function bundleReport(db: ReadDb, sha256: string): ValidationReport | undefined {
  const text = db.prepare('SELECT report FROM bundles WHERE sha256 = ?').pluck().get(sha256) as string | undefined;
  return text === undefined ? undefined : (JSON.parse(text) as ValidationReport);
}

/**
 * What the audit log records of an import: identity, every file's hash, and the SHA-256 of
 * the stored report text, so an edited report (and, through it, its findings) is seen.
 */
export function bundleImage(db: ReadDb, sha256: string): Json {
  const row = db.prepare(`SELECT ${IMAGE_COLUMNS} FROM bundles WHERE sha256 = ?`).get(sha256) as ImageRow;
  return imageOf(row, filesOf(db, sha256));
}

const IMAGE_COLUMNS = 'sha256, model_id, model_version, task, created_at, producer, source_name, report';
type ImageRow = Record<'sha256' | 'model_id' | 'model_version' | 'task' | 'created_at' | 'producer' | 'source_name' | 'report', string>;

function imageOf({ report, ...identity }: ImageRow, files: StoredFile[]): Json {
  return { ...identity, files: files.map((f) => ({ ...f })), report_sha256: sha256Hex(report) };
}

/** Every bundle's image, read in two passes (bundles, then all their files) rather than two queries a bundle. */
export function allBundleImages(db: ReadDb): Map<string, Json> {
  if (!hasBundleTables(db)) return new Map();
  const files = new Map<string, StoredFile[]>();
  const rows = db.prepare('SELECT bundle_sha256 AS bundle, path, role, sha256, bytes, listed FROM bundle_files ORDER BY bundle_sha256, path').iterate() as IterableIterator<
    Omit<StoredFile, 'listed'> & { bundle: string; listed: number }
  >;
  for (const { bundle, listed, ...f } of rows) {
    const list = files.get(bundle) ?? [];
    list.push({ ...f, listed: listed === 1 });
    files.set(bundle, list);
  }
  const bundles = db.prepare(`SELECT ${IMAGE_COLUMNS} FROM bundles`).all() as ImageRow[];
  return new Map(bundles.map((b) => [b.sha256, imageOf(b, files.get(b.sha256) ?? [])]));
}

/**
 * The current image in the form the import was logged in. Imports logged before the report
 * digest existed carry no `report_sha256`; their chain must still hold, so the key is left
 * out for them and their report is checked only against its findings (see importedEvidence).
 */
export function bundleImageAsLogged(image: Json, logged: Json): Json {
  if (typeof logged !== 'object' || logged === null || Array.isArray(logged) || 'report_sha256' in logged) return image;
  const { report_sha256: _digest, ...legacy } = image as { [key: string]: Json };
  return legacy;
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Whether the evidence tables exist: a schema-1 workspace opened read-only has none. */
export function hasBundleTables(db: ReadDb): boolean {
  return tableExists(db, 'bundles');
}

/** A bundle as its import event recorded it and as its rows now are, for the audit's derived checks. */
export interface ImportedEvidence {
  sha256: string;
  seq: number;
  loggedAt: string;
  loggedBy: string;
  importedAt: string;
  importedBy: string;
  modelId: string;
  report: string;
}

/** Every bundle that has an import event, in the order of the events. */
export function importedEvidence(db: ReadDb): ImportedEvidence[] {
  return db
    .prepare(
      `SELECT b.sha256, e.seq, e.at AS loggedAt, e.actor AS loggedBy, b.imported_at AS importedAt, b.imported_by AS importedBy,
              b.model_id AS modelId, b.report
       FROM audit_events e JOIN bundles b ON b.sha256 = e.entity_id
       WHERE e.entity = 'bundle' AND e.action = 'bundle.import' ORDER BY e.seq`,
    )
    .all() as ImportedEvidence[];
}

/** A stored finding row as the audit compares it with its report. */
export interface StoredFindingRow extends FindingRow {
  id: number;
  modelId: string;
}

/** Every finding row by its bundle, each bundle's in id order, in one pass (findings has no index by bundle). */
export function findingsByBundle(db: ReadDb): Map<string, StoredFindingRow[]> {
  const byBundle = new Map<string, StoredFindingRow[]>();
  const rows = db
    .prepare('SELECT id, bundle_sha256 AS bundle, model_id AS modelId, severity, category, message, evidence FROM findings ORDER BY id')
    .iterate() as IterableIterator<StoredFindingRow & { bundle: string }>;
  for (const { bundle, ...row } of rows) {
    const list = byBundle.get(bundle) ?? [];
    list.push(row);
    byBundle.set(bundle, list);
  }
  return byBundle;
}

/** The findings rows the stored report text gives, or null when the text is not a report. */
export function findingRowsOfReport(report: string): FindingRow[] | null {
  try {
    const parsed = JSON.parse(report) as { findings?: unknown };
    return Array.isArray(parsed.findings) ? findingRows(parsed as Pick<ValidationReport, 'findings'>) : null;
  } catch {
    return null;
  }
}

/**
 * The first stored file whose content is absent or not the size recorded, found without
 * reading the content (SQLite knows a BLOB's length from its header): inline bytes and
 * chunks together.
 */
export function missingOrResizedFile(db: ReadDb): { bundleSha256: string; path: string; bytes: number; stored: number | null } | undefined {
  const chunked = hasChunks(db) ? '(SELECT coalesce(sum(length(c.data)), 0) FROM blob_chunks c WHERE c.sha256 = b.sha256)' : '0';
  return db
    .prepare(
      `SELECT bundleSha256, path, bytes, stored FROM (
         SELECT f.bundle_sha256 AS bundleSha256, f.path, f.bytes, CASE WHEN b.sha256 IS NULL THEN NULL ELSE length(b.data) + ${chunked} END AS stored
         FROM bundle_files f LEFT JOIN blobs b ON b.sha256 = f.sha256)
       WHERE stored IS NOT bytes
       ORDER BY bundleSha256, path LIMIT 1`,
    )
    .get() as { bundleSha256: string; path: string; bytes: number; stored: number | null } | undefined;
}

/**
 * The first stored content whose SHA-256 is not its key, each read piece by piece; with
 * the first file that uses it, for the message.
 */
export function rehashBlobs(db: ReadDb): { sha256: string; actual: string; file: { bundleSha256: string; path: string } | undefined } | undefined {
  let bad: { sha256: string; actual: string } | undefined;
  // Keys first: the pieces are read with statements of their own.
  for (const key of db.prepare('SELECT sha256 FROM blobs ORDER BY sha256').pluck().all() as string[]) {
    const hash = createHash('sha256');
    for (const piece of storedPieces(db, key)) hash.update(piece);
    const actual = hash.digest('hex');
    if (actual !== key) {
      bad = { sha256: key, actual };
      break;
    }
  }
  if (!bad) return undefined;
  const file = db.prepare('SELECT bundle_sha256 AS bundleSha256, path FROM bundle_files WHERE sha256 = ? ORDER BY bundle_sha256, path LIMIT 1').get(bad.sha256) as
    | { bundleSha256: string; path: string }
    | undefined;
  return { ...bad, file };
}

/** One stored file of a bundle; its content is read with storedPieces or storedContent. */
export function bundleFile(db: ReadDb, bundleSha256: string, path: string): StoredFile | undefined {
  const row = db.prepare('SELECT path, role, sha256, bytes, listed FROM bundle_files WHERE bundle_sha256 = ? AND path = ?').get(bundleSha256, path) as
    | (Omit<StoredFile, 'listed'> & { listed: number })
    | undefined;
  return row ? { ...row, listed: row.listed === 1 } : undefined;
}

/** Each model's most recent bundle with its findings above "info", in one pass for the inventory. */
export function latestBundlePerModel(db: ReadDb): Map<string, { sha256: string; version: string; importedAt: string; openFindings: number }> {
  const rows = db
    .prepare(
      `SELECT b.model_id AS modelId, b.sha256, b.model_version AS version, b.imported_at AS importedAt,
              (SELECT count(*) FROM findings f WHERE f.bundle_sha256 = b.sha256 AND f.severity != 'info') AS openFindings
       FROM bundles b
       WHERE b.sha256 = (SELECT b2.sha256 FROM bundles b2 WHERE b2.model_id = b.model_id ORDER BY b2.imported_at DESC, b2.sha256 LIMIT 1)`,
    )
    .all() as { modelId: string; sha256: string; version: string; importedAt: string; openFindings: number }[];
  return new Map(rows.map(({ modelId, ...rest }) => [modelId, rest]));
}

/** The findings of a model's most recent bundle, with the ids a decision can name as its blocking risk. */
export function latestFindings(db: ReadDb, modelId: string): { id: number; severity: string; category: string; message: string; bundleSha256: string }[] {
  return db
    .prepare(
      `SELECT f.id, f.severity, f.category, f.message, f.bundle_sha256 AS bundleSha256 FROM findings f
       WHERE f.bundle_sha256 = (SELECT b.sha256 FROM bundles b WHERE b.model_id = ? ORDER BY b.imported_at DESC, b.sha256 LIMIT 1)
       ORDER BY CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, f.id`,
    )
    .all(modelId) as { id: number; severity: string; category: string; message: string; bundleSha256: string }[];
}

/** One finding of a model, with the bundle it was found in. */
export function findingOfModel(db: ReadDb, modelId: string, id: number): { id: number; bundleSha256: string } | undefined {
  return db.prepare('SELECT id, bundle_sha256 AS bundleSha256 FROM findings WHERE id = ? AND model_id = ?').get(id, modelId) as { id: number; bundleSha256: string } | undefined;
}
