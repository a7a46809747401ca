import { afterEach, describe, expect, it } from 'vitest';
import { declareConflict, withdrawConflict } from '../../../electron/services/sessions/conflictService';
import { amendDecision, recordDecision } from '../../../electron/services/sessions/decisionService';
import * as sessions from '../../../electron/services/sessions/sessionService';
import type { Workspace } from '../../../electron/services/store/workspace';
import { fingerprint } from '../../helpers/workspaces';
import { addModels, modelFixture } from '../../helpers/workspaces';
import { cycleWithBoard, markPresent, openSession } from './meeting';
import { dayClockOf } from '../../helpers/dayClock';

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});

/** The board of meeting.ts, everyone present, plus a secretary; Bo Chen owns the model "bo". */
function board() {
  const { ws, file } = cycleWithBoard();
  open.push(ws);
  addModels(ws, [modelFixture('bo', { owner: 'Bo Chen', team: 'Credit ML' })]);
  const b = openSession(ws);
  const withSecretary = sessions.addAttendee(ws, { sessionId: b.sessionId, name: 'Sam Ito', role: 'Secretary', voting: false, present: true });
  const sam = withSecretary.attendees.find((a) => a.name === 'Sam Ito')?.id as string;
  markPresent(ws, b, [b.ann, b.bo, b.cy, b.guest]);
  sessions.takeAttendance(ws, { sessionId: b.sessionId, marks: [{ attendeeId: sam, present: true }] });
  return { ws, file, b, sam };
}

describe('conflicts of interest and recusal', () => {
  it('suggests the model owner as conflicted; a recused member is out of the vote and the item quorum, and the decision says so', () => {
    const { ws, b } = board();
    const before = sessions.getSessionDetail(ws, { sessionId: b.sessionId });
    const item = before.items.find((i) => i.modelId === 'bo');
    expect(item?.suggestedConflicts).toEqual([{ attendeeId: b.bo, name: 'Bo Chen', why: "Bo Chen is the model's owner." }]);

    const declared = declareConflict(ws, { sessionId: b.sessionId, itemId: b.item('bo'), attendeeId: b.bo, reason: 'I built this model.' });
    const after = declared.items.find((i) => i.modelId === 'bo');
    expect(after?.conflicts).toMatchObject([{ name: 'Bo Chen', reason: 'I built this model.', recused: true }]);
    expect(after?.suggestedConflicts).toEqual([]);
    expect(after?.quorum?.message).toBe('Quorum met: 2 of 3 voting members present (Bo Chen recused); a majority of 3 voting members needs 2.');
    // Other items keep the whole board.
    expect(declared.items.find((i) => i.modelId === 'hot')?.quorum?.presentVoters).toBe(3);

    expect(() =>
      recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('bo'), outcome: 'deferred', rationale: 'Fine.', votes: [{ attendeeId: b.ann, vote: 'for' }, { attendeeId: b.bo, vote: 'for' }, { attendeeId: b.cy, vote: 'for' }] }),
    ).toThrow('Bo Chen declared a conflict on this item and is recused, so their vote (vote 2) cannot be counted.');

    const decided = recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('bo'), outcome: 'deferred', rationale: 'Fine.', votes: [{ attendeeId: b.ann, vote: 'for' }, { attendeeId: b.cy, vote: 'for' }] });
    expect(decided.items.find((i) => i.modelId === 'bo')?.decision?.recused).toEqual(['Bo Chen']);
    // Declared before the vote: once the decision is on record, the declaration stands as it was.
    expect(() => withdrawConflict(ws, { sessionId: b.sessionId, itemId: b.item('bo'), attendeeId: b.bo })).toThrow(/already on record/);
  });

  it('a recusal that breaks the quorum refuses the vote with a sentence and writes nothing', () => {
    const { ws, file, b } = board();
    // Only Ann and Bo present: a quorum of 2 until Bo steps aside on "bo".
    markPresent(ws, b, [b.ann, b.bo]);
    declareConflict(ws, { sessionId: b.sessionId, itemId: b.item('bo'), attendeeId: b.bo, reason: 'Owner of the model.' });
    const print = fingerprint(file);
    expect(() => recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('bo'), outcome: 'deferred', rationale: 'Later.', votes: [{ attendeeId: b.ann, vote: 'for' }] })).toThrow(
      'No decision can be recorded: Quorum not met for this item: 1 of 3 voting members present (Bo Chen recused); a majority of 3 voting members needs 2, and a recused member does not count.',
    );
    expect(fingerprint(file)).toBe(print);
  });

  it('a declaration is an audited change of the session, and a declaration without a reason is refused', () => {
    const { ws, b } = board();
    expect(() => declareConflict(ws, { sessionId: b.sessionId, itemId: b.item('hot'), attendeeId: b.cy, reason: ' ' })).toThrow(/Reason: must say why there is a conflict/);
    declareConflict(ws, { sessionId: b.sessionId, itemId: b.item('hot'), attendeeId: b.cy, reason: 'Spouse on the team.', recused: false });
    const last = ws.reader.prepare('SELECT action, entity, after FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { action: string; entity: string; after: string };
    expect(last).toMatchObject({ action: 'conflict.declare', entity: 'session' });
    expect(JSON.parse(last.after).conflicts).toMatchObject([{ attendeeId: b.cy, reason: 'Spouse on the team.', recused: false }]);
    // Declared but not recused: still votes and counts.
    expect(sessions.getSessionDetail(ws, { sessionId: b.sessionId }).items.find((i) => i.modelId === 'hot')?.quorum?.presentVoters).toBe(3);
    expect(ws.verifyAudit().problem).toBeNull();
  });
});

