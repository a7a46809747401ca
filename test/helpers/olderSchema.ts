import Database from 'better-sqlite3';
import { migrations } from '../../electron/services/store/migrations';

type Entry = { type: string; name: string };

function objects(db: Database.Database): Entry[] {
  return db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").all() as Entry[];
}

function columns(db: Database.Database, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
}

/** Builds before schema 12 kept each stored file inline in blobs.data: its chunks are put back there. */
function inlineChunks(db: Database.Database): void {
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'blob_chunks'").get() === undefined) return;
  const keys = db.prepare('SELECT DISTINCT sha256 FROM blob_chunks').pluck().all() as string[];
  for (const key of keys) {
    const chunks = db.prepare('SELECT data FROM blob_chunks WHERE sha256 = ? ORDER BY seq').pluck().all(key) as Buffer[];
    const inline = db.prepare('SELECT data FROM blobs WHERE sha256 = ?').pluck().get(key) as Buffer;
    db.prepare('UPDATE blobs SET data = ? WHERE sha256 = ?').run(Buffer.concat([inline, ...chunks]), key);
  }
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
    if (!keep.has('table blob_chunks')) inlineChunks(db);
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
