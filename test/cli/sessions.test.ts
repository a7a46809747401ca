import { describe, expect, it } from 'vitest';
import { recordDecision } from '../../electron/services/sessions/decisionService';
import * as sessions from '../../electron/services/sessions/sessionService';
import { runMrb } from '../helpers/runMrb';
import { fingerprint } from '../helpers/workspaces';
import { cycleWithBoard, markPresent, openSession, votesFor } from '../services/sessions/meeting';

/** A workspace with one closed session: "hot" approved with a condition and a mitigation, "warm" rejected; a second session open. */
function cycleWithSession(): { file: string; sessionId: string } {
  const { ws, file } = cycleWithBoard();
  const b = openSession(ws);
  markPresent(ws, b, [b.ann, b.bo, b.cy]);
  recordDecision(
    ws,
    {
      sessionId: b.sessionId,
      itemId: b.item('hot'),
      outcome: 'approved_with_conditions',
      rationale: 'AUC holds.',
      acknowledgement: 'Drift work is funded; the rest is scored next quarter.',
      votes: votesFor(b),
      conditions: [{ text: 'Retrain on Q3 data', due: '2026-12-01', owner: 'Bo Chen' }],
      mitigations: [{ action: 'Add a PSI alert', owner: 'Dana', due: '2026-10-01', successCriteria: 'Alert live' }],
      acceptances: [{ risk: 'Residual drift', approver: 'Ann Lee', compensatingControls: 'Monthly review', expiry: '2027-03-31' }],
    },
  );
  recordDecision(
    ws,
    {
      sessionId: b.sessionId,
      itemId: b.item('warm'),
      outcome: 'rejected',
      rationale: 'Harm uncontrolled.',
      blockingRisk: { dimension: 'customer_harm' },
      votes: votesFor(b).map((v) => ({ ...v, vote: 'against' as const })),
    },
  );
  sessions.closeSession(ws, { sessionId: b.sessionId });
  sessions.createSession(ws, { title: 'Q4 board', date: '2026-12-10', location: 'Room 2', chair: 'Ann Lee' });
  ws.close();
  return { file, sessionId: b.sessionId };
}

describe('mrb sessions, mrb session show, mrb actions', () => {
  it('lists the sessions, newest first', () => {
    const { file } = cycleWithSession();
    const r = runMrb(['sessions', file]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      '  #  date        title                status  decided  present  quorum',
      '  2  2026-12-10  Q4 board             open        0/0      0/0  not met',
      '  1  2026-09-15  Q3 model risk board  closed      2/4      3/4  met',
    ]);
    const json = JSON.parse(runMrb(['sessions', file, '--json']).stdout);
    expect(json.map((s: { number: number; status: string }) => [s.number, s.status])).toEqual([
      [2, 'open'],
      [1, 'closed'],
    ]);
  });

  it('shows a session by number, id or id prefix: attendance, quorum, outcomes, votes, actions', () => {
    const { file, sessionId } = cycleWithSession();
    const r = runMrb(['session', 'show', file, '1', '--today', '2026-11-01']);
    expect(r.code).toBe(0);
    for (const line of [
      'Session 1: Q3 model risk board',
      'Attendance (3 of 4 present):',
      'Guest Gu  non-voting  absent   Model owner',
      'Quorum met: 3 of 3 voting members present; a majority of 3 voting members needs 2.',
      '1. hot (Model hot), High 5.00, top quartile: Approved with conditions',
      '   Rationale: AUC holds.',
      '   Approved despite: 10 dimensions of 11 are not scored: Performance & drift, Data quality & integrity, Robustness, Security exposure and 6 more.',
      "   Chair's acknowledgement: Drift work is funded; the rest is scored next quarter.",
      '   Votes: 2 for, 0 against, 1 abstaining (Ann Lee: for, Bo Chen: for, Cy Diaz: abstain)',
      '   Condition: Retrain on Q3 data (Bo Chen, due 2026-12-01, open)',
      '   Mitigation: Add a PSI alert (Dana, due 2026-10-01, overdue); success: Alert live',
      '   Risk acceptance: Residual drift, approved by Ann Lee until 2027-03-31 (active); controls: Monthly review',
      '2. warm (Model warm), Incomplete 3.00: Rejected',
      '   Blocking risk: customer_harm',
      '   Votes: 0 for, 3 against, 0 abstaining',
      '3. cool (Model cool), Incomplete 1.00: no decision',
    ]) {
      expect(r.stdout).toContain(line);
    }
    expect(runMrb(['session', 'show', file, sessionId.slice(0, 8)]).stdout).toContain('Session 1: Q3 model risk board');
    const json = JSON.parse(runMrb(['session', 'show', file, sessionId, '--json']).stdout);
    expect(json.items[0].decision.tally).toEqual({ for: 2, against: 0, abstain: 1 });
    expect(json.status).toBe('closed');
  });

  it('lists the action register overdue first, and --overdue exits 1 while any is overdue', () => {
    const { file } = cycleWithSession();
    const all = runMrb(['actions', file, '--today', '2026-11-01']);
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n').slice(0, 3)).toEqual([
      'status   due         model  kind        owner    action',
      'overdue  2026-10-01  hot    mitigation  Dana     Add a PSI alert (31 days late); session 1',
      'open     2026-12-01  hot    condition   Bo Chen  Retrain on Q3 data; session 1',
    ]);
    const overdue = runMrb(['actions', file, '--overdue', '--today', '2026-11-01', '--json']);
    expect(overdue.code).toBe(1);
    expect(JSON.parse(overdue.stdout)).toMatchObject([{ kind: 'mitigation', status: 'overdue', daysOverdue: 31, owner: 'Dana' }]);
    expect(runMrb(['actions', file, '--overdue', '--today', '2026-09-20'])).toMatchObject({ code: 0, stdout: 'No action is overdue as of 2026-09-20.\n' });
  });

  it.each([
    [['session', 'show', 'FILE', '9'], /mrb session show: There is no session "9" in cycle\.mrb; `mrb sessions` lists them\./],
    [['session', 'show', 'FILE'], /session show takes a workspace file and a session number or id/],
    [['actions', 'FILE', '--today', '1 Nov'], /--today must be a date as YYYY-MM-DD, not "1 Nov"/],
    [['sessions'], /sessions takes exactly one workspace file/],
    [['session', 'list', 'FILE'], /mrb: unknown command "session list"/],
  ])('refuses %j with a sentence on stderr, exit 2, nothing changed', (args, message) => {
    const { file } = cycleWithSession();
    const before = fingerprint(file);
    const r = runMrb(args.map((a) => (a === 'FILE' ? file : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fingerprint(file)).toBe(before);
  });

  it('says so when there are no sessions', () => {
    const { ws, file } = cycleWithBoard();
    ws.close();
    expect(runMrb(['sessions', file])).toMatchObject({ code: 0, stdout: 'No sessions yet: the chair creates one in the app.\n' });
    expect(runMrb(['actions', file])).toMatchObject({ code: 0, stdout: 'No conditions or mitigations on record.\n' });
  });
});
