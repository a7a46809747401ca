import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIMENSIONS, DEFAULT_THRESHOLDS, TaxonomySchema, type Taxonomy } from '../../../shared/domain/taxonomy';
import { heatOf, type ScoresByKey } from '../../../shared/scoring/heat';
import { assessTier, coverageWords, NO_OPEN_SEVERE, TIERS, tierOf } from '../../../shared/scoring/tier';
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
