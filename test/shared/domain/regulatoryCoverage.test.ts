import { describe, expect, it } from 'vitest';
import { DEFAULT_DIMENSION_CLAUSES, DEFAULT_FINDING_CLAUSES } from '../../../shared/domain/regulatoryMapping';
import { regulatoryCoverage, type CoverageEvidence } from '../../../shared/domain/regulatoryCoverage';

const none = { decision: 0, conditions: 0, acceptance: 0, audit_log: 0, signed_packet: 0 };

function clause(e: CoverageEvidence, framework: string, id: string) {
  return regulatoryCoverage(e)
    .find((f) => f.framework.id === framework)
    ?.clauses.find((c) => c.clause.id === id);
}

describe('what of a session answers each clause', () => {
  const base: CoverageEvidence = {
    dimensions: [
      { label: 'Fairness & bias', clauses: DEFAULT_DIMENSION_CLAUSES.fairness_bias!, scored: 2 },
      { label: 'Privacy', clauses: DEFAULT_DIMENSION_CLAUSES.privacy!, scored: 0 },
    ],
    models: 3,
    findings: [{ category: 'drift' }, { category: 'drift' }, { category: 'fairness' }, { category: 'hand_raised' }],
    findingClauses: DEFAULT_FINDING_CLAUSES,
    records: { ...none, acceptance: 1 },
  };

  it('names the scored dimensions, the findings by category and the board records that answer a clause', () => {
    expect(clause(base, 'eu_ai_act', '10(2)(f)')).toMatchObject({ dimensions: ['Fairness & bias (scored for 2 of 3 models)'], findings: ['fairness (1 finding)'], records: [] });
    expect(clause(base, 'eu_ai_act', '72')).toMatchObject({ dimensions: [], findings: ['drift (2 findings)'], records: [] });
    expect(clause(base, 'eu_ai_act', '9(5)')).toMatchObject({ records: ['acceptance'] });
  });

  it('leaves a clause not addressed when its only dimension was scored for no model, and counts what is answered', () => {
    expect(clause(base, 'nist_ai_rmf', 'MS-2.10')).toMatchObject({ dimensions: [], unscored: ['Privacy'], findings: [], records: [] });
    const eu = regulatoryCoverage(base).find((f) => f.framework.id === 'eu_ai_act');
    // 10(2)(f) and 27 by fairness, 72 by drift, 9(5) by the acceptance.
    expect(eu?.answered).toBe(4);
  });

  it('reads a category the mapping does not know as answering nothing', () => {
    const all = regulatoryCoverage(base).flatMap((f) => f.clauses.flatMap((c) => c.findings));
    expect(all.some((f) => f.startsWith('hand raised'))).toBe(false);
  });
});
