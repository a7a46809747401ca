import { describe, expect, it } from 'vitest';
import { DEFAULT_DIMENSIONS, type EvidenceRule } from '../../../shared/domain/taxonomy';
import { checkRules, proposeScore } from '../../../shared/scoring/evidenceRules';

// The two PSI rules of the default performance dimension (it also reads the AUC claim and calibration).
const driftRules = (DEFAULT_DIMENSIONS.find((d) => d.key === 'performance_drift')?.rules ?? []).filter((r) => r.metric === 'drift.psi_max');

describe('evidence rules', () => {
  it('proposes the default drift scores, thresholds inclusive for >=', () => {
    expect(proposeScore(driftRules, { 'drift.psi_max': 0.31 })).toEqual({ score: 5, rule: driftRules[0], ruleIndex: 0, observed: 0.31 });
    expect(proposeScore(driftRules, { 'drift.psi_max': 0.25 })?.score).toBe(5);
    expect(proposeScore(driftRules, { 'drift.psi_max': 0.12 })).toMatchObject({ score: 3, ruleIndex: 1 });
    expect(proposeScore(driftRules, { 'drift.psi_max': 0.1 })?.score).toBe(3);
    expect(proposeScore(driftRules, { 'drift.psi_max': 0.05 })).toBeNull();
  });

  it('takes the highest score among the rules that fire, whatever their order', () => {
    const reversed = [...driftRules].reverse();
    expect(proposeScore(reversed, { 'drift.psi_max': 0.4 })).toMatchObject({ score: 5, ruleIndex: 1 });
  });

  it('reads every operator, strict and inclusive', () => {
    const auc: EvidenceRule[] = [
      { metric: 'overall.roc_auc', op: '<', value: 0.7, score: 4 },
      { metric: 'overall.roc_auc', op: '<=', value: 0.6, score: 5 },
      { metric: 'overall.ece', op: '>', value: 0.05, score: 3 },
    ];
    expect(proposeScore(auc, { 'overall.roc_auc': 0.7 })).toBeNull();
    expect(proposeScore(auc, { 'overall.roc_auc': 0.65 })?.score).toBe(4);
    expect(proposeScore(auc, { 'overall.roc_auc': 0.6 })?.score).toBe(5);
    expect(proposeScore(auc, { 'overall.ece': 0.05 })).toBeNull();
    expect(proposeScore(auc, { 'overall.ece': 0.06 })).toMatchObject({ score: 3, ruleIndex: 2, observed: 0.06 });
  });

  it('names the first listed rule when equal scores fire', () => {
    const rules: EvidenceRule[] = [
      { metric: 'fairness.dpd_max', op: '>=', value: 0.1, score: 4 },
      { metric: 'drift.psi_max', op: '>=', value: 0.2, score: 4 },
    ];
    expect(proposeScore(rules, { 'fairness.dpd_max': 0.3, 'drift.psi_max': 0.3 })?.ruleIndex).toBe(0);
  });

  it('does not fire on a missing, null or NaN metric, nor on a name that is an Object member', () => {
    expect(proposeScore(driftRules, {})).toBeNull();
    expect(proposeScore(driftRules, { 'drift.psi_max': null })).toBeNull();
    expect(proposeScore(driftRules, { 'drift.psi_max': Number.NaN })).toBeNull();
    expect(proposeScore([{ metric: 'constructor', op: '<', value: 1, score: 5 }], {})).toBeNull();
  });

  it('checks a rule list against the known metrics, naming each rule and field', () => {
    const rules: EvidenceRule[] = [
      { metric: 'drift.psi_max', op: '>=', value: 0.25, score: 5 },
      { metric: 'drift.psi_mx', op: '>=', value: Number.POSITIVE_INFINITY, score: 6 },
    ];
    const problems = checkRules(rules, new Set(['drift.psi_max']), { field: 'dimensions[0].rules', dimension: 'dimension 1 (Performance & drift)' });
    expect(problems).toEqual([
      {
        field: 'dimensions[0].rules[1].metric',
        message:
          'Rule 2 of dimension 1 (Performance & drift) reads the metric "drift.psi_mx", which the validation does not produce; choose one of the known metrics.',
      },
      { field: 'dimensions[0].rules[1].value', message: 'Rule 2 of dimension 1 (Performance & drift) compares with Infinity; enter a finite number.' },
      { field: 'dimensions[0].rules[1].score', message: 'Rule 2 of dimension 1 (Performance & drift) proposes 6; a score must be a whole number from 1 to 5.' },
    ]);
    expect(checkRules(rules.slice(0, 1), new Set(['drift.psi_max']), { field: 'rules', dimension: 'drift' })).toEqual([]);
  });
});
