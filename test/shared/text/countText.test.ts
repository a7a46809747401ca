import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countText } from '../../../shared/text/numbers';
import { plural } from '../../../shared/text/plural';

describe('a count in a sentence', () => {
  it("is written as toLocaleString('en-US') writes it: separators, a sign, at most three decimals", () => {
    expect(countText(1_204)).toBe('1,204');
    expect(countText(50_000_000)).toBe('50,000,000');
    expect(countText(-3_000.5)).toBe('-3,000.5');
    expect(plural(1, 'model')).toBe('1 model');
    expect(plural(1_204, 'model')).toBe('1,204 models');
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 2 ** 53, 1e21, NaN, Infinity)), (n) => {
        expect(countText(n)).toBe(n.toLocaleString('en-US'));
      }),
      { numRuns: 2_000 },
    );
  });
});
