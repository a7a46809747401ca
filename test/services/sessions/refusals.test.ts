import { afterEach, describe, expect, it } from 'vitest';
import { amendDecision, recordDecision, setFollowUpStatus } from '../../../electron/services/sessions/decisionService';
import * as sessions from '../../../electron/services/sessions/sessionService';
import { setAcceptanceMaxMonths } from '../../../electron/services/sessions/sessionGuards';
import type { Workspace } from '../../../electron/services/store/workspace';
import { UserError } from '../../../shared/contract/errors';
import { fingerprint } from '../../helpers/workspaces';
import { cycleWithBoard, markPresent, openSession, votesFor, type Board } from './meeting';
import { dayClockOf } from '../../helpers/dayClock';

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});

/** A board in session: everyone present, one decision on "hot" (with a mitigation), "warm" undecided. */
function inSession() {
  const { ws, file } = cycleWithBoard();
  open.push(ws);
  const b = openSession(ws);
  markPresent(ws, b, [b.ann, b.bo, b.cy, b.guest]);
  const d = recordDecision(
    ws,
    {
      sessionId: b.sessionId,
      itemId: b.item('hot'),
      outcome: 'approved',
      rationale: 'Fine.',
      acknowledgement: 'Thin test evidence, acknowledged.',
      votes: votesFor(b),
      mitigations: [{ action: 'Watch drift', owner: 'Dana', due: '2026-11-01', successCriteria: 'Dashboard live' }],
    },
  );
  return { ws, file, b, decisionId: d.items[0]?.decision?.id as string };
}

const decide = (ws: Workspace, b: Board, extra: Record<string, unknown>) =>
  recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('warm'), outcome: 'approved', rationale: 'Fine.', acknowledgement: 'Thin test evidence, acknowledged.', votes: votesFor(b), ...extra } as Parameters<typeof recordDecision>[1]);

type Case = [string, (ws: Workspace, b: Board, decisionId: string) => unknown, string, RegExp];

