import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockAt, clockOnDay, todayOf } from '../../electron/services/clock';
import { readCycle } from '../../electron/services/store/cycleTable';
import { Workspace } from '../../electron/services/store/workspace';
import { tempDir } from '../helpers/tempDir';
import { addModels, modelFixture } from '../helpers/workspaces';

/** One clock passed down (issue 15 §4): the workspace's transactions take their time from it. */
describe('the services’ clock', () => {
  it('stamps every audit event and the records a transaction writes with the clock the workspace was opened with', () => {
    const file = path.join(tempDir(), 'cycle.mrb');
    const clock = clockAt('2026-07-01T09:30:00.000Z');
    const created = Workspace.create(file, { name: 'Q3 2026 review', actor: 'analyst@test', clock });
    created.close();
    const ws = Workspace.open(file, { actor: 'analyst@test', clock });
    addModels(ws, [modelFixture('m-1')]);
    expect(readCycle(ws.reader)?.created_at).toBe('2026-07-01T09:30:00.000Z');
    expect(new Set(ws.reader.prepare('SELECT at FROM audit_events').pluck().all())).toEqual(new Set(['2026-07-01T09:30:00.000Z']));
    expect(ws.verifyAudit('full').ok).toBe(true);
    ws.close();
  });

  it('names the local day of a stopped clock as today, in any time zone', () => {
    expect(todayOf(clockOnDay('2026-09-20'))).toBe('2026-09-20');
    expect(todayOf(clockOnDay('2026-12-31'))).toBe('2026-12-31');
  });
});
