import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIMENSIONS, DEFAULT_THRESHOLDS, TaxonomySchema, type Taxonomy } from '../../../shared/domain/taxonomy';
import { heatOf, type ScoresByKey } from '../../../shared/scoring/heat';
import { assessTier, coverageWords, NO_OPEN_SEVERE, TIERS, tierOf } from '../../../shared/scoring/tier';
import { aucUpper95, EVIDENCE_METRIC_NAMES } from '../../../shared/scoring/evidenceMetrics';
import { proposeScore } from '../../../shared/scoring/evidenceRules';
import { score } from './builders';

const taxonomy: Pick<Taxonomy, 'thresholds' | 'dimensions' | 'minCoverage' | 'floors'> = { thresholds: DEFAULT_THRESHOLDS, dimensions: [...DEFAULT_DIMENSIONS] };
const keys = DEFAULT_DIMENSIONS.map((d) => d.key);

function scored(values: readonly number[]): ScoresByKey {
  return Object.fromEntries(values.map((v, i) => [keys[i], score(v)]));
}

function assess(values: readonly number[], open = NO_OPEN_SEVERE, t = taxonomy) {
  const scores = scored(values);
  return assessTier(t, heatOf(t.dimensions, scores).heat, scores, open);
}

describe('tier with coverage and floors (issue 13 §5)', () => {
  it('calls 1 of 11 dimensions scored at 5 incomplete with its floor, not Critical from the heat alone', () => {
    // The case: the heat is 5 from one dimension; the dimension floor proves at least High.
    const a = assess([5]);
    expect(a.heatTier).toBe('critical');
    expect(a.coverage).toEqual({ scored: 1, total: 11 });
    expect(coverageWords(a.coverage)).toBe('1 of 11 dimensions scored (9%)');
    expect(a.tier).toBe('high');
    expect(a.floor).toBe('Performance & drift is scored 5, at or above 4: at least High.');
  });

  it('calls a model below 70% coverage with no floor incomplete', () => {
    expect(assess([2, 2, 2, 2, 2, 2, 2]).tier).toBe('incomplete'); // 7 of 11 = 64%
    expect(assess([2, 2, 2, 2, 2, 2, 2, 2]).tier).toBe('medium'); // 8 of 11 = 73%
  });

  it('meets a minimum exactly at the boundary (7 of 10 is 70%)', () => {
    const ten = { ...taxonomy, dimensions: DEFAULT_DIMENSIONS.slice(0, 10) };
    expect(assess([1, 1, 1, 1, 1, 1, 1], NO_OPEN_SEVERE, ten).tier).toBe('low');
    expect(assess([1, 1, 1, 1, 1, 1], NO_OPEN_SEVERE, ten).tier).toBe('incomplete');
  });

  it('raises a Low model with three open high findings to High, and one open critical finding to Critical', () => {
    const all = Array(11).fill(1) as number[];
    expect(assess(all).tier).toBe('low');
    const high = assess(all, { high: 3, critical: 0 });
    expect(high.tier).toBe('high');
    expect(high.floor).toBe('3 open high or critical findings: at least High.');
    expect(assess(all, { high: 3, critical: 1 }).tier).toBe('critical');
  });

  it('makes an unscored model with an open critical finding Critical, and one without findings unscored', () => {
    expect(assess([], { high: 0, critical: 1 }).tier).toBe('critical');
    expect(assess([]).tier).toBeNull();
  });

  it('follows the version’s own minimum and floors; an empty floor list means none', () => {
    const lax = { ...taxonomy, minCoverage: 0, floors: [] };
    expect(assess([5], { high: 0, critical: 2 }, lax).tier).toBe('critical');
    expect(assess([1, 4], { high: 0, critical: 2 }, lax).tier).toBe('medium');
    const strict = { ...taxonomy, minCoverage: 1 };
    expect(assess(Array(10).fill(1) as number[], NO_OPEN_SEVERE, strict).tier).toBe('incomplete');
  });

  it('never puts a model below its heat tier once coverage is met, nor below any floor that holds (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 11 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (values, high, critical) => {
          const a = assess(values, { high, critical });
          const order = (t: string | null) => (t === null || t === 'incomplete' ? -1 : TIERS.indexOf(t as (typeof TIERS)[number]));
          if (critical > 0) expect(a.tier).toBe('critical');
          if (values.some((v) => v >= 4) || high > 0) expect(order(a.tier)).toBeGreaterThanOrEqual(TIERS.indexOf('high'));
          if (values.length >= 8) expect(order(a.tier)).toBeGreaterThanOrEqual(order(tierOf(a.heatTier === null ? null : heatOf(taxonomy.dimensions, scored(values)).heat, DEFAULT_THRESHOLDS)));
          if (values.length > 0 && values.length < 8 && a.floor === null) expect(a.tier).toBe('incomplete');
        },
      ),
    );
  });

  it('parses an older taxonomy image without the new fields unchanged', () => {
    const older = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', thresholds: DEFAULT_THRESHOLDS, dimensions: [...DEFAULT_DIMENSIONS] };
    const parsed = TaxonomySchema.parse(older);
    expect(Object.keys(parsed)).not.toContain('floors');
    expect(Object.keys(parsed)).not.toContain('minCoverage');
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(older));
  });
});

describe('the AUC claim against its confidence interval', () => {
  it('gives the Hanley–McNeil upper bound (worked example: AUC 0.8, 100 positives, 100 negatives)', () => {
    // q1 = 0.8/1.2 = 0.6667, q2 = 1.28/1.8 = 0.7111; var = (0.16 + 99*0.02667 + 99*0.07111)/10000 = 0.0009840; se = 0.03137.
    expect(aucUpper95(0.8, 100, 100)).toBeCloseTo(0.8 + 1.96 * 0.031369, 4);
    expect(aucUpper95(0.8, 0, 100)).toBeNull();
  });

  it('lets the default rules propose a score for a claim above the interval, for calibration and for fairness', () => {
    const perf = DEFAULT_DIMENSIONS.find((d) => d.key === 'performance_drift')?.rules ?? [];
    const fair = DEFAULT_DIMENSIONS.find((d) => d.key === 'fairness_bias')?.rules ?? [];
    expect(proposeScore(perf, { 'claims.roc_auc_shortfall': 0.02 })?.score).toBe(4);
    expect(proposeScore(perf, { 'claims.roc_auc_shortfall': -0.01 })).toBeNull();
    expect(proposeScore(perf, { 'overall.ece': 0.07 })?.score).toBe(3);
    expect(proposeScore(fair, { 'fairness.demographic_parity_ratio_min': 0.75 })?.score).toBe(4);
    expect(proposeScore(fair, { 'fairness.equalized_odds_difference_max': 0.25 })?.score).toBe(5);
    for (const d of DEFAULT_DIMENSIONS) for (const r of d.rules) expect(EVIDENCE_METRIC_NAMES.has(r.metric)).toBe(true);
  });
});
