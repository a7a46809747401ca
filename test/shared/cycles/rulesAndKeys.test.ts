import { describe, expect, it } from 'vitest';
import { evaluateConditionRule, formatConditionRule, parseConditionRule } from '../../../shared/cycles/conditionRule';
import { findingKey } from '../../../shared/cycles/findings';
import { median } from '../../../shared/cycles/kpis';

describe('condition rules', () => {
  it('parses the evidence metric paths and refuses what is not a rule, in a sentence', () => {
    expect(parseConditionRule('drift.psi_max < 0.2')).toEqual({ metric: 'drift.psi_max', op: '<', value: 0.2 });
    expect(parseConditionRule(' fairness.demographic_parity_ratio_min>=0.8 ')).toEqual({ metric: 'fairness.demographic_parity_ratio_min', op: '>=', value: 0.8 });
    expect(parseConditionRule('overall.roc_auc_ci95.lo >= 0.72')).toMatch(/"overall\.roc_auc_ci95\.lo" is not a metric the validation produces/);
    expect(parseConditionRule('psi is small')).toMatch(/is not a rule; write a metric, a comparison and a number/);
    expect(formatConditionRule({ metric: 'drift.psi_max', op: '<', value: 0.2 })).toBe('drift.psi_max < 0.2');
  });

  it('is met, not met, or not measured when the bundle lacks the metric', () => {
    const rule = { metric: 'overall.roc_auc', op: '>=' as const, value: 0.72 };
    expect(evaluateConditionRule(rule, { 'overall.roc_auc': 0.8 })).toEqual({ met: true, observed: 0.8 });
    expect(evaluateConditionRule(rule, { 'overall.roc_auc': 0.7 })).toEqual({ met: false, observed: 0.7 });
    expect(evaluateConditionRule(rule, { 'overall.roc_auc': null })).toEqual({ met: null, observed: null });
  });
});

describe('a finding\u2019s key', () => {
  it('is the same issue across bundles whatever the value, and differs by what it is about', () => {
    const a = findingKey('m', 'drift', { feature: 'income', psi: 0.3, ks: 0.2 });
    expect(findingKey('m', 'drift', { feature: 'income', psi: 0.4, ks: 0.1 })).toBe(a);
    expect(findingKey('m', 'drift', { feature: 'age', psi: 0.3, ks: 0.2 })).not.toBe(a);
    expect(findingKey('m2', 'drift', { feature: 'income', psi: 0.3, ks: 0.2 })).not.toBe(a);
    // Parity and equalized odds of one attribute are two issues.
    expect(findingKey('m', 'fairness', { attribute: 'sex', demographic_parity_ratio: 0.7, demographic_parity_difference: 0.1 })).not.toBe(
      findingKey('m', 'fairness', { attribute: 'sex', equalized_odds_difference: 0.3 }),
    );
  });
});

describe('KPI median', () => {
  it('is the middle value, the mean of the middle two, or null', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
