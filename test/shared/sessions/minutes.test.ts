import { describe, expect, it } from 'vitest';
import { mdText, minutesMarkdown } from '../../../shared/sessions/minutes';
import type { Decision, SessionDetail } from '../../../shared/sessions/session';

function decision(overrides: Partial<Decision> = {}): Decision {
  return {
    id: 'd1',
    kind: 'original',
    outcome: 'approved_with_conditions',
    rationale: 'AUC holds at 0.81; drift is moderate.',
    blockingRisk: null,
    heat: 3.2,
    tier: 'high',
    decisionDate: '2026-09-15',
    decidedAt: '2026-09-15T10:20:00.000Z',
    decidedBy: 'chair@test',
    amends: null,
    votes: [
      { attendeeId: 'ann', name: 'Ann Lee', vote: 'for' },
      { attendeeId: 'bo', name: 'Bo Chen', vote: 'against' },
    ],
    tally: { for: 1, against: 1, abstain: 0 },
    conditions: [{ id: 'c1', text: 'Retrain on Q3 data', due: '2026-12-01', owner: 'Bo Chen', status: 'open', statusNote: null, statusAt: null, statusBy: null }],
    mitigations: [
      { id: 'g1', action: 'Add a PSI alert', owner: 'Dana', due: '2026-11-01', successCriteria: 'Alert fires at PSI 0.25', status: 'overdue', statusNote: null, statusAt: null, statusBy: null },
    ],
    acceptances: [{ id: 'x1', risk: 'Residual drift', approver: 'CRO', compensatingControls: 'Monthly review', expiry: '2027-09-15', state: 'active', daysLeft: 300 }],
    version: 7,
    ...overrides,
  };
}

function detail(): SessionDetail {
  return {
    session: {
      id: 's1',
      number: 2,
      title: 'Q3 model risk board',
      date: '2026-09-15',
      location: 'Room 4',
      chair: 'Ann Lee',
      quorum: null,
      currentItemId: null,
      attendanceTakenAt: '2026-09-15T10:02:00.000Z',
      createdAt: 'x',
      createdBy: 'x',
      closedAt: '2026-09-15T11:00:00.000Z',
      closedBy: 'chair@test',
    },
    status: 'closed',
    attendees: [
      { id: 'ann', name: 'Ann Lee', role: 'CRO', voting: true, present: true },
      { id: 'bo', name: 'Bo Chen', role: 'Head of ML', voting: true, present: true },
      { id: 'cy', name: 'Cy | Guest', role: 'Observer', voting: false, present: false },
    ],
    quorum: { rule: 'majority', votingMembers: 2, presentVoters: 2, required: 2, met: true, message: 'Quorum met: 2 of 2 voting members present; a majority of 2 voting members needs 2.' },
    items: [
      {
        id: 'i1',
        position: 0,
        modelId: 'credit-default-scorer',
        modelName: 'Credit default scorer',
        owner: 'risk-ml@example.com',
        heat: 3.2,
        tier: 'high',
        topQuartile: true,
        pulledUp: ['overdue_action'],
        findings: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
        priorDecisions: [],
        decision: decision(),
        amendments: [
          decision({
            id: 'd2',
            kind: 'amendment',
            outcome: 'rejected',
            rationale: 'The retrain failed.',
            blockingRisk: { dimension: 'performance_drift' },
            decisionDate: '2026-10-20',
            amends: { decisionId: 'd1', reason: 'New evidence in October' },
            votes: [],
            tally: { for: 0, against: 0, abstain: 0 },
            conditions: [],
            acceptances: [],
          }),
        ],
        outcome: 'rejected',
        note: 'Owner to report back in November.',
      },
      {
        id: 'i2',
        position: 1,
        modelId: 'churn',
        modelName: 'Churn model',
        owner: 'growth@example.com',
        heat: null,
        tier: null,
        topQuartile: false,
        pulledUp: [],
        findings: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
        priorDecisions: [],
        decision: null,
        amendments: [],
        outcome: null,
        note: null,
      },
    ],
    notes: '# not a heading\nMeeting ran long.',
  };
}

describe('minutes', () => {
  const md = minutesMarkdown(detail(), { cycleName: 'Q3 2026', dimensionLabels: new Map([['performance_drift', 'Performance & drift']]) });

  it('records attendance and quorum', () => {
    expect(md).toContain('# Minutes: Q3 model risk board');
    expect(md).toContain('Session 2, 2026-09-15, Room 4');
    expect(md).toContain('| Ann Lee | CRO | yes | yes |');
    expect(md).toContain('| Cy \\| Guest | Observer | no | no |');
    expect(md).toContain('**Quorum:** Quorum met: 2 of 2 voting members present');
  });

  it("records each item's outcome, rationale, votes, conditions, mitigations and acceptances", () => {
    expect(md).toContain('### 1. Credit default scorer (`credit-default-scorer`): Rejected');
    expect(md).toContain('**Outcome:** Approved with conditions');
    expect(md).toContain('**Rationale:** AUC holds at 0.81; drift is moderate.');
    expect(md).toContain('**Votes:** 1 for, 1 against, 0 abstaining');
    expect(md).toContain('- Ann Lee: for\n- Bo Chen: against');
    expect(md).toContain('| 1 | Retrain on Q3 data | Bo Chen | 2026-12-01 | open |');
    expect(md).toContain('| 1 | Add a PSI alert | Dana | 2026-11-01 | Alert fires at PSI 0.25 | overdue |');
    expect(md).toContain('| 1 | Residual drift | CRO | Monthly review | 2027-09-15 (active) |');
    expect(md).toContain('on the agenda early because an action is overdue');
    expect(md).toContain('### 2. Churn model (`churn`): no decision');
  });

  it('keeps the original above its amendment, with the reason and blocking risk', () => {
    const original = md.indexOf('**Outcome:** Approved with conditions');
    const amendment = md.indexOf('#### Amendment 1, 2026-10-20');
    expect(original).toBeGreaterThan(0);
    expect(amendment).toBeGreaterThan(original);
    expect(md).toContain('**Reason:** New evidence in October');
    expect(md).toContain('**Blocking risk:** Performance & drift (`performance_drift`)');
  });

  it("includes the chair's notes, typed text made inert", () => {
    expect(md).toContain("## Chair's notes\n\n\\# not a heading  \nMeeting ran long.");
    expect(md).toContain("**Chair's note:** Owner to report back in November.");
    expect(md).toContain('Closed 2026-09-15T11:00:00.000Z by chair@test');
  });

  it('is the same text for the same record', () => {
    expect(minutesMarkdown(detail(), { cycleName: 'Q3 2026', dimensionLabels: new Map([['performance_drift', 'Performance & drift']]) })).toBe(md);
  });

  it('escapes markup in typed text', () => {
    expect(mdText('a *b* [c](d) <e> | f_g')).toBe('a \\*b\\* \\[c\\](d) \\<e\\> \\| f\\_g');
    expect(mdText('- item\n1. first')).toBe('\\- item\n\\1. first');
  });
});
