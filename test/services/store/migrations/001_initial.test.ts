import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration001 } from '../../../../electron/services/store/migrations/001_initial';
import { migrations, SCHEMA_VERSION } from '../../../../electron/services/store/migrations';
import { tempDir } from '../../../helpers/tempDir';

describe('migration 001 (initial)', () => {
  it('is the first of a gapless numbered list', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(migrations.length);
    expect(migrations[0]).toBe(migration001);
  });

  it('creates the cycle, model, taxonomy and audit tables on an empty database', () => {
    const db = new Database(path.join(tempDir(), 'm.sqlite'));
    db.exec(migration001.sql);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['audit_anchor', 'audit_events', 'cycle', 'models', 'taxonomy_dimensions', 'taxonomy_versions']);
    // The constraints the app relies on hold at the database level too.
    expect(() =>
      db.prepare("INSERT INTO models VALUES ('m', 'n', 'v', 'o', 't', 'p', '[]', 'u', 'partner-facing', 0, 'a', 'b')").run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("INSERT INTO taxonomy_dimensions VALUES (9, 0, 'k', 'l', 'd', 'impact', 1, '[]')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
