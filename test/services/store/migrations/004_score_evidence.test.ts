import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../electron/services/store/migrations';
import { tempDir } from '../../../helpers/tempDir';

describe('migration 004 (score evidence)', () => {
  it('keeps scores made before it and accepts only JSON evidence', () => {
    const db = new Database(path.join(tempDir(), 'm.sqlite'));
    db.exec(migrations.slice(0, 3).map((m) => m.sql).join('\n'));
    db.exec("INSERT INTO models VALUES ('m', 'n', 'v', 'o', 't', 'p', '[]', 'u', 'internal', 0, 'a', 'b')");
    db.exec("INSERT INTO taxonomy_versions VALUES (1, 'a', '{}')");
    db.exec("INSERT INTO scores VALUES ('m', 'privacy', 3, 3, 3, 'analyst', 'why', 1, 'me', 'now')");
    db.exec(migrations[3]!.sql);
    expect(db.prepare('SELECT value, evidence FROM scores').get()).toEqual({ value: 3, evidence: null });
    expect(() => db.exec(`UPDATE scores SET evidence = '{"bundleSha256": null}'`)).not.toThrow();
    expect(() => db.exec(`UPDATE scores SET evidence = 'not json'`)).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
