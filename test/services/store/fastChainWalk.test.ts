import Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_ROW_COLUMNS, canonicalJson, canonicalStoredEvent, ChainWalker, GENESIS_HASH, hashedEventText, type Json, type StoredAuditRow } from '../../../electron/services/store/auditChain';
import { auditTypesKept } from '../../../electron/services/store/auditLogTable';
import { Workspace } from '../../../electron/services/store/workspace';
import { addModels, modelFixture, verifyFile } from '../../helpers/workspaces';
import { tempDir } from '../../helpers/tempDir';

/*
 * The walk hashes the text SQLite puts together from the stored columns, the short fields
 * quoted by json_quote; these events' fields need JSON escaping, which must come out as
 * JSON.stringify writes it. The verdicts and sentences must be the ones the JS canonical form gives.
 */

const attacker: Database.Database[] = [];
afterEach(() => {
  for (const db of attacker.splice(0)) db.close();
});

/** A workspace whose events name an actor and models that JSON must escape. */
function escapedWorkspace(actor: string): string {
  const file = path.join(tempDir(), 'cycle.mrb');
  const ws = Workspace.create(file, { name: 'Q3 2026 review', actor, periodStart: '2026-07-01', periodEnd: '2026-09-30' });
  addModels(ws, ['plain-1', 'quote"d', 'back\\slash', 'tab\there', 'Zoë', 'nul\u0000id', 'plain-2'].map((id) => modelFixture(id)));
  ws.close();
  return file;
}

function open(file: string): Database.Database {
  const db = new Database(file);
  attacker.push(db);
  return db;
}

/** The event's fields put in without JSON escaping: what a walk without the plain check would hash. */
function unescapedText(e: StoredAuditRow): string {
  return (
    `${e.prev_hash}{"action":"${e.action}","actor":"${e.actor}","after":${e.after ?? 'null'},"at":"${e.at}","before":${e.before ?? 'null'}` +
    `,"entity":"${e.entity}","entity_id":"${e.entity_id}","seq":${e.seq}}`
  );
}

