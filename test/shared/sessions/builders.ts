import type { DecisionContext } from '../../../shared/sessions/decisionRules';
import type { QuorumMember } from '../../../shared/sessions/quorum';
import type { DecisionDraft } from '../../../shared/sessions/session';

/** A board of `voting` voting members (v1, v2 …) of whom the first `present` are present, plus non-voting guests. */
export function board(voting: number, present: number, guests = 0): QuorumMember[] {
  const members = Array.from({ length: voting }, (_, i) => ({ id: `v${i + 1}`, name: `Voter ${i + 1}`, voting: true, present: i < present }));
  const others = Array.from({ length: guests }, (_, i) => ({ id: `g${i + 1}`, name: `Guest ${i + 1}`, voting: false, present: true }));
  return [...members, ...others];
}

export function draft(overrides: Partial<DecisionDraft> = {}): DecisionDraft {
  return { outcome: 'approved', rationale: 'Evidence holds up.', blockingRisk: null, votes: [], conditions: [], mitigations: [], acceptances: [], ...overrides };
}

export function context(overrides: Partial<DecisionContext> = {}): DecisionContext {
  return {
    decisionDate: '2026-09-15',
    acceptanceMaxMonths: 12,
    dimensions: [
      { key: 'fairness', label: 'Fairness & bias' },
      { key: 'performance_drift', label: 'Performance & drift' },
    ],
    findingIds: new Set([7, 8]),
    kind: 'original',
    ...overrides,
  };
}

export const condition = { text: 'Retrain on Q3 data', due: '2026-12-01', owner: 'Bo' };
export const mitigation = { action: 'Add a PSI alert', owner: 'Bo', due: '2026-11-01', successCriteria: 'Alert fires on PSI >= 0.25' };
export const acceptance = { risk: 'Residual drift', approver: 'CRO', compensatingControls: 'Monthly manual review', expiry: '2027-09-15' };
