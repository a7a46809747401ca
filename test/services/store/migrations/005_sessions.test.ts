import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../../../electron/services/store/migrations';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../electron/services/store/migrations';
import { migration005 } from '../../../../electron/services/store/migrations/005_sessions';
import { Workspace } from '../../../../electron/services/store/workspace';
import { tempDir } from '../../../helpers/tempDir';
import { lowerSchema } from '../../../helpers/olderSchema';
import { addModels, modelFixture, newWorkspace } from '../../../helpers/workspaces';

/** A database at schema 5 with one model, one session, an attendee, an item and a decision with one of each part. */
function sessionDb(): Database.Database {
  const db = new Database(path.join(tempDir(), 'm.sqlite'));
  db.pragma('foreign_keys = ON');
  for (const m of migrations.slice(0, 5)) db.exec(m.sql);
  db.exec(`
    INSERT INTO models VALUES ('m', 'n', 'v', 'o', 't', 'p', '[]', 'u', 'internal', 0, 'a', 'b');
    INSERT INTO sessions (id, number, title, date, location, chair, created_at, created_by) VALUES ('s', 1, 'Q3 board', '2026-09-15', 'Room 4', 'Chair', 'now', 'me');
    INSERT INTO attendees VALUES ('a', 's', 0, 'Ann', 'CRO', 1, 1);
    INSERT INTO agenda_items VALUES ('i', 's', 'm', 0, 1, '[]');
    INSERT INTO decisions (id, session_id, item_id, kind, outcome, rationale, decision_date, decided_at, decided_by)
      VALUES ('d', 's', 'i', 'original', 'approved_with_conditions', 'fine with a fix', '2026-09-15', 'now', 'me');
    INSERT INTO votes VALUES ('d', 's', 'a', 'for');
    INSERT INTO conditions VALUES ('c', 'd', 0, 'retrain', '', '2026-12-01', 'open', NULL, NULL, NULL);
    INSERT INTO mitigations VALUES ('g', 'd', 0, 'add monitoring', 'Bo', '2026-12-01', 'PSI alert live', 'open', NULL, NULL, NULL);
    INSERT INTO acceptances VALUES ('x', 'd', 0, 'drift', 'CRO', 'manual review', '2027-06-01');
  `);
  return db;
}

function close(db: Database.Database): void {
  db.exec("UPDATE sessions SET closed_at = 'later', closed_by = 'me' WHERE id = 's'");
}

