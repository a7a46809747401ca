import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations, SCHEMA_VERSION } from '../../../../electron/services/store/migrations';
import { migration007 } from '../../../../electron/services/store/migrations/007_cycles';
import { Workspace } from '../../../../electron/services/store/workspace';
import { currentTaxonomy } from '../../../../electron/services/cycles/cycleService';
import { tempDir } from '../../../helpers/tempDir';
import { addModels, modelFixture } from '../../../helpers/workspaces';
import { lowerSchema } from '../../../helpers/olderSchema';

describe('migration 007 (cycles)', () => {
  it('is version 7 at position 7', () => {
    expect(migration007.version).toBe(7);
    expect(migrations[6]).toBe(migration007);
  });

  it('keeps findings, lineage and carried follow-ups sound at the database level', () => {
    const db = new Database(path.join(tempDir(), 'm.sqlite'));
    db.pragma('foreign_keys = ON');
    db.exec(migrations.map((m) => m.sql).join('\n'));
    db.exec("INSERT INTO models VALUES ('m', 'n', 'v', 'o', 't', 'p', '[]', 'u', 'internal', 0, 'a', 'b')");
    const finding = db.prepare(
      `INSERT INTO register_findings (id, key, type, severity, category, title, model_id, owner, due, status, status_note, acceptance_id, opened_on, closed_on, born_cycle_id, born_cycle_name, raised_by, updated_at)
       VALUES (?, 'k', ?, 'high', 'drift', 'PSI high', ?, 'o', NULL, ?, ?, ?, '2026-10-01', ?, 'c', 'Q3', 'me', 'now')`,
    );
    expect(() => finding.run('f1', 'validation_issue', 'nobody', 'open', null, null, null)).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => finding.run('f1', 'rumour', 'm', 'open', null, null, null)).toThrow(/CHECK constraint failed/);
    // Closed needs its evidence and a date; covered needs the acceptance.
    expect(() => finding.run('f1', 'validation_issue', 'm', 'closed_with_evidence', null, null, '2026-10-02')).toThrow(/CHECK constraint failed/);
    expect(() => finding.run('f1', 'validation_issue', 'm', 'covered_by_acceptance', null, null, '2026-10-02')).toThrow(/CHECK constraint failed/);
    expect(() => finding.run('f1', 'limitation', 'm', 'closed_with_evidence', 'fixed in v2', null, '2026-10-02')).not.toThrow();
    expect(() => db.exec("INSERT INTO lineage VALUES (2, 'c', 'Q3', 'q3.mrb', NULL, '" + 'a'.repeat(64) + "', 1, 'now')")).toThrow(/CHECK constraint failed/);
    expect(() => db.exec("INSERT INTO lineage VALUES (1, 'c', 'Q3', 'q3.mrb', NULL, 'short', 1, 'now')")).toThrow(/CHECK constraint failed/);
    expect(() =>
      db.exec("INSERT INTO carried_followups (id, kind, model_id, born_cycle_id, born_cycle_name, decision_id, session_id, session_number, session_date, text, owner, due, status) VALUES ('x', 'wish', 'm', 'c', 'Q3', 'd', 's', 1, '2026-09-15', 't', 'o', '2026-12-01', 'open')"),
    ).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('upgrades a schema-6 workspace: its audit chain and taxonomy still verify, with the default review frequency', () => {
    const file = path.join(tempDir(), 'old.mrb');
    const ws = Workspace.create(file, { name: 'Old', actor: 't' });
    addModels(ws, [modelFixture('a')]);
    ws.close();
    // Back to schema 6, as a workspace written by the previous build.
    lowerSchema(file, 6);
    const upgraded = Workspace.open(file, { actor: 't' });
    expect(upgraded.reader.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(upgraded.verifyAudit().problem).toBeNull();
    expect(currentTaxonomy(upgraded).reviewMonths).toBeUndefined();
    upgraded.close();
  });
});
