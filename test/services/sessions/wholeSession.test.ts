import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { amendDecision, recordDecision, setFollowUpStatus } from '../../../electron/services/sessions/decisionService';
import { sessionMinutes } from '../../../electron/services/sessions/minutes';
import { acceptanceRegister, actionRegister } from '../../../electron/services/sessions/registers';
import * as sessions from '../../../electron/services/sessions/sessionService';
import { Workspace } from '../../../electron/services/store/workspace';
import { calls } from '../../../shared/contract/calls';
import { runMrb } from '../../helpers/runMrb';
import { fingerprint } from '../../helpers/workspaces';
import { cycleWithBoard, markPresent, openSession, votesFor } from './meeting';
import { dayClockOf } from '../../helpers/dayClock';

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});

function auditActions(ws: Workspace, from: number): { action: string; entity: string }[] {
  return ws.reader.prepare('SELECT action, entity FROM audit_events WHERE seq > ? ORDER BY seq').all(from) as { action: string; entity: string }[];
}

describe('a chair runs a whole session', () => {
  it('from attendance to minutes, every step audited, the chain holding, the record locked at the close', () => {
    const { ws, file } = cycleWithBoard();
    open.push(ws);
    const start = ws.verifyAudit().events;
    const b = openSession(ws);
    expect(b.detail.items.map((i) => i.modelId)).toEqual(['hot', 'warm', 'cool', 'fresh']);
    expect(b.detail.items.map((i) => i.topQuartile)).toEqual([true, false, false, false]);
    expect(b.detail.quorum).toMatchObject({ votingMembers: 3, presentVoters: 0, required: 2, met: false });

    let d = markPresent(ws, b, [b.ann, b.bo, b.cy, b.guest]);
    expect(d.quorum.met).toBe(true);
    expect(d.session.attendanceTakenAt).not.toBeNull();

    // Item 1: approved with conditions, a mitigation and a risk acceptance.
    d = sessions.setCurrentItem(ws, { sessionId: b.sessionId, itemId: b.item('hot') });
    expect(d.session.currentItemId).toBe(b.item('hot'));
    d = recordDecision(
      ws,
      {
        sessionId: b.sessionId,
        itemId: b.item('hot'),
        outcome: 'approved_with_conditions',
        rationale: 'AUC holds; drift needs watching.',
        acknowledgement: 'Thin test evidence, acknowledged.',
        votes: votesFor(b),
        conditions: [{ text: 'Retrain on Q3 data', due: '2026-12-01', owner: 'Bo Chen' }],
        mitigations: [{ action: 'Add a PSI alert', owner: 'Dana', due: '2026-11-01', successCriteria: 'Alert fires at PSI 0.25' }],
        acceptances: [{ risk: 'Residual drift', approver: 'Ann Lee', compensatingControls: 'Monthly manual review', expiry: '2027-09-15' }],
      },
    );
    const hot = d.items[0];
    // One dimension scored 5 of 11: the heat says Critical, too little is scored to trust it, and the floor proves High.
    expect(hot?.decision).toMatchObject({ outcome: 'approved_with_conditions', heat: 5, tier: 'high', tally: { for: 2, against: 0, abstain: 1 } });
    expect(hot?.decision?.votes.map((v) => v.name)).toEqual(['Ann Lee', 'Bo Chen', 'Cy Diaz']);

    // Item 2: rejected on a dimension; item 3: deferred.
    sessions.setCurrentItem(ws, { sessionId: b.sessionId, itemId: b.item('warm') });
    recordDecision(
      ws,
      {
        sessionId: b.sessionId,
        itemId: b.item('warm'),
        outcome: 'rejected',
        rationale: 'Customer harm is not controlled.',
        blockingRisk: { dimension: 'customer_harm' },
        votes: [
          { attendeeId: b.ann, vote: 'against' },
          { attendeeId: b.bo, vote: 'against' },
          { attendeeId: b.cy, vote: 'for' },
        ],
        mitigations: [{ action: 'Human review of declines', owner: 'Ops', due: '2026-09-20', successCriteria: 'All declines reviewed' }],
      },
    );
    sessions.setCurrentItem(ws, { sessionId: b.sessionId, itemId: b.item('cool') });
    recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('cool'), outcome: 'deferred', rationale: 'Waiting for the Q3 bundle.', votes: votesFor(b) });
    sessions.setNotes(ws, { sessionId: b.sessionId, text: 'Meeting ran 10 minutes over.' });
    sessions.setNotes(ws, { sessionId: b.sessionId, itemId: b.item('cool'), text: 'Owner to resubmit in October.' });
    d = sessions.closeSession(ws, { sessionId: b.sessionId });
    expect(d.status).toBe('closed');
    expect(d.session.currentItemId).toBeNull();

    // Closed: a new decision is refused and nothing changes.
    const before = fingerprint(file);
    expect(() => recordDecision(ws, { sessionId: b.sessionId, itemId: b.item('fresh'), outcome: 'deferred', rationale: 'x', votes: votesFor(b) })).toThrow(
      /Session 1 \("Q3 model risk board"\) is closed, so its decisions are locked; record an amendment of the decision instead\./,
    );
    expect(() => sessions.takeAttendance(ws, { sessionId: b.sessionId, marks: [{ attendeeId: b.ann, present: false }] })).toThrow(/was closed on .* its record is locked/);
    expect(fingerprint(file)).toBe(before);

    // After the meeting: the mitigation is done, and the deferral is amended.
    const mitigationId = hot?.decision?.mitigations[0]?.id as string;
    const row = setFollowUpStatus(ws, { id: mitigationId, status: 'done', note: 'Alert live since October' });
    expect(row).toMatchObject({ kind: 'mitigation', status: 'done', statusNote: 'Alert live since October', modelId: 'hot', sessionNumber: 1 });
    const deferred = d.items.find((i) => i.modelId === 'cool')?.decision?.id as string;
    dayClockOf(ws).setDay('2026-10-01');
    d = amendDecision(ws, { decisionId: deferred, reason: 'The Q3 bundle arrived and checks out.', outcome: 'approved', rationale: 'Evidence now complete.', acknowledgement: 'Thin test evidence, acknowledged.', approval: { basis: 'vote' as const, votes: [{ attendeeId: b.ann, vote: 'for' as const }, { attendeeId: b.bo, vote: 'for' as const }] } });
    const cool = d.items.find((i) => i.modelId === 'cool');
    expect(cool?.decision).toMatchObject({ id: deferred, outcome: 'deferred', rationale: 'Waiting for the Q3 bundle.' });
    expect(cool?.amendments).toHaveLength(1);
    expect(cool?.amendments[0]).toMatchObject({ kind: 'amendment', outcome: 'approved', decisionDate: '2026-10-01', amends: { decisionId: deferred, reason: 'The Q3 bundle arrived and checks out.' } });
    expect(cool?.outcome).toBe('approved');

    // Registers: overdue first.
    const actions = actionRegister(ws, '2026-10-01');
    expect(actions.map((a) => [a.modelId, a.kind, a.status])).toEqual([
      ['warm', 'mitigation', 'overdue'],
      ['hot', 'condition', 'open'],
      ['hot', 'mitigation', 'done'],
    ]);
    expect(actions[0]?.daysOverdue).toBe(11);
    expect(calls['registers.actions'].result.safeParse(actions).success).toBe(true);
    expect(calls['registers.acceptances'].result.safeParse(acceptanceRegister(ws, '2027-09-01')).success).toBe(true);
    expect(calls['mitigations.setStatus'].result.safeParse(row).success).toBe(true);
    expect(calls['sessions.amend'].result.safeParse(d).success).toBe(true);
    expect(actionRegister(ws, '2026-10-01', { overdueOnly: true })).toHaveLength(1);
    expect(acceptanceRegister(ws, '2027-09-01')).toMatchObject([{ modelId: 'hot', state: 'expiring', daysLeft: 14, superseded: false }]);
    expect(acceptanceRegister(ws, '2027-09-16')[0]?.state).toBe('expired');

    // Minutes from the record.
    const minutes = sessionMinutes(ws, { sessionId: b.sessionId });
    expect(minutes.fileName).toBe('minutes-session-1-2026-09-15.md');
    for (const text of [
      '### 1. Model hot (`hot`): Approved with conditions',
      '**Rationale:** AUC holds; drift needs watching.',
      '**Votes:** 2 for, 0 against, 1 abstaining',
      '### 2. Model warm (`warm`): Rejected',
      '**Blocking risk:** Customer harm (`customer_harm`)',
      '**Votes:** 1 for, 2 against, 0 abstaining',
      '### 3. Model cool (`cool`): Approved',
      '**Outcome:** Deferred',
      '**Reason:** The Q3 bundle arrived and checks out.',
      "**Chair's note:** Owner to resubmit in October.",
      'Meeting ran 10 minutes over.',
      '| Guest Gu | Model owner | no | yes |',
    ]) {
      expect(minutes.markdown).toContain(text);
    }

    // Every step is in the audit chain, and the chain and the state it describes hold.
    expect(auditActions(ws, start).map((e) => `${e.entity}:${e.action}`)).toEqual([
      'session:session.create',
      'session:attendee.add',
      'session:attendee.add',
      'session:attendee.add',
      'session:attendee.add',
      'session:agenda.build',
      'session:attendance.take',
      'session:session.current',
      'decision:decision.record',
      'session:session.current',
      'decision:decision.record',
      'session:session.current',
      'decision:decision.record',
      'session:notes.set',
      'session:notes.set',
      'session:session.close',
      'decision:mitigation.status',
      'decision:decision.amend',
    ]);
    expect(ws.verifyAudit()).toMatchObject({ ok: true, problem: null });
    ws.close();
    open.splice(0);
    const verified = runMrb(['audit', 'verify', file]);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);

    // Behind the app's back, the store itself refuses to touch the closed record.
    const raw = new Database(file);
    const fp = fingerprint(file);
    expect(() => raw.prepare("UPDATE decisions SET outcome = 'approved' WHERE kind = 'original'").run()).toThrow(/locked/);
    expect(() => raw.prepare("DELETE FROM decisions WHERE outcome = 'rejected'").run()).toThrow(/locked/);
    expect(() => raw.prepare("UPDATE votes SET vote = 'for'").run()).toThrow(/locked/);
    expect(() => raw.prepare("UPDATE acceptances SET expiry = '2030-01-01'").run()).toThrow(/locked/);
    raw.close();
    expect(fingerprint(file)).toBe(fp);
  });

  it('a status edit behind the app is still caught by the audit check', () => {
    const { ws, file } = cycleWithBoard();
    const b = openSession(ws);
    markPresent(ws, b, [b.ann, b.bo]);
    recordDecision(
      ws,
      {
        sessionId: b.sessionId,
        itemId: b.item('hot'),
        outcome: 'approved',
        rationale: 'Fine.',
        acknowledgement: 'Thin test evidence, acknowledged.',
        votes: [
          { attendeeId: b.ann, vote: 'for' },
          { attendeeId: b.bo, vote: 'for' },
        ],
        mitigations: [{ action: 'Watch drift', owner: 'Dana', due: '2026-11-01', successCriteria: 'Dashboard live' }],
      },
    );
    sessions.closeSession(ws, { sessionId: b.sessionId });
    ws.close();
    const raw = new Database(file);
    raw.prepare("UPDATE mitigations SET status = 'done'").run();
    raw.close();
    const r = runMrb(['audit', 'verify', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/The decision .* was edited behind the app/);
  });
});
