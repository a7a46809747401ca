import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/services/store/workspace';
import { APPLICATION_ID } from '../../../electron/services/store/workspaceFile';
import { SCHEMA_VERSION } from '../../../electron/services/store/migrations';
import { cycleInfo } from '../../../electron/services/cycles/cycleService';
import { DEFAULT_DIMENSIONS } from '../../../shared/domain/taxonomy';
import { fingerprint, newWorkspace } from '../../helpers/workspaces';
import { tempDir } from '../../helpers/tempDir';

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});
function track(ws: Workspace): Workspace {
  open.push(ws);
  return ws;
}

describe('creating and reopening a workspace', () => {
  it('builds the schema from empty: our application id, the schema version, WAL, 16 KiB pages, the seeded taxonomy', () => {
    const { ws, file } = newWorkspace();
    track(ws);
    const db = ws.reader;
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // Four times SQLite's default: a walk of the audit log reads a quarter as many pages.
    expect(db.pragma('page_size', { simple: true })).toBe(16_384);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const info = cycleInfo(ws);
    expect(info).toMatchObject({ name: 'Q3 2026 review', periodStart: '2026-07-01', periodEnd: '2026-09-30', path: file });
    expect(info.taxonomy.dimensions).toBe(DEFAULT_DIMENSIONS.length);
    expect(info.audit).toMatchObject({ ok: true, events: 2 });
  });

  it('reopens with everything kept and nothing re-migrated', () => {
    const { ws, file } = newWorkspace('Kept cycle');
    const created = cycleInfo(ws);
    ws.close();
    const again = track(Workspace.open(file));
    const info = cycleInfo(again);
    expect(info.id).toBe(created.id);
    expect(info.name).toBe('Kept cycle');
    expect(info.counts.auditEvents).toBe(2);
  });

  it('refuses to overwrite an existing file', () => {
    const { ws, file } = newWorkspace();
    ws.close();
    const before = fingerprint(file);
    expect(() => Workspace.create(file, { name: 'again' })).toThrow(/already exists/);
    expect(fingerprint(file)).toBe(before);
  });

  it('leaves no half-made file behind when the folder does not exist', () => {
    const dir = tempDir();
    const file = path.join(dir, 'missing', 'x.mrb');
    expect(() => Workspace.create(file, { name: 'x' })).toThrow(/folder .* does not exist/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('refusing files that are not ours, newer or damaged, without changing them', () => {
  function expectRefusedUnchanged(file: string, message: RegExp): void {
    const before = fs.readFileSync(file);
    const siblings = fs.readdirSync(path.dirname(file)).sort();
    expect(() => Workspace.open(file)).toThrow(message);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(siblings);
  }

  it('a text file', () => {
    const file = path.join(tempDir(), 'notes.mrb');
    fs.writeFileSync(file, 'minutes of the last meeting\n');
    expectRefusedUnchanged(file, /not an SQLite database/);
  });

  it('an empty file', () => {
    const file = path.join(tempDir(), 'empty.mrb');
    fs.writeFileSync(file, '');
    expectRefusedUnchanged(file, /the file is empty/);
  });

  it("another application's SQLite database", () => {
    const file = path.join(tempDir(), 'other.mrb');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.pragma('application_id = 1234');
    db.close();
    expectRefusedUnchanged(file, /another application \(application_id 0x000004d2\)/);
  });

  it('a workspace written by a newer build', () => {
    const { ws, file } = newWorkspace();
    ws.close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    expectRefusedUnchanged(file, new RegExp(`newer Model Review Board \\(schema version ${SCHEMA_VERSION + 5}`));
  });

  it('a workspace whose schema version was lowered while its tables stayed those of the current version', () => {
    const { ws, file } = newWorkspace();
    ws.close();
    const db = new Database(file);
    db.pragma('user_version = 3');
    db.pragma('journal_mode = DELETE');
    db.close();
    expectRefusedUnchanged(file, /says it is schema version 3, but it already has scores\.evidence, table sessions, table attendees and \d+ more, as schema version \d+ has: its version number was changed behind the app/);
    expect(() => Workspace.open(file, { readonly: true })).toThrow(/says it is schema version 3/);
  });

  it('a workspace that lacks part of the schema its version names', () => {
    const { ws, file } = newWorkspace();
    ws.close();
    const db = new Database(file);
    db.exec('DROP TABLE packets');
    db.pragma('journal_mode = DELETE');
    db.close();
    expectRefusedUnchanged(file, /lacks part of schema version \d+ \(table packets, index packets_session missing\): it was altered behind the app/);
  });

  it('a damaged workspace', () => {
    const { ws, file } = newWorkspace();
    ws.close();
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.close();
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the second page (a b-tree page), keeping the header intact.
    bytes.fill(0xa5, pageSize + 8, pageSize * 2);
    fs.writeFileSync(file, bytes);
    expectRefusedUnchanged(file, /is damaged/);
  });

  it('a path that does not exist', () => {
    expect(() => Workspace.open(path.join(tempDir(), 'nope.mrb'))).toThrow(/There is no workspace at/);
  });
});

describe('one writer at a time', () => {
  it('a second writer in the same process is told the workspace is open elsewhere', () => {
    const { ws, file } = newWorkspace();
    track(ws);
    expect(() => Workspace.open(file, { app: 'second window' })).toThrow(/open elsewhere for writing, by Model Review Board \(process \d+/);
  });

  it('readers still read while a writer holds it', () => {
    const { ws, file } = newWorkspace('Busy cycle');
    track(ws);
    const reader = track(Workspace.open(file, { readonly: true }));
    expect(cycleInfo(reader).name).toBe('Busy cycle');
    expect(() => reader.transaction(() => undefined)).toThrow(/read-only/);
  });

  it('the lock is free again once the writer closes', () => {
    const { ws, file } = newWorkspace();
    ws.close();
    const again = track(Workspace.open(file));
    expect(again.writable).toBe(true);
  });
});