describe('votes with reasons and dissent', () => {
  it('keeps each reason and a dissent from the outcome; a dissent that does not oppose the outcome is refused', () => {
    const { ws, b } = board();
    // Votes are on the model: a rejection is carried by votes against it, and a vote for it dissents.
    const votes = [
      { attendeeId: b.ann, vote: 'against' as const, reason: 'Drift is unexplained.' },
      { attendeeId: b.bo, vote: 'against' as const },
      { attendeeId: b.cy, vote: 'against' as const, reason: 'The drift is explained by the new product.', dissent: true },
    ];
    const args = { sessionId: b.sessionId, itemId: b.item('hot'), outcome: 'rejected' as const, rationale: 'Drift.', blockingRisk: { dimension: 'customer_harm' }, votes };
    expect(() => recordDecision(ws, args)).toThrow('Cy Diaz voted against, which does not oppose the outcome, so no dissent can be recorded; a dissent is a vote for.');
    const fixed = votes.map((v) => (v.attendeeId === b.cy ? { ...v, vote: 'for' as const } : v));
    const d = recordDecision(ws, { ...args, votes: fixed }).items.find((i) => i.modelId === 'hot')?.decision;
    expect(d?.votes.find((v) => v.name === 'Cy Diaz')).toEqual({ attendeeId: b.cy, name: 'Cy Diaz', vote: 'for', reason: 'The drift is explained by the new product.', dissent: true });
    expect(d?.votes.find((v) => v.name === 'Ann Lee')).toEqual({ attendeeId: b.ann, name: 'Ann Lee', vote: 'against', reason: 'Drift is unexplained.' });
    expect(d?.votes.find((v) => v.name === 'Bo Chen')).toEqual({ attendeeId: b.bo, name: 'Bo Chen', vote: 'against' });
    expect(() => recordDecision(ws, { ...args, votes: fixed.map((v) => (v.dissent ? { ...v, reason: '' } : v)), expectedVersion: d?.version })).toThrow("Cy Diaz's dissent needs its reason.");
  });
});