const cases: Case[] = [
  ['an unknown session', (ws) => sessions.getSessionDetail(ws, { sessionId: 'nope' }), 'sessionId', /There is no session "nope" in this cycle\./],
  ['an unknown model', (ws, b) => sessions.addAgendaItem(ws, { sessionId: b.sessionId, modelId: 'nope' }), 'modelId', /There is no model "nope" in this cycle\./],
  ['a model already on the agenda', (ws, b) => sessions.addAgendaItem(ws, { sessionId: b.sessionId, modelId: 'hot' }), 'modelId', /already on the agenda/],
  ['an unknown model in a built agenda', (ws, b) => sessions.buildAgenda(ws, { sessionId: b.sessionId, modelIds: ['hot', 'nope'] }), 'modelIds[1]', /there is no model "nope"/],
  ['an unknown agenda item', (ws, b) => decide(ws, b, { itemId: 'nope' }), 'itemId', /"nope" is not an item on the agenda of Session 1/],
  ['an unknown attendee in the attendance', (ws, b) => sessions.takeAttendance(ws, { sessionId: b.sessionId, marks: [{ attendeeId: 'zed', present: true }] }), 'marks[0].attendeeId', /"zed" is not an attendee of Session 1/],
  ['a vote by someone not on the list', (ws, b) => decide(ws, b, { votes: [...votesFor(b), { attendeeId: 'zed', vote: 'for' }] }), 'votes[3].attendeeId', /names "zed", who is not an attendee of this session/],
  ['a vote by a non-voting member', (ws, b) => decide(ws, b, { votes: [...votesFor(b), { attendeeId: b.guest, vote: 'for' }] }), 'votes[3].attendeeId', /Guest Gu is not a voting member/],
  ['a duplicate vote', (ws, b) => decide(ws, b, { votes: [...votesFor(b), { attendeeId: b.ann, vote: 'against' }] }), 'votes[3].attendeeId', /Ann Lee has already voted \(vote 1\)/],
  ['a missing vote', (ws, b) => decide(ws, b, { votes: votesFor(b).slice(0, 2) }), 'votes', /Cy Diaz is present and voting but has no vote recorded/],
  ['an empty rationale', (ws, b) => decide(ws, b, { rationale: '  ' }), 'rationale', /Every decision needs a rationale/],
  ['conditions missing', (ws, b) => decide(ws, b, { outcome: 'approved_with_conditions' }), 'conditions', /needs at least one condition/],
  ['a rejection without its blocking risk', (ws, b) => decide(ws, b, { outcome: 'rejected', votes: votesFor(b).map((v) => ({ ...v, vote: 'against' })) }), 'blockingRisk', /names the blocking risk/],
  ['a blocking risk that is no dimension', (ws, b) => decide(ws, b, { outcome: 'rejected', blockingRisk: { dimension: 'vibes' }, votes: votesFor(b).map((v) => ({ ...v, vote: 'against' })) }), 'blockingRisk.dimension', /"vibes" is not a dimension/],
  ['a due date that is not a date', (ws, b) => decide(ws, b, { outcome: 'approved_with_conditions', conditions: [{ text: 'Retrain', due: '2026-13-01' }] }), 'conditions.0.due', /^Condition 1, due date: must be a date as YYYY-MM-DD/],
  ['a due date before the meeting', (ws, b) => decide(ws, b, { mitigations: [{ action: 'a', owner: 'o', due: '2026-09-01', successCriteria: 's' }] }), 'mitigations[0].due', /before the decision on 2026-09-15/],
  ['an acceptance beyond 12 months', (ws, b) => decide(ws, b, { acceptances: [{ risk: 'r', approver: 'CRO', compensatingControls: 'c', expiry: '2027-09-16' }] }), 'acceptances[0].expiry', /more than 12 months after the decision on 2026-09-15; the latest allowed is 2027-09-15/],
  ['an attendee added twice', (ws, b) => sessions.addAttendee(ws, { sessionId: b.sessionId, name: 'ann lee' }), 'name', /Ann Lee is already on the attendance list/],
  ['removing an attendee who voted', (ws, b) => sessions.removeAttendee(ws, { sessionId: b.sessionId, attendeeId: b.ann }), 'attendeeId', /has voted on a decision of this session/],
  ['removing a decided item', (ws, b) => sessions.removeAgendaItem(ws, { sessionId: b.sessionId, itemId: b.item('hot') }), 'itemId', /has recorded a decision on "hot"/],
  ['rebuilding an agenda with decisions', (ws, b) => sessions.buildAgenda(ws, { sessionId: b.sessionId }), 'sessionId', /already has decisions on record/],
  ['moving an item past the end', (ws, b) => sessions.moveAgendaItem(ws, { sessionId: b.sessionId, itemId: b.item('hot'), position: 4 }), 'position', /the agenda has 4 items; use 0 to 3/],
  ['amending a decision of an open session', (ws, _b, id) => amendDecision(ws, { decisionId: id, reason: 'why', outcome: 'deferred', rationale: 'r' }), 'decisionId', /is still open, so its decision is not amended but recorded again/],
  ['an unknown decision to amend', (ws) => amendDecision(ws, { decisionId: 'nope', reason: 'why', outcome: 'deferred', rationale: 'r' }), 'decisionId', /There is no decision "nope"/],
  ['an unknown mitigation', (ws) => setFollowUpStatus(ws, { id: 'nope', status: 'done' }), 'id', /There is no mitigation "nope" in this cycle/],
  ['setting overdue by hand', (ws) => setFollowUpStatus(ws, { id: 'x', status: 'overdue' as 'done' }), 'status', /^Status: Invalid option/],
  ['a session on no date', (ws) => sessions.createSession(ws, { title: 'x', date: '2026-02-30', chair: 'A' }), 'date', /^Date: must be a date as YYYY-MM-DD/],
  ['a session without a chair', (ws) => sessions.createSession(ws, { title: 'x', date: '2026-02-03', chair: ' ' }), 'chair', /^Chair: must not be empty/],
];

