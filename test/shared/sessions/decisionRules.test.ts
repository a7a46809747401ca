import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../../shared/sessions/dates';
import { acceptanceExpiryLimit, checkDecision } from '../../../shared/sessions/decisionRules';
import { acceptance, condition, context, draft, mitigation } from './builders';

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('outcome rules', () => {
  it('accepts a complete decision of each kind', () => {
    expect(checkDecision(draft(), context())).toEqual([]);
    expect(checkDecision(draft({ outcome: 'approved_with_conditions', conditions: [condition], mitigations: [mitigation], acceptances: [acceptance] }), context())).toEqual([]);
    expect(checkDecision(draft({ outcome: 'rejected', blockingRisk: { dimension: 'fairness' }, rationale: 'The approval-rate gap is 14 points.' }), context())).toEqual([]);
    expect(checkDecision(draft({ outcome: 'rejected', blockingRisk: { findingId: 7 } }), context())).toEqual([]);
    expect(checkDecision(draft({ outcome: 'deferred', rationale: 'Waiting for the Q3 bundle.' }), context())).toEqual([]);
  });

  it('every outcome needs a rationale', () => {
    for (const outcome of ['approved', 'deferred'] as const) {
      expect(checkDecision(draft({ outcome, rationale: '  ' }), context())).toEqual([
        { field: 'rationale', message: `Every decision needs a rationale: say why the board decided "${outcome === 'approved' ? 'Approved' : 'Deferred'}".` },
      ]);
    }
  });

  it('"approved with conditions" needs a condition with text and a due date; plain approval none', () => {
    expect(checkDecision(draft({ outcome: 'approved_with_conditions' }), context())).toEqual([
      { field: 'conditions', message: '"Approved with conditions" needs at least one condition with its text and due date.' },
    ]);
    expect(fields(checkDecision(draft({ outcome: 'approved_with_conditions', conditions: [{ ...condition, text: ' ' }] }), context()))).toEqual(['conditions[0].text']);
    expect(checkDecision(draft({ outcome: 'approved_with_conditions', conditions: [{ ...condition, due: 'next week' }] }), context())).toEqual([
      { field: 'conditions[0].due', message: 'The due date of condition 1 is "next week", not a date; write it as YYYY-MM-DD.' },
    ]);
    expect(fields(checkDecision(draft({ outcome: 'approved_with_conditions', conditions: [{ ...condition, due: '2026-09-14' }] }), context()))).toEqual(['conditions[0].due']);
    expect(fields(checkDecision(draft({ outcome: 'approved', conditions: [condition] }), context()))).toEqual(['outcome']);
  });

  it('"rejected" names the blocking risk, a taxonomy dimension or a finding of the model', () => {
    expect(fields(checkDecision(draft({ outcome: 'rejected' }), context()))).toEqual(['blockingRisk']);
    expect(checkDecision(draft({ outcome: 'rejected', blockingRisk: { dimension: 'vibes' } }), context())).toEqual([
      { field: 'blockingRisk.dimension', message: '"vibes" is not a dimension of the taxonomy; name one of fairness, performance_drift.' },
    ]);
    expect(checkDecision(draft({ outcome: 'rejected', blockingRisk: { findingId: 99 } }), context())).toEqual([
      { field: 'blockingRisk.findingId', message: "Finding #99 is not a finding of this model's evidence." },
    ]);
    expect(fields(checkDecision(draft({ outcome: 'approved', blockingRisk: { dimension: 'fairness' } }), context()))).toEqual(['blockingRisk']);
    expect(fields(checkDecision(draft({ outcome: 'rejected', blockingRisk: { dimension: 'fairness' }, acceptances: [acceptance] }), context()))).toEqual(['acceptances']);
  });

  it('mitigations name an action, an owner, success criteria and a due date', () => {
    const problems = checkDecision(draft({ mitigations: [{ action: '', owner: ' ', due: '2026-02-30', successCriteria: '' }] }), context());
    expect(fields(problems)).toEqual(['mitigations[0].action', 'mitigations[0].owner', 'mitigations[0].successCriteria', 'mitigations[0].due']);
  });

  it('the outcome agrees with the votes', () => {
    const votes = (f: number, a: number, ab = 0) => [
      ...Array.from({ length: f }, (_, i) => ({ attendeeId: `f${i}`, vote: 'for' as const })),
      ...Array.from({ length: a }, (_, i) => ({ attendeeId: `a${i}`, vote: 'against' as const })),
      ...Array.from({ length: ab }, (_, i) => ({ attendeeId: `b${i}`, vote: 'abstain' as const })),
    ];
    expect(checkDecision(draft({ votes: votes(3, 1) }), context())).toEqual([]);
    expect(checkDecision(draft({ votes: votes(2, 2, 1) }), context())).toEqual([
      { field: 'outcome', message: 'The votes (2 for, 2 against, 1 abstaining) do not carry an approval: it needs more votes for than against.' },
    ]);
    expect(fields(checkDecision(draft({ outcome: 'rejected', blockingRisk: { dimension: 'fairness' }, votes: votes(3, 1) }), context()))).toEqual(['outcome']);
    expect(checkDecision(draft({ outcome: 'rejected', blockingRisk: { dimension: 'fairness' }, votes: votes(2, 2) }), context())).toEqual([]);
    expect(checkDecision(draft({ outcome: 'deferred', votes: votes(1, 4) }), context())).toEqual([]);
  });

  it('an amendment carries no votes', () => {
    expect(fields(checkDecision(draft({ votes: [{ attendeeId: 'x', vote: 'for' }] }), context({ kind: 'amendment' })))).toEqual(['votes']);
  });
});

