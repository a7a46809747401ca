import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration001 } from '../../../../electron/services/store/migrations/001_initial';
import { migration002 } from '../../../../electron/services/store/migrations/002_bundles';
import { migration003 } from '../../../../electron/services/store/migrations/003_scores';
import { tempDir } from '../../../helpers/tempDir';

describe('migration 003 (scores)', () => {
  it('keeps a score and its band inside 1..5 at the database level too', () => {
    const db = new Database(path.join(tempDir(), 'm.sqlite'));
    db.exec(migration001.sql + migration002.sql + migration003.sql);
    db.exec("INSERT INTO models VALUES ('m', 'n', 'v', 'o', 't', 'p', '[]', 'u', 'internal', 0, 'a', 'b')");
    db.exec("INSERT INTO taxonomy_versions VALUES (1, 'a', '{}')");
    const insert = db.prepare("INSERT INTO scores VALUES ('m', 'privacy', ?, ?, ?, 'analyst', '', 1, 'me', 'now')");
    expect(() => insert.run(3, 2, 4)).not.toThrow();
    expect(() => insert.run(6, 5, 6)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(3, 3.5, 4)).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
