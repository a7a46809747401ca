import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metricNumber, metricNumberSaying } from '../../../shared/text/numbers';
import { driftFindings, fairnessFindings } from '../../../shared/validation/findings';

describe('a metric in a sentence', () => {
  it('has at most four decimals and no trailing zeros or dot', () => {
    expect(metricNumber(0.688922855087946)).toBe('0.6889');
    expect(metricNumber(0.99999)).toBe('1');
    expect(metricNumber(0.25)).toBe('0.25');
    expect(metricNumber(-0.00001)).toBe('0');
  });

  it('keeps the digits that make it read as the sentence says, and no more', () => {
    expect(metricNumberSaying(0.79996, (x) => x < 0.8)).toBe('0.79996');
    expect(metricNumberSaying(0.999989, (x) => x >= 0.99999)).toBe('0.999989');
    expect(metricNumberSaying(0.7, (x) => x < 0.8)).toBe('0.7');
    // Four decimals that already read right stay four decimals.
    expect(metricNumberSaying(0.80004, (x) => x >= 0.8)).toBe('0.8');
    fc.assert(
      fc.property(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom('<', '<=', '>', '>='), (v, t, op) => {
        const says = (x: number) => (op === '<' ? x < t : op === '<=' ? x <= t : op === '>' ? x > t : x >= t);
        const text = metricNumberSaying(v, says);
        expect(says(Number(text))).toBe(says(v));
        if (says(Number(metricNumber(v))) === says(v)) expect(text).toBe(metricNumber(v));
      }),
    );
  });

  it('is never rounded onto the other side of a finding’s threshold', () => {
    const [parity] = fairnessFindings({ sex: { demographic_parity_ratio: 0.79996, equalized_odds_difference: 0.200004 } });
    expect(parity?.message).toContain('demographic parity ratio 0.79996 is below 0.8');
    expect(fairnessFindings({ sex: { equalized_odds_difference: 0.200004 } })[0]?.message).toContain('equalized odds difference 0.200004 is above 0.2');
    expect(fairnessFindings({ sex: { equalized_odds_difference: 0.100004 } })[0]?.message).toContain('equalized odds difference 0.100004 is above 0.1');
    expect(driftFindings({ age: { psi: 0.249996 } })[0]?.message).toContain('PSI 0.249996 between reference and current (at or above 0.1, a moderate shift)');
    expect(driftFindings({ age: { psi: 0.31234 } })[0]?.message).toContain('PSI 0.3123 between');
  });
});
