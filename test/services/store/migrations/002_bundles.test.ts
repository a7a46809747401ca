import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../electron/services/store/workspace';
import { SCHEMA_VERSION } from '../../../../electron/services/store/migrations';
import { newWorkspace } from '../../../helpers/workspaces';

describe('migrations 002 (bundles) and later', () => {
  it('upgrades a schema-1 workspace on open, in one audited step, keeping the chain whole', () => {
    const { ws, file } = newWorkspace('Old cycle');
    ws.close();
    // A workspace as schema 1 left it: without the evidence tables.
    const db = new Database(file);
    db.exec('DROP TABLE packets; DROP VIEW locked_decisions; DROP TABLE chair_notes; DROP TABLE amendments; DROP TABLE acceptances; DROP TABLE mitigations; DROP TABLE conditions; DROP TABLE votes; DROP TABLE decisions; DROP TABLE agenda_items; DROP TABLE attendees; DROP TABLE sessions;');
    db.exec('DROP TABLE scores; DROP TABLE findings; DROP TABLE bundle_files; DROP TABLE bundles; DROP TABLE blobs; DROP TABLE settings;');
    db.pragma('user_version = 1');
    db.close();

    const upgraded = Workspace.open(file, { actor: 'analyst@test' });
    const tables = upgraded.reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['blobs', 'bundles', 'bundle_files', 'findings', 'settings']));
    expect(upgraded.reader.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const last = upgraded.reader.prepare('SELECT action, before, after FROM audit_events ORDER BY seq DESC LIMIT 1').get();
    expect(last).toEqual({ action: 'workspace.migrate', before: '{"schema_version":1}', after: `{"schema_version":${SCHEMA_VERSION}}` });
    expect(upgraded.verifyAudit()).toMatchObject({ ok: true, events: 3 });
    upgraded.close();
  });
});
