import Database from 'better-sqlite3';
import { migrations } from '../../electron/services/store/migrations';

type Entry = { type: string; name: string };

function objects(db: Database.Database): Entry[] {
  return db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").all() as Entry[];
}

function columns(db: Database.Database, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
}

/**
 * Turns a current workspace into one as schema `version` left it, as an older build made
 * it: everything later migrations add (tables, views, triggers, indexes, columns) is
 * dropped, and user_version set back. Works for whatever migrations come later.
 */
export function lowerSchema(file: string, version: number): void {
  const old = new Database(':memory:');
  for (const m of migrations.slice(0, version)) old.exec(m.sql);
  const keep = new Set(objects(old).map((o) => `${o.type} ${o.name}`));
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = OFF');
    const later = objects(db).filter((o) => !keep.has(`${o.type} ${o.name}`));
    for (const type of ['view', 'trigger', 'index', 'table']) {
      for (const o of later.filter((x) => x.type === type).reverse()) db.exec(`DROP ${type.toUpperCase()} IF EXISTS "${o.name}"`);
    }
    for (const o of objects(old).filter((x) => x.type === 'table')) {
      const wanted = new Set(columns(old, o.name));
      for (const c of columns(db, o.name).filter((c) => !wanted.has(c))) db.exec(`ALTER TABLE "${o.name}" DROP COLUMN "${c}"`);
    }
    db.pragma(`user_version = ${version}`);
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
    old.close();
  }
}
