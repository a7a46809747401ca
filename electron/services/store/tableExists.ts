import type { ReadDb } from './handles';
import { statement } from './statementCache';

/**
 * Whether a table exists: a workspace opened read-only is not upgraded, so the tables later
 * schema versions add may be absent. Asked each time, as the connection may upgrade the file.
 */
export function tableExists(db: ReadDb, name: string): boolean {
  return statement(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
