import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../electron/services/store/migrations';
import { migration010 } from '../../../../electron/services/store/migrations/010_regulatory';
import { tempDir } from '../../../helpers/tempDir';

describe('migration 010 (regulatory mapping)', () => {
  it('is version 10 at position 10', () => {
    expect(migration010.version).toBe(10);
    expect(migrations[9]).toBe(migration010);
  });

  it('takes a JSON list of clauses per dimension and a JSON object per version, or nothing', () => {
    const db = new Database(path.join(tempDir(), 'm.sqlite'));
    db.exec(migrations.slice(0, 10).map((m) => m.sql).join('\n'));
    const version = db.prepare("INSERT INTO taxonomy_versions (version, created_at, thresholds, finding_clauses) VALUES (?, '2026-01-01T00:00:00Z', '{}', ?)");
    version.run(1, null);
    version.run(2, '{"drift":[]}');
    expect(() => version.run(3, '[]')).toThrow(/CHECK constraint failed/);
    const dimension = db.prepare("INSERT INTO taxonomy_dimensions (version, position, key, label, description, axis, weight, rules, clauses) VALUES (1, ?, ?, 'L', '', 'impact', 1, '[]', ?)");
    dimension.run(0, 'a', null);
    dimension.run(1, 'b', '[{"framework":"eu_ai_act","clause":"12"}]');
    expect(() => dimension.run(2, 'c', 'not json')).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
