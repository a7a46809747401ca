import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIMENSIONS, type Dimension } from '../../../shared/domain/taxonomy';
import { heatOf, roundHeat, type ScoresByKey } from '../../../shared/scoring/heat';
import type { DimensionScore } from '../../../shared/scoring/score';
import { dimension, score } from './builders';

describe('heat, band, likelihood and impact', () => {
  it('works the example by hand: weight 0 and unscored dimensions are left out', () => {
    const dims = [
      dimension('drift', 'likelihood', 1),
      dimension('robustness', 'likelihood', 1),
      dimension('customer_harm', 'impact', 2),
      dimension('privacy', 'impact', 0),
      dimension('regulatory', 'impact', 1.5),
    ];
    const scores = { drift: score(4, 3, 5), robustness: score(2, 2, 3), customer_harm: score(5, 4, 5), privacy: score(1) };
    // H = (4 + 2 + 2*5) / 4 = 4; band (3 + 2 + 2*4) / 4 = 3.25 .. (5 + 3 + 2*5) / 4 = 4.5.
    expect(heatOf(dims, scores)).toEqual({
      heat: 4,
      band: { lo: 3.25, hi: 4.5 },
      likelihood: 3,
      impact: 5,
      scoredDimensions: 3,
    });
  });

  it('weighs the default taxonomy as its weights say', () => {
    const scores = Object.fromEntries(DEFAULT_DIMENSIONS.map((d) => [d.key, score(3)]));
    scores.customer_harm = score(5);
    scores.regulatory_exposure = score(4);
    // Weights sum to 12.25 (6 on likelihood, 6.25 on impact): H = (12.25*3 + 1.5*2 + 1.5*1) / 12.25 = 165/49.
    const h = heatOf(DEFAULT_DIMENSIONS, scores);
    expect(h.heat).toBe(3.367346939);
    expect(h.likelihood).toBe(3);
    expect(h.impact).toBe(3.72);
    expect(h.scoredDimensions).toBe(11);
  });

  it('is unscored (null) with no scores, or only weight-0 scores', () => {
    const dims = [dimension('drift', 'likelihood', 1), dimension('privacy', 'impact', 0)];
    const none = { heat: null, band: null, likelihood: null, impact: null, scoredDimensions: 0 };
    expect(heatOf(dims, {})).toEqual(none);
    expect(heatOf(dims, { privacy: score(5) })).toEqual(none);
  });

  it('leaves an axis null when none of its dimensions is scored', () => {
    const dims = [dimension('drift', 'likelihood', 1), dimension('privacy', 'impact', 1)];
    expect(heatOf(dims, { drift: score(4) })).toMatchObject({ heat: 4, likelihood: 4, impact: null });
  });

  it('ignores scores for keys outside the taxonomy and is not fooled by keys named like Object members', () => {
    const dims = [dimension('constructor', 'likelihood', 1), dimension('drift', 'likelihood', 1)];
    expect(heatOf(dims, { drift: score(2), retired_dimension: score(5) }).heat).toBe(2);
    expect(heatOf(dims, {}).heat).toBeNull();
  });

  it('rounds to 9 decimals so float noise does not move a heat off a whole number', () => {
    const dims = [dimension('a', 'likelihood', 0.1), dimension('b', 'impact', 0.7)];
    expect((0.1 * 3 + 0.7 * 3) / (0.1 + 0.7)).toBe(2.9999999999999996);
    expect(heatOf(dims, { a: score(3), b: score(3) }).heat).toBe(3);
    expect(roundHeat(2.9999999999999996)).toBe(3);
    expect(roundHeat(2.999999999)).toBe(2.999999999);
  });
});

describe('heat properties', () => {
  const weight = fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 10, noNaN: true }));
  const dimScore = fc
    .record({ value: fc.integer({ min: 1, max: 5 }), down: fc.integer({ min: 0, max: 4 }), up: fc.integer({ min: 0, max: 4 }) })
    .map(({ value, down, up }): DimensionScore => ({ value, lo: Math.max(1, value - down), hi: Math.min(5, value + up) }));
  const scoredTaxonomy = fc
    .array(fc.record({ weight, axis: fc.constantFrom('likelihood' as const, 'impact' as const), score: fc.option(dimScore, { nil: undefined }) }), { minLength: 1, maxLength: 10 })
    .map((rows) => ({
      dims: rows.map((r, i): Dimension => dimension(`d${i}`, r.axis, r.weight)),
      scores: Object.fromEntries(rows.flatMap((r, i) => (r.score === undefined ? [] : [[`d${i}`, r.score]]))) as ScoresByKey,
    }));

  it('the band always contains H, and H lies between the lowest and highest counted score', () => {
    fc.assert(
      fc.property(scoredTaxonomy, ({ dims, scores }) => {
        const h = heatOf(dims, scores);
        if (h.heat === null || h.band === null) return h.heat === null && h.band === null;
        const counted = dims.filter((d) => d.weight > 0 && scores[d.key] !== undefined).map((d) => (scores[d.key] as DimensionScore).value);
        return h.band.lo <= h.heat && h.heat <= h.band.hi && Math.min(...counted) <= h.heat && h.heat <= Math.max(...counted);
      }),
    );
  });

  it('raising one score never lowers H', () => {
    fc.assert(
      fc.property(scoredTaxonomy, fc.nat(), ({ dims, scores }, pick) => {
        const key = dims[pick % dims.length]?.key as string;
        const before = scores[key];
        if (before === undefined || before.value === 5) return true;
        const raised = { ...scores, [key]: { value: before.value + 1, lo: before.lo, hi: Math.max(before.hi, before.value + 1) } };
        const [h0, h1] = [heatOf(dims, scores).heat, heatOf(dims, raised).heat];
        return h0 === null ? h1 === null : h1 !== null && h1 >= h0;
      }),
    );
  });

  it('a weight of 0 removes a dimension: the same as leaving it out of the taxonomy', () => {
    fc.assert(
      fc.property(scoredTaxonomy, fc.nat(), ({ dims, scores }, pick) => {
        const i = pick % dims.length;
        const zeroed = dims.map((d, j) => (j === i ? { ...d, weight: 0 } : d));
        const without = dims.filter((_, j) => j !== i);
        expect(heatOf(zeroed, scores)).toEqual(heatOf(without, scores));
      }),
    );
  });

  it('scaling every weight by the same positive constant leaves H unchanged', () => {
    fc.assert(
      fc.property(scoredTaxonomy, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ({ dims, scores }, c) => {
        const scaled = dims.map((d) => ({ ...d, weight: d.weight * c }));
        const [h0, h1] = [heatOf(dims, scores).heat, heatOf(scaled, scores).heat];
        if (h0 === null || h1 === null) return h0 === h1;
        // Equal within the rounding step: a raw mean sitting on a half-step of 1e-9 may round either way.
        return Math.abs(h0 - h1) <= 1e-9;
      }),
    );
  });
});
