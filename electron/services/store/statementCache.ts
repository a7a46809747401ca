import type Database from 'better-sqlite3';
import type { ReadDb, ReadStatement, WriteDb } from './handles';

const caches = new WeakMap<ReadDb, Map<string, ReadStatement>>();

/**
 * A prepared statement kept per connection: preparing costs more than running a small
 * insert, and the hand-over to a new cycle writes tens of thousands of rows. A write handle
 * gets a statement that can run; a read handle one that cannot.
 */
export function statement(db: WriteDb, sql: string): Database.Statement;
export function statement(db: ReadDb, sql: string): ReadStatement;
export function statement(db: ReadDb, sql: string): ReadStatement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}