describe('risk acceptance expiry', () => {
  it('runs at most 12 months from the decision by default', () => {
    expect(acceptanceExpiryLimit('2026-09-15', 12)).toBe('2027-09-15');
    expect(checkDecision(draft({ acceptances: [{ ...acceptance, expiry: '2027-09-15' }] }), context())).toEqual([]);
    expect(checkDecision(draft({ acceptances: [{ ...acceptance, expiry: '2027-09-16' }] }), context())).toEqual([
      {
        field: 'acceptances[0].expiry',
        message: 'Risk acceptance 1 expires on 2027-09-16, more than 12 months after the decision on 2026-09-15; the latest allowed is 2027-09-15.',
      },
    ]);
  });

  it('follows the workspace setting', () => {
    expect(fields(checkDecision(draft({ acceptances: [{ ...acceptance, expiry: '2027-03-16' }] }), context({ acceptanceMaxMonths: 6 })))).toEqual(['acceptances[0].expiry']);
    expect(checkDecision(draft({ acceptances: [{ ...acceptance, expiry: '2027-03-15' }] }), context({ acceptanceMaxMonths: 6 }))).toEqual([]);
  });

  it('must expire after the decision, be a date, and name risk, approver and controls', () => {
    expect(fields(checkDecision(draft({ acceptances: [{ ...acceptance, expiry: '2026-09-15' }] }), context()))).toEqual(['acceptances[0].expiry']);
    expect(fields(checkDecision(draft({ acceptances: [{ ...acceptance, expiry: '2027-02-29' }] }), context()))).toEqual(['acceptances[0].expiry']);
    expect(fields(checkDecision(draft({ acceptances: [{ risk: '', approver: '', compensatingControls: '', expiry: '2027-01-01' }] }), context()))).toEqual([
      'acceptances[0].risk',
      'acceptances[0].approver',
      'acceptances[0].compensatingControls',
    ]);
  });

  it('accepts exactly the days after the decision up to N months later', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 3000 }), (offset, months, after) => {
        const decisionDate = addDays('2024-01-01', offset);
        const expiry = addDays(decisionDate, after);
        const ok = checkDecision(draft({ acceptances: [{ ...acceptance, expiry }] }), context({ decisionDate, acceptanceMaxMonths: months })).length === 0;
        expect(ok).toBe(after > 0 && expiry <= addMonths(decisionDate, months));
      }),
    );
  });
});