describe('migration 005 (sessions)', () => {
  it('is version 5 at position 5', () => {
    expect(migration005.version).toBe(5);
    expect(migrations[4]).toBe(migration005);
  });

  it('keeps outcomes, votes, dates and rejections sound at the database level', () => {
    const db = sessionDb();
    db.exec("INSERT INTO models VALUES ('m2', 'n', 'v', 'o', 't', 'p', '[]', 'u', 'internal', 0, 'a', 'b'); INSERT INTO agenda_items VALUES ('i2', 's', 'm2', 1, 0, '[]');");
    const decision = db.prepare(
      "INSERT INTO decisions (id, session_id, item_id, kind, outcome, rationale, blocking_dimension, decision_date, decided_at, decided_by) VALUES (?, 's', 'i2', 'original', ?, ?, ?, ?, 'now', 'me')",
    );
    expect(() => decision.run('d2', 'maybe', 'r', null, '2026-09-15')).toThrow(/CHECK constraint failed/);
    expect(() => decision.run('d2', 'rejected', 'r', null, '2026-09-15')).toThrow(/CHECK constraint failed/);
    expect(() => decision.run('d2', 'deferred', '   ', null, '2026-09-15')).toThrow(/CHECK constraint failed/);
    expect(() => decision.run('d2', 'deferred', 'r', null, '2026-02-30')).toThrow(/CHECK constraint failed/);
    expect(() => decision.run('d2', 'rejected', 'r', 'fairness', '2026-09-15')).not.toThrow();
    expect(() => db.exec("INSERT INTO votes VALUES ('d', 's', 'a', 'maybe')")).toThrow(/CHECK constraint failed|UNIQUE/);
    expect(() => db.exec("INSERT INTO conditions VALUES ('c2', 'd', 1, 'x', '', 'soon', 'open', NULL, NULL, NULL)")).toThrow(/CHECK constraint failed/);
    expect(() => db.exec("INSERT INTO votes VALUES ('d', 's', 'nobody', 'for')")).toThrow(/FOREIGN KEY constraint failed/);
    // A second original decision on the same item.
    expect(() =>
      db.exec("INSERT INTO decisions (id, session_id, item_id, kind, outcome, rationale, decision_date, decided_at, decided_by) VALUES ('d3', 's', 'i', 'original', 'approved', 'r', '2026-09-15', 'now', 'me')"),
    ).toThrow(/UNIQUE constraint failed/);
    db.close();
  });

  it('locks a closed session: raw writes to its decision and parts are refused by the triggers', () => {
    const db = sessionDb();
    close(db);
    const refused = [
      "UPDATE decisions SET outcome = 'approved' WHERE id = 'd'",
      "UPDATE decisions SET rationale = 'changed later' WHERE id = 'd'",
      "DELETE FROM decisions WHERE id = 'd'",
      "INSERT INTO decisions (id, session_id, item_id, kind, outcome, rationale, decision_date, decided_at, decided_by) VALUES ('d9', 's', 'i', 'original', 'approved', 'r', '2026-09-15', 'now', 'me')",
      "UPDATE votes SET vote = 'against'",
      'DELETE FROM votes',
      "UPDATE conditions SET text = 'nothing'",
      "UPDATE conditions SET due = '2030-01-01'",
      'DELETE FROM conditions',
      "UPDATE mitigations SET owner = 'someone else'",
      "UPDATE mitigations SET due = '2030-01-01', status = 'done'",
      'DELETE FROM mitigations',
      "INSERT INTO mitigations VALUES ('g2', 'd', 1, 'more', 'Bo', '2026-12-01', 'ok', 'open', NULL, NULL, NULL)",
      "UPDATE acceptances SET expiry = '2030-01-01'",
      'DELETE FROM acceptances',
      "UPDATE attendees SET present = 0",
      "INSERT INTO attendees VALUES ('b', 's', 1, 'Bo', '', 1, 1)",
      "DELETE FROM agenda_items",
      "UPDATE sessions SET title = 'renamed'",
      "UPDATE sessions SET closed_at = NULL, closed_by = NULL",
      'DELETE FROM sessions',
      "INSERT INTO chair_notes (session_id, item_id, text, updated_at, updated_by) VALUES ('s', NULL, 'late note', 'now', 'me')",
    ];
    for (const sql of refused) expect(() => db.exec(sql), sql).toThrow(/closed|locked/);
    expect(db.prepare("SELECT outcome, rationale FROM decisions WHERE id = 'd'").get()).toEqual({ outcome: 'approved_with_conditions', rationale: 'fine with a fix' });
    // Follow-up stays possible: the status of a condition or mitigation.
    expect(() => db.exec("UPDATE mitigations SET status = 'done', status_note = 'alert live', status_at = 'then', status_by = 'Bo' WHERE id = 'g'")).not.toThrow();
    expect(() => db.exec("UPDATE conditions SET status = 'done' WHERE id = 'c'")).not.toThrow();
    db.close();
  });

  it('lets an amendment be written after closing, then locks it and keeps the original', () => {
    const db = sessionDb();
    close(db);
    db.exec(`
      INSERT INTO decisions (id, session_id, item_id, kind, outcome, rationale, blocking_dimension, decision_date, decided_at, decided_by)
        VALUES ('d2', 's', 'i', 'amendment', 'rejected', 'drift got worse', 'performance_drift', '2026-10-01', 'now', 'me');
      INSERT INTO mitigations VALUES ('g2', 'd2', 0, 'retrain', 'Bo', '2026-12-01', 'AUC back', 'open', NULL, NULL, NULL);
      INSERT INTO amendments VALUES ('d2', 'd', 'drift got worse', 'now', 'me');
    `);
    expect(() => db.exec("UPDATE decisions SET rationale = 'x' WHERE id = 'd2'")).toThrow(/locked/);
    expect(() => db.exec("INSERT INTO mitigations VALUES ('g3', 'd2', 1, 'x', 'Bo', '2026-12-01', 'y', 'open', NULL, NULL, NULL)")).toThrow(/locked/);
    expect(() => db.exec("UPDATE amendments SET reason = 'x'")).toThrow(/never changed/);
    expect(() => db.exec('DELETE FROM amendments')).toThrow(/never removed/);
    expect(() => db.exec("INSERT INTO votes VALUES ('d2', 's', 'a', 'for')")).toThrow(/locked|no votes/);
    expect(db.prepare("SELECT outcome FROM decisions WHERE id = 'd'").pluck().get()).toBe('approved_with_conditions');
    db.close();
  });

  it('refuses an amendment of an open session', () => {
    const db = sessionDb();
    expect(() =>
      db.exec("INSERT INTO decisions (id, session_id, item_id, kind, outcome, rationale, decision_date, decided_at, decided_by) VALUES ('d2', 's', 'i', 'amendment', 'deferred', 'r', '2026-09-15', 'now', 'me')"),
    ).toThrow(/Only a decision of a closed session is amended/);
    db.close();
  });

  it('upgrades a schema-4 workspace in place, audited, with the chain still whole', () => {
    const { ws, file } = newWorkspace();
    addModels(ws, [modelFixture('m1')]);
    ws.close();
    lowerSchema(file, 4);
    const again = Workspace.open(file, { actor: 'analyst@test' });
    try {
      expect(again.reader.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(again.reader.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").pluck().get()).toBeGreaterThan(20);
      expect(again.verifyAudit()).toMatchObject({ ok: true });
    } finally {
      again.close();
    }
  });
});
