import Database from 'better-sqlite3';
import type { ReadDb } from './handles';
import { tableExists } from './tableExists';

/** Rows in a table that a later migration creates; 0 while this workspace has none. */
export function countIfPresent(db: ReadDb, table: 'bundles' | 'sessions'): number {
  if (!tableExists(db, table)) return 0;
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
