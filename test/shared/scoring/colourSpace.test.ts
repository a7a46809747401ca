import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToOklab, oklabToHex, parseHex } from '../../../shared/scoring/colourSpace';

describe('colour space', () => {
  it('puts white and sRGB red where OKLab publishes them', () => {
    const white = hexToOklab('#ffffff');
    expect(white.L).toBeCloseTo(1, 6);
    expect(Math.hypot(white.a, white.b)).toBeLessThan(1e-6);
    // CSS Color 4 gives red as oklab(62.8% 0.2249 0.1258).
    const red = hexToOklab('#ff0000');
    expect([red.L, red.a, red.b].map((x) => x.toFixed(4))).toEqual(['0.6280', '0.2249', '0.1258']);
  });

  it('round-trips every 8-bit colour through OKLab unchanged', () => {
    const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`);
    fc.assert(fc.property(hex, (h) => oklabToHex(hexToOklab(h)) === h), { numRuns: 2000 });
  });

  it('reads only #rrggbb', () => {
    expect(parseHex('#1A9850')).toEqual([26, 152, 80]);
    expect(() => parseHex('#fff')).toThrow('"#fff" is not a colour of the form #rrggbb.');
    expect(() => parseHex('red')).toThrow(RangeError);
  });
});
