import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { recordDecision } from '../../electron/services/sessions/decisionService';
import { services } from '../helpers/services';
import { fingerprint } from '../helpers/workspaces';
import { cycleWithBoard, markPresent, openSession, votesFor } from './sessions/meeting';

describe('cycle settings', () => {
  it('changes one setting at a time, audited, and refuses a limit that is not a whole number of months at the field', async () => {
    const { dir, handlers } = services();
    await dispatch(handlers, 'cycle.create', { path: `${dir}/q3.mrb`, name: 'Q3' });
    expect(await dispatch(handlers, 'settings.get', {})).toEqual({ ok: true, value: { claimTolerance: 0.001, acceptanceMaxMonths: 12, version: 0 } });
    expect(await dispatch(handlers, 'settings.update', { acceptanceMaxMonths: 6 })).toEqual({ ok: true, value: { claimTolerance: 0.001, acceptanceMaxMonths: 6, version: 3 } });
    const before = fingerprint(`${dir}/q3.mrb`);
    expect(await dispatch(handlers, 'settings.update', { acceptanceMaxMonths: 6.5 })).toMatchObject({ ok: false, error: { field: 'acceptanceMaxMonths', message: 'Longest acceptance, in months: must be a whole number of months.' } });
    expect(await dispatch(handlers, 'settings.update', { acceptanceMaxMonths: 0 })).toMatchObject({ ok: false, error: { field: 'acceptanceMaxMonths' } });
    expect(fingerprint(`${dir}/q3.mrb`)).toBe(before);
    expect(await dispatch(handlers, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('a shorter acceptance limit applies to the next decision', async () => {
    const { ws } = cycleWithBoard();
    const { updateSettings } = await import('../../electron/services/settings');
    updateSettings(ws, { acceptanceMaxMonths: 3 });
    const board = openSession(ws);
    markPresent(ws, board, [board.ann, board.bo, board.cy]);
    const acceptance = { risk: 'Residual privacy risk', approver: 'Ann Lee', compensatingControls: 'Quarterly review', expiry: '2027-01-15' };
    expect(() => recordDecision(ws, { sessionId: board.sessionId, itemId: board.item('hot'), outcome: 'approved', rationale: 'Fine with controls.', acknowledgement: 'Thin test evidence, acknowledged.', votes: votesFor(board), acceptances: [acceptance] })).toThrow(/3 months/);
    const ok = recordDecision(ws, { sessionId: board.sessionId, itemId: board.item('hot'), outcome: 'approved', rationale: 'Fine with controls.', acknowledgement: 'Thin test evidence, acknowledged.', votes: votesFor(board), acceptances: [{ ...acceptance, expiry: '2026-12-01' }] });
    expect(ok.items.find((i) => i.modelId === 'hot')?.decision?.acceptances).toHaveLength(1);
    ws.close();
  });
});
