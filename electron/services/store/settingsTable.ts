import type { Json } from './auditChain';
import type { ReadDb, WriteDb } from './handles';

export function readSetting(db: ReadDb, key: string): Json | undefined {
  const text = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return text === undefined ? undefined : (JSON.parse(text) as Json);
}

export function writeSetting(db: WriteDb, key: string, value: Json): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

/** What the audit log records of a setting: its key and value. */
export function settingImage(key: string, value: Json): Json {
  return { key, value };
}

export function allSettingImages(db: ReadDb): Map<string, Json> {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  return new Map(rows.map((r) => [r.key, settingImage(r.key, JSON.parse(r.value) as Json)]));
}
