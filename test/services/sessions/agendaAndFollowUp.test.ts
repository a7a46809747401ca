import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/dispatch';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import { acceptanceRegister } from '../../../electron/services/sessions/registers';
import * as sessions from '../../../electron/services/sessions/sessionService';
import type { Workspace } from '../../../electron/services/store/workspace';
import { calls, isCallName, type ChangeEvent } from '../../../shared/contract/calls';
import type { ActionRow, SessionDetail } from '../../../shared/sessions/session';
import { services } from '../../helpers/services';
import { addModels, modelFixture } from '../../helpers/workspaces';
import { cycleWithBoard, markPresent, openSession, votesFor } from './meeting';
import { dayClockOf } from '../../helpers/dayClock';

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});

const order = (d: SessionDetail) => d.items.map((i) => i.modelId);

describe('the agenda', () => {
  it('is reordered, added to and trimmed; the current item follows', () => {
    const { ws } = cycleWithBoard();
    open.push(ws);
    const b = openSession(ws);
    const sessionId = b.sessionId;
    let d = sessions.moveAgendaItem(ws, { sessionId, itemId: b.item('fresh'), position: 0 });
    expect(order(d)).toEqual(['fresh', 'hot', 'warm', 'cool']);
    expect(d.items.map((i) => i.position)).toEqual([0, 1, 2, 3]);
    d = sessions.moveAgendaItem(ws, { sessionId, itemId: b.item('fresh'), position: 3 });
    expect(order(d)).toEqual(['hot', 'warm', 'cool', 'fresh']);
    d = sessions.setCurrentItem(ws, { sessionId, itemId: b.item('cool') });
    d = sessions.removeAgendaItem(ws, { sessionId, itemId: b.item('cool') });
    expect(order(d)).toEqual(['hot', 'warm', 'fresh']);
    expect(d.session.currentItemId).toBeNull();
    d = sessions.addAgendaItem(ws, { sessionId, modelId: 'cool', position: 1 });
    expect(order(d)).toEqual(['hot', 'cool', 'warm', 'fresh']);
    // One dimension scored 5: the floor makes it High while the rest is unscored.
    expect(d.items[0]).toMatchObject({ modelId: 'hot', heat: 5, tier: 'high', topQuartile: true, findings: { high: 0 } });
    d = sessions.buildAgenda(ws, { sessionId, modelIds: ['cool', 'warm'] });
    expect(order(d)).toEqual(['warm', 'cool']);
    expect(ws.verifyAudit().ok).toBe(true);
  });

  it("pulls up, in the next session, models with an overdue action or an expired acceptance, and lists the prior decisions", () => {
    const { ws } = cycleWithBoard();
    open.push(ws);
    const b = openSession(ws, 'Q1 board', '2026-01-15');
    markPresent(ws, b, [b.ann, b.bo, b.cy]);
    dayClockOf(ws).setDay('2026-01-15');
    recordDecision(
      ws,
      {
        sessionId: b.sessionId,
        itemId: b.item('cool'),
        outcome: 'approved',
        rationale: 'Low risk.',
        acknowledgement: 'Thin test evidence, acknowledged.',
        votes: votesFor(b),
        acceptances: [{ risk: 'Thin evidence', approver: 'Ann Lee', compensatingControls: 'Quarterly review', expiry: '2026-06-30' }],
      },
    );
    recordDecision(
      ws,
      {
        sessionId: b.sessionId,
        itemId: b.item('fresh'),
        outcome: 'deferred',
        rationale: 'No scores yet.',
        votes: votesFor(b),
        mitigations: [{ action: 'Score the model', owner: 'Analyst', due: '2026-03-01', successCriteria: 'All dimensions scored' }],
      },
    );
    sessions.closeSession(ws, { sessionId: b.sessionId });
    dayClockOf(ws).setDay('2026-09-16');

    const next = sessions.createSession(ws, { title: 'Q3 board', date: '2026-09-15', chair: 'Ann Lee' });
    const d = sessions.buildAgenda(ws, { sessionId: next.session.id });
    expect(d.items.map((i) => [i.modelId, i.pulledUp])).toEqual([
      ['cool', ['expired_acceptance']],
      ['fresh', ['overdue_action']],
      ['hot', []],
      ['warm', []],
    ]);
    expect(d.items[0]?.priorDecisions).toEqual([{ sessionId: b.sessionId, sessionNumber: 1, date: '2026-01-15', outcome: 'approved' }]);
    // In spring nothing was due yet: the same agenda then follows heat alone.
    dayClockOf(ws).setDay('2026-02-01');
    const spring = sessions.buildAgenda(ws, { sessionId: next.session.id });
    expect(order(spring)).toEqual(['hot', 'warm', 'cool', 'fresh']);
    expect(acceptanceRegister(ws, '2026-06-10', { state: 'expiring' })).toHaveLength(1);
    expect(acceptanceRegister(ws, '2026-06-10', { state: 'expired' })).toHaveLength(0);
  });

  it('lists sessions newest first with their counts', () => {
    const { ws } = cycleWithBoard();
    open.push(ws);
    const b = openSession(ws, 'Q2 board', '2026-06-01');
    markPresent(ws, b, [b.ann, b.bo]);
    sessions.createSession(ws, { title: 'Q3 board', date: '2026-09-15', chair: 'Ann Lee', quorum: 2 });
    expect(sessions.listSessionSummaries(ws).map((s) => [s.number, s.title, s.status, s.items, s.attendees, s.present, s.quorumMet])).toEqual([
      [2, 'Q3 board', 'open', 0, 0, 0, false],
      [1, 'Q2 board', 'open', 4, 4, 2, true],
    ]);
  });
});

