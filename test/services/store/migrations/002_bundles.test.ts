import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../electron/services/store/workspace';
import { SCHEMA_VERSION } from '../../../../electron/services/store/migrations';
import { lowerSchema } from '../../../helpers/olderSchema';
import { newWorkspace } from '../../../helpers/workspaces';

describe('migrations 002 (bundles) and later', () => {
  it('upgrades a schema-1 workspace on open, in one audited step, keeping the chain whole', () => {
    const { ws, file } = newWorkspace('Old cycle');
    ws.close();
    // A workspace as schema 1 left it: without the evidence tables.
    lowerSchema(file, 1);

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