describe('amending a closed decision needs the board', () => {
  function closed() {
    const x = board();
    const d = recordDecision(x.ws, { sessionId: x.b.sessionId, itemId: x.b.item('warm'), outcome: 'deferred', rationale: 'Wait for Q3 evidence.', votes: [{ attendeeId: x.b.ann, vote: 'for' }, { attendeeId: x.b.bo, vote: 'for' }, { attendeeId: x.b.cy, vote: 'for' }] });
    sessions.closeSession(x.ws, { sessionId: x.b.sessionId });
    return { ...x, decisionId: d.items.find((i) => i.modelId === 'warm')?.decision?.id as string };
  }
  // Deferred again rather than approved: an approval of a half-scored model asks for the chair's acknowledgement (§5).
  const amend = { reason: 'Q3 evidence arrived late.', outcome: 'deferred' as const, rationale: 'Wait for Q4 evidence.' };

  it('refuses an amendment without the board, a sign-off by someone else, and a vote without quorum or majority; nothing is written', () => {
    const { ws, file, b, decisionId } = closed();
    const print = fingerprint(file);
    dayClockOf(ws).setDay('2026-10-01');
    expect(() => amendDecision(ws, { decisionId, ...amend })).toThrow("Amending a closed decision needs the board: record the board's vote with quorum, or the chair's and the secretary's sign-off.");
    expect(() => amendDecision(ws, { decisionId, ...amend, approval: { basis: 'signoff', chair: 'Bo Chen', secretary: 'Sam Ito' } })).toThrow(`The sign-off must be by the session's chair, Ann Lee, not "Bo Chen".`);
    expect(() => amendDecision(ws, { decisionId, ...amend, approval: { basis: 'signoff', chair: 'Ann Lee', secretary: 'Cy Diaz' } })).toThrow(`The sign-off must be by the session's secretary (Sam Ito), not "Cy Diaz".`);
    expect(() => amendDecision(ws, { decisionId, ...amend, approval: { basis: 'vote', votes: [{ attendeeId: b.ann, vote: 'for' }] } })).toThrow(
      'The vote on the amendment has no quorum: 1 of 3 voting members voted; 2 are needed.',
    );
    expect(() => amendDecision(ws, { decisionId, ...amend, approval: { basis: 'vote', votes: [{ attendeeId: b.ann, vote: 'for' }, { attendeeId: b.bo, vote: 'against' }] } })).toThrow(
      'The board did not carry the amendment: 1 for, 1 against, 0 abstaining.',
    );
    expect(fingerprint(file)).toBe(print);
  });

  it('records the sign-off or the vote with the amendment; the original stays readable', () => {
    const { ws, b, decisionId } = closed();
    dayClockOf(ws).setDay('2026-10-01');
    const signed = amendDecision(ws, { decisionId, ...amend, approval: { basis: 'signoff', chair: 'ann lee', secretary: 'Sam Ito' } });
    const item = signed.items.find((i) => i.modelId === 'warm');
    expect(item?.decision).toMatchObject({ outcome: 'deferred', rationale: 'Wait for Q3 evidence.' });
    expect(item?.amendments[0]).toMatchObject({ rationale: 'Wait for Q4 evidence.', amends: { decisionId, reason: 'Q3 evidence arrived late.' } });
    expect(item?.amendments[0]?.approval).toEqual({ basis: 'signoff', chair: 'ann lee', secretary: 'Sam Ito' });
    const second = item?.amendments[0]?.id as string;
    dayClockOf(ws).setDay('2026-11-01');
    const voted = amendDecision(
      ws,
      { decisionId: second, reason: 'Drift alert fired.', outcome: 'deferred', rationale: 'Re-review.', approval: { basis: 'vote', votes: [{ attendeeId: b.ann, vote: 'for', reason: 'Alert is real.' }, { attendeeId: b.cy, vote: 'for' }] } },
    );
    expect(voted.items.find((i) => i.modelId === 'warm')?.amendments[1]?.approval).toEqual({
      basis: 'vote',
      votes: [{ attendeeId: b.ann, name: 'Ann Lee', vote: 'for', reason: 'Alert is real.' }, { attendeeId: b.cy, name: 'Cy Diaz', vote: 'for' }],
      tally: { for: 2, against: 0, abstain: 0 },
      quorum: 'Quorum met: 3 of 3 voting members present; a majority of 3 voting members needs 2.',
    });
    const logged = ws.reader.prepare("SELECT after FROM audit_events WHERE action = 'decision.amend' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(logged).approval).toMatchObject({ basis: 'vote' });
    expect(ws.verifyAudit().problem).toBeNull();
  });
});
