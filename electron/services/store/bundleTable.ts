import type Database from 'better-sqlite3';
import type { ValidationReport } from '../../../shared/validation/report';
import type { Json } from './auditChain';

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

export function bundleExists(db: Database.Database, sha256: string): boolean {
  return db.prepare('SELECT 1 FROM bundles WHERE sha256 = ?').get(sha256) !== undefined;
}

/** Stores a file's bytes once, whatever bundle brings them. */
export function putBlob(db: Database.Database, sha256: string, data: Uint8Array): void {
  db.prepare('INSERT INTO blobs (sha256, bytes, data) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING').run(sha256, data.byteLength, data);
}

export function getBlob(db: Database.Database, sha256: string): Buffer | undefined {
  return (db.prepare('SELECT data FROM blobs WHERE sha256 = ?').pluck().get(sha256) as Buffer | undefined) ?? undefined;
}

export function insertBundle(db: Database.Database, record: Omit<BundleRecord, 'findings'>, report: ValidationReport): void {
  db.prepare(
    `INSERT INTO bundles (sha256, model_id, model_version, task, created_at, producer, source_name, imported_at, imported_by, report)
     VALUES (@sha256, @modelId, @modelVersion, @task, @createdAt, @producer, @sourceName, @importedAt, @importedBy, @report)`,
  ).run({ ...record, report: JSON.stringify(report) });
  const file = db.prepare('INSERT INTO bundle_files (bundle_sha256, path, role, sha256, bytes, listed) VALUES (?, ?, ?, ?, ?, ?)');
  for (const f of record.files) file.run(record.sha256, f.path, f.role, f.sha256, f.bytes, f.listed ? 1 : 0);
  const finding = db.prepare('INSERT INTO findings (bundle_sha256, model_id, severity, category, message, evidence) VALUES (?, ?, ?, ?, ?, ?)');
  for (const f of report.findings) finding.run(record.sha256, record.modelId, f.severity, f.category, f.message, JSON.stringify(f.evidence));
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

function filesOf(db: Database.Database, sha256: string): StoredFile[] {
  return (db.prepare('SELECT path, role, sha256, bytes, listed FROM bundle_files WHERE bundle_sha256 = ? ORDER BY path').all(sha256) as (Omit<StoredFile, 'listed'> & { listed: number })[]).map(
    (f) => ({ ...f, listed: f.listed === 1 }),
  );
}

function toRecord(db: Database.Database, r: BundleRow): BundleRecord {
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

export function listBundles(db: Database.Database, modelId?: string): BundleRecord[] {
  const rows = (
    modelId === undefined
      ? db.prepare('SELECT * FROM bundles ORDER BY imported_at DESC, sha256').all()
      : db.prepare('SELECT * FROM bundles WHERE model_id = ? ORDER BY imported_at DESC, sha256').all(modelId)
  ) as BundleRow[];
  return rows.map((r) => toRecord(db, r));
}

export function bundleReport(db: Database.Database, sha256: string): ValidationReport | undefined {
  const text = db.prepare('SELECT report FROM bundles WHERE sha256 = ?').pluck().get(sha256) as string | undefined;
  return text === undefined ? undefined : (JSON.parse(text) as ValidationReport);
}

/** What the audit log records of an import: identity and every file's hash. */
export function bundleImage(db: Database.Database, sha256: string): Json {
  const r = db.prepare('SELECT sha256, model_id, model_version, task, created_at, producer, source_name FROM bundles WHERE sha256 = ?').get(sha256) as Record<string, string>;
  return { ...r, files: filesOf(db, sha256).map((f) => ({ ...f })) } as Json;
}

export function allBundleImages(db: Database.Database): Map<string, Json> {
  const shas = db.prepare('SELECT sha256 FROM bundles').pluck().all() as string[];
  return new Map(shas.map((s) => [s, bundleImage(db, s)]));
}

/** One stored file of a bundle, with its bytes from the content-addressed blobs. */
export function bundleFile(db: Database.Database, bundleSha256: string, path: string): (StoredFile & { data: Buffer }) | undefined {
  const row = db
    .prepare('SELECT f.path, f.role, f.sha256, f.bytes, f.listed, b.data FROM bundle_files f JOIN blobs b ON b.sha256 = f.sha256 WHERE f.bundle_sha256 = ? AND f.path = ?')
    .get(bundleSha256, path) as (Omit<StoredFile, 'listed'> & { listed: number; data: Buffer }) | undefined;
  return row ? { ...row, listed: row.listed === 1 } : undefined;
}

/** Each model's most recent bundle with its findings above "info", in one pass for the inventory. */
export function latestBundlePerModel(db: Database.Database): Map<string, { sha256: string; version: string; importedAt: string; openFindings: number }> {
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
export function latestFindings(db: Database.Database, modelId: string): { id: number; severity: string; category: string; message: string; bundleSha256: string }[] {
  return db
    .prepare(
      `SELECT f.id, f.severity, f.category, f.message, f.bundle_sha256 AS bundleSha256 FROM findings f
       WHERE f.bundle_sha256 = (SELECT b.sha256 FROM bundles b WHERE b.model_id = ? ORDER BY b.imported_at DESC, b.sha256 LIMIT 1)
       ORDER BY CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, f.id`,
    )
    .all(modelId) as { id: number; severity: string; category: string; message: string; bundleSha256: string }[];
}

/** One finding of a model, with the bundle it was found in. */
export function findingOfModel(db: Database.Database, modelId: string, id: number): { id: number; bundleSha256: string } | undefined {
  return db.prepare('SELECT id, bundle_sha256 AS bundleSha256 FROM findings WHERE id = ? AND model_id = ?').get(id, modelId) as { id: number; bundleSha256: string } | undefined;
}
