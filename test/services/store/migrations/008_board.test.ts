import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations, SCHEMA_VERSION } from '../../../../electron/services/store/migrations';
import { migration008 } from '../../../../electron/services/store/migrations/008_board';
import { Workspace } from '../../../../electron/services/store/workspace';
import { recordDecision } from '../../../../electron/services/sessions/decisionService';
import { sessionDetail } from '../../../../electron/services/sessions/sessionView';
import { lowerSchema } from '../../../helpers/olderSchema';
import { tempDir } from '../../../helpers/tempDir';
import { clock, cycleWithBoard, markPresent, openSession, votesFor } from '../../sessions/meeting';
import { todayOf } from '../../../../electron/services/clock';

describe('migration 008 (board)', () => {
  it('is version 8 at position 8', () => {
    expect(migration008.version).toBe(8);
    expect(migrations[7]).toBe(migration008);
  });

  it('keeps the roster and the approval of an amendment sound at the database level', () => {
    const db = new Database(path.join(tempDir(), 'm.sqlite'));
    db.exec(migrations.map((m) => m.sql).join('\n'));
    const person = db.prepare('INSERT INTO roster (id, position, name, email, organisation, role) VALUES (?, 0, ?, ?, ?, ?)');
    person.run('p1', 'Ana Khan', 'a.khan@bank.example', 'MRM', 'chair');
    expect(() => person.run('p2', 'Ana K', 'A.Khan@bank.example', 'MRM', 'observer')).toThrow(/UNIQUE constraint failed/);
    expect(() => person.run('p3', 'Bo', 'bo@bank.example', 'MRM', 'boss')).toThrow(/CHECK constraint failed/);
    expect(() => db.exec("INSERT INTO amendment_approvals VALUES ('d', 'vote', '[1]')")).toThrow(/CHECK constraint failed|FOREIGN KEY/);
    db.close();
  });

  it('upgrades a schema-7 workspace with a decision: votes read without reasons, and the audit chain still holds', () => {
    const { ws, file } = cycleWithBoard();
    const b = openSession(ws);
    markPresent(ws, b, [b.ann, b.bo, b.cy]);
    recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('hot'), outcome: 'deferred', rationale: 'Later.', votes: votesFor(b) });
    ws.close();
    lowerSchema(file, 7);
    const upgraded = Workspace.open(file, { actor: 't' });
    expect(upgraded.reader.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(upgraded.verifyAudit().problem).toBeNull();
    const item = sessionDetail(upgraded, b.sessionId, todayOf(clock)).items.find((i) => i.modelId === 'hot');
    expect(item?.decision?.votes.map((v) => Object.keys(v).sort())).toEqual([
      ['attendeeId', 'name', 'vote'],
      ['attendeeId', 'name', 'vote'],
      ['attendeeId', 'name', 'vote'],
    ]);
    expect(item?.conflicts).toEqual([]);
    upgraded.close();
  });
});
