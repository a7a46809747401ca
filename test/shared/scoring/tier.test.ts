import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../../shared/domain/taxonomy';
import { TIERS, tierOf, tierWord } from '../../../shared/scoring/tier';

describe('tier', () => {
  it('puts each default threshold in the tier it opens', () => {
    const cases: [number, string][] = [
      [1, 'low'],
      [1.999999999, 'low'],
      [2, 'medium'],
      [2.999999999, 'medium'],
      [3, 'high'],
      [3.999999999, 'high'],
      [4, 'critical'],
      [5, 'critical'],
    ];
    expect(cases.map(([h]) => tierOf(h, DEFAULT_THRESHOLDS))).toEqual(cases.map(([, t]) => t));
  });

  it('treats float noise at a threshold as the threshold, both ways', () => {
    expect(tierOf(2.9999999999999996, DEFAULT_THRESHOLDS)).toBe('high');
    expect(tierOf(3.0000000000000004, DEFAULT_THRESHOLDS)).toBe('high');
    expect(tierOf(1.9999999999999998, DEFAULT_THRESHOLDS)).toBe('medium');
    expect(tierOf(3, { medium: 2, high: 3.0000000000000004, critical: 4 })).toBe('high');
  });

  it('follows a cycle’s own thresholds', () => {
    const t = { medium: 2.5, high: 3.5, critical: 4.5 };
    expect([2.4, 2.5, 3.49, 3.5, 4.49, 4.5].map((h) => tierOf(h, t))).toEqual(['low', 'medium', 'medium', 'high', 'high', 'critical']);
  });

  it('has no tier for an unscored model, and says so in words', () => {
    expect(tierOf(null, DEFAULT_THRESHOLDS)).toBeNull();
    expect(tierWord(null)).toBe('Unscored');
    expect(TIERS.map(tierWord)).toEqual(['Low', 'Medium', 'High', 'Critical']);
  });

  it('is monotone in H', () => {
    const thresholds = fc
      .tuple(fc.double({ min: 1.01, max: 5, noNaN: true }), fc.double({ min: 1.01, max: 5, noNaN: true }), fc.double({ min: 1.01, max: 5, noNaN: true }))
      .map((v) => v.sort((a, b) => a - b))
      .filter(([m, h, c]) => m < h && h < c)
      .map(([medium, high, critical]) => ({ medium, high, critical }));
    const heat = fc.double({ min: 1, max: 5, noNaN: true });
    fc.assert(
      fc.property(thresholds, heat, heat, (t, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return TIERS.indexOf(tierOf(lo, t) ?? 'low') <= TIERS.indexOf(tierOf(hi, t) ?? 'low');
      }),
    );
  });
});
