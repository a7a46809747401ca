import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchSorted } from '../../../shared/metrics/searchSorted';

describe('searchSorted', () => {
  it('counts the values below v (left) or at and below it (right), as numpy.searchsorted, ties and ends included', () => {
    const value = fc.integer({ min: -5, max: 5 }).map((k) => k / 2);
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), value, (values, v) => {
        const sorted = Float64Array.from(values).sort();
        expect(searchSorted(sorted, v, false)).toBe(values.filter((x) => x < v).length);
        expect(searchSorted(sorted, v, true)).toBe(values.filter((x) => x <= v).length);
      }),
    );
  });
});
