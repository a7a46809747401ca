import fs from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '../../../shared/contract/errors';
import { migrations, SCHEMA_VERSION } from './migrations';

/** `PRAGMA application_id` of every workspace: the bytes "MRB1". */
export const APPLICATION_ID = 0x4d524231;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function refused(message: string): UserError {
  return new UserError('workspace_refused', message);
}

/**
 * What a schema holds, as names: "table t", "index i", "view v", "trigger g" and a
 * "column t.c" for each column of each table. SQLite's own objects are left out.
 */
function schemaOf(db: Database.Database): Set<string> {
  const shape = new Set<string>();
  const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { type: string; name: string }[];
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck();
  for (const o of objects) {
    shape.add(`${o.type} ${o.name}`);
    if (o.type === 'table') for (const c of columns.all(o.name) as string[]) shape.add(`column ${o.name}.${c}`);
  }
  return shape;
}

let schemasByVersion: Set<string>[] | undefined;

/** The schema of each version as this build's migrations make it (index = version), built once. */
function schemas(nativeBinding?: string): Set<string>[] {
  if (schemasByVersion === undefined) {
    const db = new Database(':memory:', { nativeBinding });
    try {
      const built = [schemaOf(db)];
      for (const m of migrations) {
        db.exec(m.sql);
        built.push(schemaOf(db));
      }
      schemasByVersion = built;
    } finally {
      db.close();
    }
  }
  return schemasByVersion;
}

/** A few names and how many more, for a one-sentence refusal. */
function someOf(names: string[]): string {
  const shown = names.slice(0, 3).map((n) => n.replace(/^column /, ''));
  return names.length > 3 ? `${shown.join(', ')} and ${names.length - 3} more` : shown.join(', ');
}

/**
 * The schema present must be the one its user_version names: a migration run again on
 * a file that already has its tables fails half-way (and a lowered number makes `info`
 * misreport the file), so such a file is refused before anything touches it.
 */
function schemaMismatch(path: string, db: Database.Database, version: number, nativeBinding?: string): UserError | null {
  const all = schemas(nativeBinding);
  const expected = all[version] as Set<string>;
  const present = schemaOf(db);
  // In the order the migrations add them; a new table's columns go without saying.
  const added = all.slice(version + 1).flatMap((schema, i) => [...schema].filter((n) => !(all[version + i] as Set<string>).has(n)));
  const later = added.filter((n) => present.has(n) && !(n.startsWith('column ') && added.includes(`table ${n.slice(7).split('.')[0]}`)));
  if (later.length > 0) {
    let looksLike = version;
    all.forEach((schema, v) => {
      if ([...schema].every((n) => present.has(n))) looksLike = v;
    });
    return refused(
      `${path} says it is schema version ${version}, but it already has ${someOf(later)}, as ${looksLike > version ? `schema version ${looksLike} has` : 'later versions have'}: its version number was changed behind the app, and upgrading it would fail. The file was not changed.`,
    );
  }
  const missing = [...expected].filter((n) => !present.has(n) && !(n.startsWith('column ') && !present.has(`table ${n.slice(7).split('.')[0]}`)));
  if (missing.length > 0) {
    return refused(`${path} lacks part of schema version ${version} (${someOf(missing)} missing): it was altered behind the app. Restore it from a backup. The file was not changed.`);
  }
  return null;
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
    const mismatch = schemaMismatch(path, db, version, nativeBinding);
    if (mismatch) throw mismatch;
    return version;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw refused(`${path} is damaged (${(err as Error).message}). Restore it from a backup. The file was not changed.`);
  } finally {
    db.close();
  }
}
