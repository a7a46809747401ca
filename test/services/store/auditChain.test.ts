import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/services/store/workspace';
import fc from 'fast-check';
import { canonicalEvent, canonicalJson, canonicalStoredEvent, chainHash, GENESIS_HASH, type Json } from '../../../electron/services/store/auditChain';
import { addModels, modelFixture, newWorkspace, verifyFile } from '../../helpers/workspaces';

/** A workspace with five models (events 3..7), closed so an "attacker" can edit it. */
function tamperable(): string {
  const { ws, file } = newWorkspace();
  addModels(ws, ['m1', 'm2', 'm3', 'm4', 'm5'].map((id) => modelFixture(id)));
  ws.close();
  return file;
}

/** Edits the file as someone with the sqlite3 shell would, outside the app. */
function sqliteShell(file: string, sql: string): void {
  execFileSync('sqlite3', [file, sql]);
}

const attacker: Database.Database[] = [];
afterEach(() => {
  for (const db of attacker.splice(0)) db.close();
});

describe('the audit chain', () => {
  it('links every event to the one before by sha256(prev_hash + canonical event)', () => {
    const file = tamperable();
    const db = new Database(file, { readonly: true });
    attacker.push(db);
    const rows = db.prepare('SELECT * FROM audit_events ORDER BY seq').all() as Record<string, string | number | null>[];
    expect(rows).toHaveLength(7);
    let prev = GENESIS_HASH;
    for (const r of rows) {
      expect(r.prev_hash).toBe(prev);
      const body = {
        seq: r.seq as number,
        at: r.at as string,
        actor: r.actor as string,
        action: r.action as string,
        entity: r.entity as string,
        entityId: r.entity_id as string,
        before: r.before === null ? null : JSON.parse(r.before as string),
        after: r.after === null ? null : JSON.parse(r.after as string),
      };
      expect(r.hash).toBe(chainHash(prev, body));
      prev = r.hash as string;
    }
    expect(verifyFile(file)).toMatchObject({ ok: true, events: 7, head: prev, problem: null });
  });

  it('stores before/after images as RFC 8785 canonical JSON', () => {
    expect(canonicalJson({ b: 1, a: [1.5, 'x', null], c: { z: true, y: 1e21 } })).toBe('{"a":[1.5,"x",null],"b":1,"c":{"y":1e+21,"z":true}}');
  });

  it('hashes the stored columns exactly as the canonical event (fast path = reference)', () => {
    const json = fc.jsonValue() as fc.Arbitrary<Json>;
    fc.assert(
      fc.property(fc.nat(), fc.string(), fc.string(), fc.string(), fc.string(), fc.string(), fc.option(json), fc.option(json), (seq, at, actor, action, entity, entityId, before, after) => {
        const body = { seq, at, actor, action, entity, entityId, before: before ?? null, after: after ?? null };
        const row = {
          seq, at, actor, action, entity, entity_id: entityId,
          before: body.before === null ? null : canonicalJson(body.before),
          after: body.after === null ? null : canonicalJson(body.after),
          prev_hash: GENESIS_HASH, hash: '',
        };
        expect(canonicalStoredEvent(row)).toBe(canonicalEvent(body));
      }),
      { numRuns: 300 },
    );
  });

  it('a quick re-check after a full one still sees records changed behind the app; a full one sees old events edited', () => {
    const file = tamperable();
    const ws = Workspace.open(file);
    expect(ws.verifyAudit('full').ok).toBe(true);
    const db = new Database(file);
    attacker.push(db);
    db.exec("UPDATE audit_events SET actor = 'mallory' WHERE seq = 2");
    db.exec("UPDATE models SET team = 'x' WHERE id = 'm5'");
    expect(ws.verifyAudit('latest').problem?.reason).toMatch(/model m5 was edited behind the app/);
    expect(ws.verifyAudit('full').problem?.seq).toBe(2);
    ws.close();
  });

  it('records who changed what, with before and after', () => {
    const { ws } = newWorkspace();
    addModels(ws, [modelFixture('credit-1')]);
    const row = ws.reader.prepare("SELECT actor, action, entity, entity_id, before, after FROM audit_events WHERE entity = 'model'").get() as Record<string, string | null>;
    ws.close();
    expect(row).toMatchObject({ actor: 'analyst@test', action: 'model.create', entity: 'model', entity_id: 'credit-1', before: null });
    expect(JSON.parse(row.after as string)).toMatchObject({ id: 'credit-1', productLine: 'Lending' });
  });

  it('detects an edited event and names it', () => {
    const file = tamperable();
    sqliteShell(file, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 4");
    const report = verifyFile(file);
    expect(report.ok).toBe(false);
    expect(report.problem?.seq).toBe(4);
    expect(report.problem?.reason).toMatch(/event #4 \(model.create model m2, .*\) was edited/);
  });

  it('detects a deleted event in the middle', () => {
    const file = tamperable();
    sqliteShell(file, 'DELETE FROM audit_events WHERE seq = 5');
    const report = verifyFile(file);
    expect(report).toMatchObject({ ok: false, problem: { seq: 5 } });
    expect(report.problem?.reason).toMatch(/event #5 is missing: it was deleted/);
  });

  it('detects deleted last events through the recorded head', () => {
    const file = tamperable();
    sqliteShell(file, 'DELETE FROM audit_events WHERE seq >= 6');
    expect(verifyFile(file).problem?.reason).toMatch(/ends at event #5 but its recorded head is event #7/);
  });

  it('detects an inserted event, even one renumbered to fit', () => {
    const file = tamperable();
    const db = new Database(file);
    attacker.push(db);
    db.exec('UPDATE audit_events SET seq = -(seq + 1) WHERE seq >= 4; UPDATE audit_events SET seq = -seq WHERE seq < 0;');
    const prev = (db.prepare('SELECT hash FROM audit_events WHERE seq = 3').get() as { hash: string }).hash;
    db.prepare(
      "INSERT INTO audit_events (seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash) VALUES (4, '2026-07-02T00:00:00.000Z', 'mallory', 'model.delete', 'model', 'm9', NULL, NULL, ?, ?)",
    ).run(prev, 'f'.repeat(64));
    const report = verifyFile(file);
    expect(report).toMatchObject({ ok: false, problem: { seq: 4 } });
    expect(report.problem?.reason).toMatch(/was edited: its content no longer matches its hash/);
  });

  it('detects an event appended behind the app with a correctly computed hash', () => {
    const file = tamperable();
    const db = new Database(file);
    attacker.push(db);
    const last = db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    const body = { seq: last.seq + 1, at: '2026-07-03T00:00:00.000Z', actor: 'mallory', action: 'note', entity: 'cycle', entityId: 'x', before: null, after: null };
    db.prepare('INSERT INTO audit_events (seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)').run(
      body.seq,
      body.at,
      body.actor,
      body.action,
      body.entity,
      body.entityId,
      last.hash,
      chainHash(last.hash, body),
    );
    expect(verifyFile(file).problem?.reason).toMatch(/Event #8 and later were added behind the app/);
  });

  it('detects a record edited behind the app even when the log is untouched', () => {
    const file = tamperable();
    sqliteShell(file, "UPDATE models SET owner = 'someone-else' WHERE id = 'm3'");
    expect(verifyFile(file).problem?.reason).toMatch(/The model m3 was edited behind the app: it no longer matches event #5/);
  });

  it('detects a record deleted or inserted behind the app', () => {
    const file = tamperable();
    sqliteShell(file, "DELETE FROM models WHERE id = 'm1'");
    expect(verifyFile(file).problem?.reason).toMatch(/The model m1 was deleted behind the app/);

    const other = tamperable();
    sqliteShell(
      other,
      "INSERT INTO models VALUES ('ghost', 'Ghost', '1', 'o', 't', 'p', '[]', 'u', 'internal', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
    );
    expect(verifyFile(other).problem?.reason).toMatch(/The model ghost was inserted behind the app/);
  });

  it('a write that records no audit event is refused and leaves nothing', () => {
    const { ws } = newWorkspace();
    expect(() =>
      ws.transaction((tx) => {
        tx.db.prepare("UPDATE cycle SET name = 'sneaky'").run();
      }),
    ).toThrow(/must record at least one audit event/);
    expect((ws.reader.prepare('SELECT name FROM cycle').get() as { name: string }).name).toBe('Q3 2026 review');
    expect(ws.verifyAudit().ok).toBe(true);
    ws.close();
  });
});