describe('the audit walk on fields JSON escapes', () => {
  it('holds for events whose actor and ids hold quotes, backslashes, control characters, NUL and non-ASCII', () => {
    const file = escapedWorkspace('Zoë "Z" O\\Brien\t');
    expect(verifyFile(file)).toMatchObject({ ok: true, events: 9, problem: null });
  });

  it('names an edit of such an event as the canonical form does', () => {
    const file = escapedWorkspace('Zoë "Z" O\\Brien\t');
    open(file).prepare("UPDATE audit_events SET actor = 'Zoe \"Z\" O\\Brien' WHERE seq = 5").run();
    const report = verifyFile(file);
    expect(report).toMatchObject({ ok: false, problem: { seq: 5 } });
    expect(report.problem?.reason).toMatch(/^event #5 \(model.create model back\\slash, .*\) was edited: its content no longer matches its hash\.$/);
  });

  it('refuses an event re-hashed over its fields unescaped (a quote in the actor), with the chain head moved to it', () => {
    const file = escapedWorkspace('analyst@test');
    const db = open(file);
    db.prepare("UPDATE audit_events SET actor = 'a\",\"x\":\"b' WHERE seq = 9").run();
    const last = db.prepare('SELECT * FROM audit_events WHERE seq = 9').get() as StoredAuditRow;
    const forged = hash('sha256', unescapedText(last), 'hex');
    db.prepare('UPDATE audit_events SET hash = ? WHERE seq = 9').run(forged);
    db.prepare('UPDATE audit_anchor SET hash = ? WHERE id = 1').run(forged);
    const report = verifyFile(file);
    expect(report).toMatchObject({ ok: false, problem: { seq: 9 } });
    expect(report.problem?.reason).toMatch(/^event #9 \(model.create model plain-2, .*\) was edited: its content no longer matches its hash\.$/);
  });

  it('refuses an event whose prev_hash is the previous hash with more after it', () => {
    const file = escapedWorkspace('analyst@test');
    open(file).prepare("UPDATE audit_events SET prev_hash = prev_hash || 'x' WHERE seq = 3").run();
    const report = verifyFile(file);
    expect(report).toMatchObject({ ok: false, problem: { seq: 3 } });
    expect(report.problem?.reason).toMatch(/^event #3 \(model.create model plain-1, .*\) does not follow event #2: its prev_hash is not that event's hash/);
  });

  it('puts together, in SQLite, the very text the canonical form hashes, whatever the fields hold, behind the stored hash, with or without the type checks', () => {
    const db = new Database(':memory:');
    attacker.push(db);
    db.exec(`CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL,
      entity_id TEXT NOT NULL, before TEXT, after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT`);
    const insert = db.prepare(`INSERT INTO audit_events (${AUDIT_ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const text = db.prepare(`SELECT ${hashedEventText(true)} FROM audit_events WHERE seq = ?`).pluck();
    // In a STRICT table SQLite keeps the types, and the text without their checks is the same.
    const untyped = db.prepare(`SELECT ${hashedEventText(false)} FROM audit_events WHERE seq = ?`).pluck();
    const stored = db.prepare(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events WHERE seq = ?`);
    // Quotes, backslashes, control characters, NUL, non-ASCII, astral and lone surrogates.
    const field = fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[ -~]{0,12}$/) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }) }, { weight: 2, arbitrary: fc.string({ unit: 'binary' }) });
    // Mostly a hash, sometimes a value whose length the walk cannot rely on.
    const link = fc.oneof({ weight: 6, arbitrary: fc.stringMatching(/^[0-9a-f]{64}$/) }, { weight: 1, arbitrary: field }, { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 64, maxLength: 64 }) });
    const image = fc.option(fc.jsonValue().map((v) => canonicalJson(v as Json)));
    let seq = 0;
    let taken = 0;
    fc.assert(
      fc.property(field, field, field, field, field, link, link, image, image, (at, actor, action, entity, entityId, prev, own, before, after) => {
        seq += 1;
        insert.run(seq, at, actor, action, entity, entityId, before, after, prev, own);
        const row = stored.get(seq) as StoredAuditRow;
        const value = text.get(seq) as string | null;
        expect(untyped.get(seq)).toBe(value);
        if (Buffer.byteLength(row.hash) === 64 && Buffer.byteLength(row.prev_hash) === 64) {
          taken += 1;
          expect(value).toBe(row.hash + row.prev_hash + canonicalStoredEvent(row));
        } else {
          expect(value).toBeNull();
        }
      }),
      { numRuns: 800 },
    );
    expect(taken).toBeGreaterThan(300);
  });

  it('gives no text, and no error, for a column of another type than the schema gives it (a table rebuilt behind the app)', () => {
    const db = new Database(':memory:');
    attacker.push(db);
    db.exec('CREATE TABLE audit_events (seq INTEGER, at, actor, action, entity, entity_id, before, after, prev_hash, hash)');
    const insert = db.prepare(`INSERT INTO audit_events (${AUDIT_ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const h = 'a'.repeat(64);
    const fine = [1, '2026-07-01T00:00:00.000Z', 'analyst', 'model.create', 'model', 'm-1', null, '{}', h, h];
    insert.run(...fine);
    const odd = (at: number, value: unknown) => fine.map((v, i) => (i === 0 ? 2 : i === at ? value : v));
    insert.run(...odd(2, Buffer.from('analyst')));
    insert.run(...odd(0, 2.5).map((v, i) => (i === 0 ? 2.5 : v)));
    insert.run(...odd(5, 7).map((v, i) => (i === 0 ? 3 : v)));
    insert.run(...odd(7, Buffer.from('{}')).map((v, i) => (i === 0 ? 4 : v)));
    const values = db.prepare(`SELECT ${hashedEventText(true)} FROM audit_events ORDER BY seq`).pluck().all();
    expect(values[0]).toBe(`${h}${h}{"action":"model.create","actor":"analyst","after":{},"at":"2026-07-01T00:00:00.000Z","before":null,"entity":"model","entity_id":"m-1","seq":1}`);
    expect(values.slice(1)).toEqual([null, null, null, null]);
  });
});

/** Rebuilds the audit table behind the app as `declaration` says, rows, name and index kept, so the workspace still opens. */
function rebuildAuditTable(file: string, declaration: string): Database.Database {
  const db = open(file);
  db.exec(`BEGIN; CREATE TABLE audit_rebuilt ${declaration}; INSERT INTO audit_rebuilt (${AUDIT_ROW_COLUMNS}) SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events; DROP TABLE audit_events;
    ALTER TABLE audit_rebuilt RENAME TO audit_events; CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, seq); COMMIT;`);
  return db;
}

const COLUMNS_AS_DECLARED = `seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL,
  entity_id TEXT NOT NULL, before TEXT, after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL`;

describe('the type checks of the walk', () => {
  it('are left to SQLite in a table declared as the app declares it, and made where SQLite does not keep the types', () => {
    const file = escapedWorkspace('analyst@test');
    expect(auditTypesKept(open(file))).toBe(true);
    const other = escapedWorkspace('analyst@test');
    expect(auditTypesKept(rebuildAuditTable(other, `(${COLUMNS_AS_DECLARED})`))).toBe(false);
    const anyActor = escapedWorkspace('analyst@test');
    expect(auditTypesKept(rebuildAuditTable(anyActor, `(${COLUMNS_AS_DECLARED.replace('actor TEXT', 'actor ANY')}) STRICT`))).toBe(false);
    const extra = escapedWorkspace('analyst@test');
    const db = rebuildAuditTable(extra, `(${COLUMNS_AS_DECLARED}, note TEXT) STRICT`);
    expect(auditTypesKept(db)).toBe(false);
  });

  it('name an actor stored as bytes, in a table rebuilt without STRICT, as an edit, not an error', () => {
    const file = escapedWorkspace('analyst@test');
    const db = rebuildAuditTable(file, `(${COLUMNS_AS_DECLARED})`);
    db.prepare('UPDATE audit_events SET actor = CAST(actor AS BLOB) WHERE seq = 6').run();
    db.close();
    const report = verifyFile(file);
    expect(report).toMatchObject({ ok: false, problem: { seq: 6 } });
    expect(report.problem?.reason).toMatch(/^event #6 \(model.create model tab\there, .*\) was edited: its content no longer matches its hash\.$/);
  });

  it('hold a table rebuilt without STRICT whose values are all of their types', () => {
    const file = escapedWorkspace('analyst@test');
    rebuildAuditTable(file, `(${COLUMNS_AS_DECLARED})`).close();
    expect(verifyFile(file)).toMatchObject({ ok: true, events: 9, problem: null });
  });
});

describe('taking an event from its hashed text', () => {
  /** The hashedEventText value of an event: its hash, its prev_hash, and the text hashed after prev_hash. */
  const valueOf = (prevHash: string, text: string, stored = hash('sha256', prevHash + text, 'hex')) => stored + prevHash + text;
  const eventText = (seq: number | string) => `{"action":"model.create","actor":"analyst","after":{},"at":"2026-07-01T00:00:00.000Z","before":null,"entity":"model","entity_id":"m-1","seq":${seq}}`;
  /** A walker that has taken events 1 to `through`, and the hash of the last. */
  function walkedThrough(through: number): { walker: ChainWalker; head: string } {
    const walker = new ChainWalker();
    let head = GENESIS_HASH;
    for (let seq = 1; seq <= through; seq += 1) {
      const value = valueOf(head, eventText(seq));
      expect(walker.take(value)).toBe(true);
      head = value.slice(0, 64);
    }
    return { walker, head };
  }

  it('takes the next event, and leaves to the walk from the columns one with another seq, link or hash', () => {
    const { walker, head } = walkedThrough(15);
    // Each is refused with nothing taken: the walker still expects event 16 after the same head.
    for (const seq of ['6', '160', '116', '1', '61', '16.0', '"16"', '-16']) expect(walker.take(valueOf(head, eventText(seq)))).toBe(false);
    expect(walker.take(valueOf(head, eventText(16).replace(',"seq":16}', ',"sex":16}')))).toBe(false);
    expect(walker.take(valueOf(head, `${eventText(16)} `))).toBe(false);
    expect(walker.take(valueOf(GENESIS_HASH, eventText(16)))).toBe(false);
    expect(walker.take(valueOf(head, eventText(16), 'f'.repeat(64)))).toBe(false);
    expect(walker.take(null)).toBe(false);
    expect(walker.lastSeq).toBe(15);
    expect(walker.take(valueOf(head, eventText(16)))).toBe(true);
    expect(walker.lastSeq).toBe(16);
  });
});
