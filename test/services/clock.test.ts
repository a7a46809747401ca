import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockAt, clockOnDay, todayOf } from '../../electron/services/clock';
import { readCycle } from '../../electron/services/store/cycleTable';
import { Workspace } from '../../electron/services/store/workspace';
import { tempDir } from '../helpers/tempDir';
import { addModels, modelFixture } from '../helpers/workspaces';
import { services } from '../helpers/services';
import { dispatch } from '../../electron/services/dispatch';

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

  it('is given once, to the session, and reaches every moment the services record or show', async () => {
    const at = '2026-07-01T09:30:00.000Z';
    const { dir, handlers } = services(clockAt(at));
    const call = async (name: string, args: unknown) => {
      const reply = await dispatch(handlers, name, args);
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value as never;
    };
    const file = path.join(dir, 'q3.mrb');
    await call('cycle.create', { path: file, name: 'Q3 2026', periodStart: '2026-07-01', periodEnd: '2026-09-30' });
    // The recent list, the writer lock that names the holder, the audit events.
    expect(await call('cycle.recent', {})).toMatchObject([{ path: file, openedAt: at }]);
    expect(() => Workspace.open(file, { actor: 'other@test' })).toThrow(`since ${at})`);
    const events: { events: { at: string }[] } = await call('audit.events', {});
    expect(new Set(events.events.map((e) => e.at))).toEqual(new Set([at]));
    // The services' today.
    expect(((await call('posture.get', {})) as { asOf: string }).asOf).toBe('2026-07-01');
    expect(((await call('kpis.get', {})) as { asOf: string }).asOf).toBe('2026-07-01');
    // A signing identity's certificates start at the clock's moment, not the machine's.
    const identity: { notBefore: string } = await call('identities.create', { name: 'Ann Lee', email: 'ann@example.org', organisation: 'Example Bank', out: path.join(dir, 'ann.p12'), passphrase: 'correct horse battery' });
    expect(identity.notBefore).toBe(at);
  });
});
