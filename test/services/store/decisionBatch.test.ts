import { afterEach, describe, expect, it } from 'vitest';
import { amendDecision, recordDecision } from '../../../electron/services/sessions/decisionService';
import * as sessions from '../../../electron/services/sessions/sessionService';
import { canonicalJson, type Json } from '../../../electron/services/store/auditChain';
import { decisionImage, decisionsInForce, decisionsOfSession, getDecision } from '../../../electron/services/store/decisionTable';
import type { Workspace } from '../../../electron/services/store/workspace';
import { dayClockOf } from '../../helpers/dayClock';
import { cycleWithBoard, markPresent, openSession, votesFor } from '../sessions/meeting';

/*
 * A batch of decisions is read with all their parts at once (seven statements, grouped by
 * decision): a part given to the wrong decision, or parts in another order, would change what
 * a register, a session or a packet shows, and the decision would no longer match its event.
 */

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});

function decidedBoard() {
  const { ws } = cycleWithBoard();
  open.push(ws);
  const b = openSession(ws);
  markPresent(ws, b, [b.ann, b.bo, b.cy, b.guest]);
  recordDecision(ws, {
    sessionId: b.sessionId,
    itemId: b.item('hot'),
    outcome: 'approved',
    rationale: 'Accepted with compensating controls.',
    acknowledgement: 'Thin test evidence, acknowledged.',
    votes: [
      { attendeeId: b.ann, vote: 'for', reason: 'Controls are in place.' },
      { attendeeId: b.bo, vote: 'against', reason: 'Harm too high.' },
      { attendeeId: b.cy, vote: 'for' },
    ],
    acceptances: [
      { risk: 'Customer harm stays high', approver: 'CRO', compensatingControls: 'Manual review of declines', expiry: '2027-01-10' },
      { risk: 'Drift between reviews', approver: 'CRO', compensatingControls: 'Weekly PSI', expiry: '2027-03-01' },
    ],
    mitigations: [{ action: 'Add human review', owner: 'Bo', due: '2026-11-30', successCriteria: 'All declines reviewed' }],
  });
  recordDecision(ws, {
    sessionId: b.sessionId,
    itemId: b.item('warm'),
    outcome: 'approved_with_conditions',
    rationale: 'Fit for use once drift is shown under control.',
    acknowledgement: 'Thin test evidence, acknowledged.',
    votes: votesFor(b),
    conditions: [
      { text: 'Drift stays moderate', due: '2026-12-31', owner: 'Ann', rule: 'drift.psi_max < 5' },
      { text: 'Re-validate on Q4 data.', due: '2026-12-01', owner: 'Cy' },
    ],
    mitigations: [
      { action: 'Document the features', owner: 'Cy', due: '2026-10-15', successCriteria: 'Model card complete' },
      { action: 'Add a PSI alert', owner: 'Dana', due: '2026-11-01', successCriteria: 'fires at 0.25' },
    ],
  });
  recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('cool'), outcome: 'deferred', rationale: 'Needs fresh evidence.', votes: votesFor(b) });
  sessions.closeSession(ws, { sessionId: b.sessionId });
  const deferred = decisionsOfSession(ws.reader, b.sessionId).find((d) => d.outcome === 'deferred')?.id as string;
  dayClockOf(ws).setDay('2026-10-01');
  amendDecision(ws, { decisionId: deferred, reason: 'Q3 evidence arrived late.', outcome: 'deferred', rationale: 'Wait for Q4 evidence.', approval: { basis: 'vote', votes: [{ attendeeId: b.ann, vote: 'for', reason: 'Late but sound.' }, { attendeeId: b.cy, vote: 'for' }] } });
  return { ws, b };
}

describe('decisions read in a batch', () => {
  it('are each the decision read alone, parts and order included, and match the image their last event logged', () => {
    const { ws, b } = decidedBoard();
    const batch = decisionsOfSession(ws.reader, b.sessionId);
    expect(batch.map((d) => d.kind)).toEqual(['original', 'original', 'original', 'amendment']);
    for (const d of batch) expect(getDecision(ws.reader, d.id)).toEqual(d);

    const hot = batch.find((d) => d.outcome === 'approved');
    expect(hot?.votes.map((v) => [v.vote, v.reason])).toEqual([
      ['for', 'Controls are in place.'],
      ['against', 'Harm too high.'],
      ['for', undefined],
    ]);
    expect(hot?.acceptances.map((a) => a.risk)).toEqual(['Customer harm stays high', 'Drift between reviews']);
    const warm = batch.find((d) => d.outcome === 'approved_with_conditions');
    expect(warm?.conditions.map((c) => [c.text, c.rule])).toEqual([
      ['Drift stays moderate', 'drift.psi_max < 5'],
      ['Re-validate on Q4 data.', undefined],
    ]);
    expect(warm?.mitigations.map((m) => m.action)).toEqual(['Document the features', 'Add a PSI alert']);
    const amendment = batch.find((d) => d.kind === 'amendment');
    expect(amendment?.approval).toMatchObject({ basis: 'vote', votes: [{ attendeeId: b.ann, vote: 'for', reason: 'Late but sound.' }, { attendeeId: b.cy, vote: 'for' }] });
    expect(amendment?.amends).toMatchObject({ reason: 'Q3 evidence arrived late.' });

    // In force: the two originals not amended and the amendment, as read alone.
    const inForce = decisionsInForce(ws.reader).map((x) => x.decision);
    expect(inForce.map((d) => d.id).sort()).toEqual(batch.filter((d) => d.kind === 'amendment' || d.outcome !== 'deferred').map((d) => d.id).sort());
    for (const d of inForce) expect(getDecision(ws.reader, d.id)).toEqual(d);

    for (const d of batch) {
      const logged = ws.reader.prepare("SELECT after FROM audit_events WHERE entity = 'decision' AND entity_id = ? ORDER BY seq DESC LIMIT 1").pluck().get(d.id) as string;
      expect(canonicalJson(decisionImage(d))).toBe(logged);
    }
    expect(ws.verifyAudit().problem).toBeNull();
  });

  it('reads no decision as having another one\'s parts when a batch holds decisions without any', () => {
    const { ws, b } = decidedBoard();
    const cool = decisionsOfSession(ws.reader, b.sessionId).find((d) => d.kind === 'original' && d.outcome === 'deferred');
    expect(cool).toMatchObject({ conditions: [], mitigations: [], acceptances: [] });
    expect(cool?.votes).toHaveLength(3);
    expect((decisionImage(cool as NonNullable<typeof cool>) as { [k: string]: Json }).approval).toBeUndefined();
  });
});