describe('the session calls through the contract', () => {
  it("sets an action's status as actions.setStatus, and still under its first name, mitigations.setStatus", async () => {
    const { dir, session, handlers } = services();
    const call = async (name: string, args?: unknown) => {
      const reply = await dispatch(handlers, name, args);
      if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
      return reply.value;
    };
    await call('cycle.create', { path: path.join(dir, 'q3.mrb'), name: 'Q3' });
    addModels(session.require(), [modelFixture('m1')]);
    let d = (await call('sessions.create', { title: 'Q3 board', date: '2026-09-15', chair: 'Ann' })) as SessionDetail;
    const sessionId = d.session.id;
    d = (await call('sessions.attendees.add', { sessionId, name: 'Ann', role: 'CRO' })) as SessionDetail;
    const ann = d.attendees[0]?.id;
    d = (await call('sessions.attendance', { sessionId, marks: [{ attendeeId: ann, present: true }] })) as SessionDetail;
    d = (await call('sessions.agenda.build', { sessionId })) as SessionDetail;
    await call('sessions.decide', {
      sessionId,
      itemId: d.items[0]?.id,
      outcome: 'approved_with_conditions',
      rationale: 'Fine once re-validated.',
      acknowledgement: 'Thin test evidence, acknowledged.',
      votes: [{ attendeeId: ann, vote: 'for' }],
      conditions: [{ text: 'Re-validate on Q4 data.', due: '2026-12-01', owner: 'Ann' }],
    });
    const [action] = (await call('registers.actions', {})) as ActionRow[];
    if (!action) throw new Error('the condition is an action of the register');
    const done = (await call('actions.setStatus', { kind: action.kind, id: action.id, status: 'done', note: 'Re-validated.', expectedVersion: action.version })) as ActionRow;
    expect([done.kind, done.status, done.statusNote]).toEqual(['condition', 'done', 'Re-validated.']);
    const reopened = (await call('mitigations.setStatus', { kind: action.kind, id: action.id, status: 'open', expectedVersion: done.version })) as ActionRow;
    expect(reopened.status).toBe('open');
  });

  it('create, attend, decide and close over dispatch, with change events for sessions and decisions', async () => {
    const { dir, session, handlers } = services();
    const call = async (name: string, args?: unknown) => {
      const reply = await dispatch(handlers, name, args);
      if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
      // Every reply is what the contract promises the renderer.
      if (isCallName(name)) expect(calls[name].result.safeParse(reply.value).success).toBe(true);
      return reply.value as SessionDetail;
    };
    await call('cycle.create', { path: path.join(dir, 'q3.mrb'), name: 'Q3' });
    addModels(session.require(), [modelFixture('m1')]);
    const events: ChangeEvent[] = [];
    session.onChange((e) => events.push(e));
    let d = await call('sessions.create', { title: 'Q3 board', date: '2026-09-15', chair: 'Ann' });
    const sessionId = d.session.id;
    d = await call('sessions.attendees.add', { sessionId, name: 'Ann', role: 'CRO' });
    d = await call('sessions.attendance', { sessionId, marks: [{ attendeeId: d.attendees[0]?.id, present: true }] });
    d = await call('sessions.agenda.build', { sessionId });
    const itemId = d.items[0]?.id;
    d = await call('sessions.current', { sessionId, itemId });
    d = await call('sessions.decide', { sessionId, itemId, outcome: 'approved', rationale: 'Fine.', acknowledgement: 'Thin test evidence, acknowledged.', votes: [{ attendeeId: d.attendees[0]?.id, vote: 'for' }] });
    expect(d.items[0]?.outcome).toBe('approved');
    d = await call('sessions.close', { sessionId });
    expect(d.status).toBe('closed');
    const minutes = (await call('sessions.minutes', { sessionId })) as unknown as { markdown: string };
    expect(minutes.markdown).toContain('**Outcome:** Approved');
    expect(await call('registers.actions', {})).toEqual([]);
    expect(new Set(events.map((e) => e.entity))).toEqual(new Set(['session', 'decision']));

    const bad = await dispatch(handlers, 'sessions.decide', { sessionId, itemId, outcome: 'approved', rationale: 'x', acknowledgement: 'Thin test evidence, acknowledged.', conditions: [{ text: 't', due: '1 Dec' }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'conditions.0.due', message: 'Condition 1, due date: must be a date as YYYY-MM-DD.' } });
    const closed = await dispatch(handlers, 'sessions.decide', { sessionId, itemId, outcome: 'approved', rationale: 'x', acknowledgement: 'Thin test evidence, acknowledged.' });
    expect(closed).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'sessionId', message: expect.stringMatching(/is closed, so its decisions are locked/) } });
    expect((await call('audit.verify')) as unknown).toMatchObject({ ok: true });
  });
});
