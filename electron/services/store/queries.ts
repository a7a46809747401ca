import Database from 'better-sqlite3';
import type { ReadDb } from './handles';

/** Rows in a table that a later migration creates; 0 while this workspace has none. */
export function countIfPresent(db: ReadDb, table: 'bundles' | 'sessions'): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  if (!exists) return 0;
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** The SQLite library's version, asked of an in-memory database. */
export function sqliteVersion(nativeBinding?: string): string {
  const db = new Database(':memory:', { nativeBinding });
  try {
    return String(db.prepare('SELECT sqlite_version()').pluck().get());
  } finally {
    db.close();
  }
}