describe('bad input is refused with a sentence naming the field, and changes nothing', () => {
  it.each(cases)('%s', (_name, act, field, message) => {
    const { ws, file, b, decisionId } = inSession();
    const before = fingerprint(file);
    let caught: unknown;
    try {
      act(ws, b, decisionId);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).message).toMatch(message);
    expect((caught as UserError).field).toBe(field);
    expect(fingerprint(file)).toBe(before);
    expect(ws.verifyAudit().ok).toBe(true);
  });

  it('no decision without quorum, and the refusal says why', () => {
    const { ws, file } = cycleWithBoard();
    open.push(ws);
    const b = openSession(ws);
    markPresent(ws, b, [b.ann, b.guest]);
    const before = fingerprint(file);
    expect(() => recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('hot'), outcome: 'approved', rationale: 'Fine.', acknowledgement: 'Thin test evidence, acknowledged.', votes: [{ attendeeId: b.ann, vote: 'for' }] })).toThrow(
      expect.objectContaining({
        field: 'quorum',
        message: 'No decision can be recorded: Quorum not met: 1 of 3 voting members present; a majority of 3 voting members needs 2. Take attendance first.',
      }),
    );
    expect(fingerprint(file)).toBe(before);
  });

  it('a fixed quorum: two of three may decide when the session says two', () => {
    const { ws } = cycleWithBoard();
    open.push(ws);
    const b = openSession(ws);
    sessions.updateSessionDetails(ws, { sessionId: b.sessionId, quorum: 3 });
    markPresent(ws, b, [b.ann, b.bo]);
    expect(() => recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('hot'), outcome: 'approved', rationale: 'Fine.', acknowledgement: 'Thin test evidence, acknowledged.', votes: votesFor(b).slice(0, 2) })).toThrow(/needs 3/);
    sessions.updateSessionDetails(ws, { sessionId: b.sessionId, quorum: 2 });
    const d = recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('hot'), outcome: 'approved', rationale: 'Fine.', acknowledgement: 'Thin test evidence, acknowledged.', votes: votesFor(b).slice(0, 2) });
    expect(d.items[0]?.outcome).toBe('approved');
  });

  it('the expiry limit follows the workspace setting', () => {
    const { ws, b } = inSession();
    setAcceptanceMaxMonths(ws, 6);
    expect(() => decide(ws, b, { acceptances: [{ risk: 'r', approver: 'CRO', compensatingControls: 'c', expiry: '2027-03-16' }] })).toThrow(/more than 6 months .* the latest allowed is 2027-03-15/);
    expect(decide(ws, b, { acceptances: [{ risk: 'r', approver: 'CRO', compensatingControls: 'c', expiry: '2027-03-15' }] }).items[1]?.decision?.acceptances).toHaveLength(1);
    expect(() => setAcceptanceMaxMonths(ws, 0)).toThrow(/from 1 to 120/);
  });

  it('amendments: only the decision in force, with a reason, never the original changed', () => {
    const { ws, file, b, decisionId } = inSession();
    sessions.closeSession(ws, { sessionId: b.sessionId });
    dayClockOf(ws).setDay('2026-10-01');
    expect(() => amendDecision(ws, { decisionId, reason: ' ', outcome: 'deferred', rationale: 'r' })).toThrow(expect.objectContaining({ field: 'reason' }));
    expect(() => amendDecision(ws, { decisionId, reason: 'why', outcome: 'approved', rationale: 'r', acknowledgement: 'Thin test evidence, acknowledged.', acceptances: [{ risk: 'r', approver: 'a', compensatingControls: 'c', expiry: '2027-10-02' }], approval: { basis: 'vote' as const, votes: [{ attendeeId: b.ann, vote: 'for' as const }, { attendeeId: b.bo, vote: 'for' as const }] } })).toThrow(
      /the latest allowed is 2027-10-01/,
    );
    const first = amendDecision(ws, { decisionId, reason: 'New evidence', outcome: 'deferred', rationale: 'Wait for Q4.', approval: { basis: 'vote' as const, votes: [{ attendeeId: b.ann, vote: 'for' as const }, { attendeeId: b.bo, vote: 'for' as const }] } });
    const amendmentId = first.items[0]?.amendments[0]?.id as string;
    const before = fingerprint(file);
    expect(() => amendDecision(ws, { decisionId, reason: 'again', outcome: 'deferred', rationale: 'r', approval: { basis: 'vote' as const, votes: [{ attendeeId: b.ann, vote: 'for' as const }, { attendeeId: b.bo, vote: 'for' as const }] } })).toThrow(
      expect.objectContaining({ field: 'decisionId', message: expect.stringMatching(new RegExp(`amend the decision in force, "${amendmentId}"`)) }),
    );
    expect(fingerprint(file)).toBe(before);
    dayClockOf(ws).setDay('2026-12-01');
    const second = amendDecision(ws, { decisionId: amendmentId, reason: 'Q4 evidence in', outcome: 'approved', rationale: 'Good now.', acknowledgement: 'Thin test evidence, acknowledged.', approval: { basis: 'vote' as const, votes: [{ attendeeId: b.ann, vote: 'for' as const }, { attendeeId: b.bo, vote: 'for' as const }] } });
    const item = second.items[0];
    expect(item?.decision).toMatchObject({ id: decisionId, outcome: 'approved', rationale: 'Fine.', acknowledgement: { reason: 'Thin test evidence, acknowledged.' } });
    expect(item?.amendments.map((a) => [a.outcome, a.amends?.reason])).toEqual([
      ['deferred', 'New evidence'],
      ['approved', 'Q4 evidence in'],
    ]);
    // The original's mitigation gave way to the amendments (which have none).
    const mitigation = item?.decision?.mitigations[0]?.id as string;
    expect(() => setFollowUpStatus(ws, { id: mitigation, status: 'done' })).toThrow(/has since been amended/);
    expect(ws.verifyAudit().ok).toBe(true);
  });
});
