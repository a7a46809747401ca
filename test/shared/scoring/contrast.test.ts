import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLACK, contrastRatio, relativeLuminance, textColourOn, WHITE } from '../../../shared/scoring/contrast';

describe('WCAG contrast', () => {
  it('matches the values WCAG tools publish', () => {
    expect(relativeLuminance(WHITE)).toBe(1);
    expect(relativeLuminance(BLACK)).toBe(0);
    expect(contrastRatio(BLACK, WHITE)).toBe(21);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    // The familiar pair: #767676 is the lightest grey with 4.5:1 on white, #777777 just fails.
    expect(contrastRatio('#767676', WHITE)).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', WHITE)).toBeCloseTo(4.48, 2);
  });

  it('picks black on light fills and white on dark ones', () => {
    expect(textColourOn('#fde725')).toBe(BLACK);
    expect(textColourOn('#440154')).toBe(WHITE);
    expect(textColourOn('#d73027')).toBe(WHITE);
  });

  it('gives every possible fill label text of at least 4.58:1', () => {
    const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`);
    fc.assert(fc.property(hex, (fill) => contrastRatio(fill, textColourOn(fill)) >= 4.58), { numRuns: 5000 });
  });
});
