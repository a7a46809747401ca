import { describe, expect, it } from 'vitest';
import { minutesMarkdown } from '../../../shared/sessions/minutes';
import type { Decision, SessionDetail } from '../../../shared/sessions/session';

const decision = (over: Partial<Decision>): Decision => ({
  id: 'd1',
  kind: 'original',
  outcome: 'rejected',
  rationale: 'Drift.',
  blockingRisk: { dimension: 'drift' },
  heat: 4,
  tier: 'high',
  decisionDate: '2026-09-15',
  decidedAt: '2026-09-15T10:00:00.000Z',
  decidedBy: 'Ann Lee <ann@bank.example>',
  amends: null,
  votes: [],
  tally: { for: 0, against: 0, abstain: 0 },
  conditions: [],
  mitigations: [],
  acceptances: [],
  version: 1,
  ...over,
});

const detail: SessionDetail = {
  session: { id: 's', number: 1, title: 'Q3', date: '2026-09-15', location: '', chair: 'Ann Lee', quorum: null, currentItemId: null, attendanceTakenAt: null, createdAt: 'x', createdBy: 'x', closedAt: null, closedBy: null },
  status: 'open',
  attendees: [],
  quorum: { rule: 'majority', votingMembers: 3, presentVoters: 3, required: 2, met: true, message: 'Quorum met.' },
  notes: null,
  items: [
    {
      id: 'i',
      position: 0,
      modelId: 'm',
      modelName: 'Scorer',
      owner: 'Bo Chen',
      heat: 4,
      tier: 'high',
      topQuartile: false,
      pulledUp: [],
      findings: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      priorDecisions: [],
      outcome: 'deferred',
      note: null,
      conflicts: [{ attendeeId: 'b', name: 'Bo Chen', reason: 'Owns the model.', recused: true, declaredAt: '2026-09-15T09:00:00.000Z', declaredBy: 'Ann Lee' }],
      decision: decision({
        votes: [
          { attendeeId: 'a', name: 'Ann Lee', vote: 'against', reason: 'Unexplained drift.' },
          { attendeeId: 'c', name: 'Cy Diaz', vote: 'for', reason: 'Drift follows the new product.', dissent: true },
        ],
        recused: ['Bo Chen'],
      }),
      amendments: [
        decision({ id: 'd2', kind: 'amendment', outcome: 'deferred', amends: { decisionId: 'd1', reason: 'New data.' }, approval: { basis: 'signoff', chair: 'Ann Lee', secretary: 'Sam Ito' }, recused: ['Bo Chen'] }),
      ],
    },
  ],
};

describe('minutes of a board with conflicts and dissent', () => {
  it('list the declaration, the recusal, each vote with its reason, the dissent and how the amendment was approved', () => {
    const md = minutesMarkdown(detail);
    expect(md).toContain('- Bo Chen: Owns the model. (recused; declared 2026-09-15T09:00:00.000Z by Ann Lee)');
    expect(md).toContain('- Ann Lee: against: Unexplained drift.');
    expect(md).toContain('- Cy Diaz: for (dissent): Drift follows the new product.');
    expect(md).toContain('- Cy Diaz dissents from "Rejected": Drift follows the new product.');
    expect(md).toContain('**Recused (did not vote, not counted in the quorum):** Bo Chen');
    expect(md).toContain('**Approved by:** sign-off of the chair, Ann Lee, and the secretary, Sam Ito');
  });
});
