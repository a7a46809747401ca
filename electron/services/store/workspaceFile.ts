import fs from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '../../../shared/contract/errors';
import { SCHEMA_VERSION } from './migrations';

/** `PRAGMA application_id` of every workspace: the bytes "MRB1". */
export const APPLICATION_ID = 0x4d524231;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function refused(message: string): UserError {
  return new UserError('workspace_refused', message);
}

/**
 * Checks that a file is a workspace this build can open, without changing a byte of it:
 * the header is read as plain bytes and SQLite only ever opens it read-only here.
 * Returns the schema version found.
 */
export function inspectWorkspaceFile(path: string, nativeBinding?: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    throw new UserError('not_found', `There is no workspace at ${path}. Check the path, or create a new cycle there.`);
  }
  if (!stat.isFile()) throw refused(`${path} is not a file, so it cannot be a workspace.`);

  const header = Buffer.alloc(100);
  const fd = fs.openSync(path, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    throw refused(`${path} is not a Model Review Board workspace: it is not an SQLite database${read === 0 ? ' (the file is empty)' : ''}. The file was not changed.`);
  }

  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (err) {
    throw refused(`${path} cannot be opened as a workspace (${(err as Error).message}). The file was not changed.`);
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      throw refused(
        `${path} is an SQLite database of another application (application_id 0x${(appId >>> 0).toString(16).padStart(8, '0')}), not a Model Review Board workspace. The file was not changed.`,
      );
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw refused(
        `${path} was written by a newer Model Review Board (schema version ${version}; this build knows up to ${SCHEMA_VERSION}). Update the app to open it. The file was not changed.`,
      );
    }
    const check = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
    const problems = check.map((r) => r.quick_check).filter((m) => m !== 'ok');
    if (problems.length > 0) {
      throw refused(`${path} is damaged (SQLite check: ${problems.slice(0, 3).join('; ')}). Restore it from a backup. The file was not changed.`);
    }
    return version;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw refused(`${path} is damaged (${(err as Error).message}). Restore it from a backup. The file was not changed.`);
  } finally {
    db.close();
  }
}
