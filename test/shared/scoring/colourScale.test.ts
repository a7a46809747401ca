import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToOklab, parseHex } from '../../../shared/scoring/colourSpace';
import { gradientStops, PALETTE_NAMES, PALETTES, riskColour, riskSwatch, tierSwatch, UNSCORED_SWATCH, type PaletteName } from '../../../shared/scoring/colourScale';
import { contrastRatio, relativeLuminance } from '../../../shared/scoring/contrast';
import { TIERS } from '../../../shared/scoring/tier';
import { oklabDistance, seenWith, type Vision } from './visionSimulation';

/** Values 1..5 in steps of 0.01, the resolution a heat is ever shown at. */
const GRID = Array.from({ length: 401 }, (_, i) => 1 + i / 100);
const DICHROMATS: Vision[] = ['protanopia', 'deuteranopia'];

describe('risk colour scale', () => {
  it('runs green -> orange -> red, and the safe palette light yellow -> dark purple', () => {
    expect([1, 3, 5].map((v) => riskColour(v, 'standard'))).toEqual(['#1a9850', '#fdae61', '#d73027']);
    expect([1, 3, 5].map((v) => riskColour(v, 'colourVisionSafe'))).toEqual(['#fde725', '#21908c', '#440154']);
  });

  it('returns each published stop exactly at its value and clamps outside 1..5', () => {
    for (const name of PALETTE_NAMES) {
      const { stops } = PALETTES[name];
      const at = stops.map((_, i) => riskColour(1 + (4 * i) / (stops.length - 1), name));
      expect(at).toEqual(stops);
      expect(riskColour(0, name)).toBe(stops[0]);
      expect(riskColour(7, name)).toBe(stops[stops.length - 1]);
    }
    expect(() => riskColour(Number.NaN, 'standard')).toThrow(RangeError);
  });

  it('gives a heat like 2.7 its own colour between its neighbours', () => {
    const [two, mid, three] = [2, 2.7, 3].map((v) => riskColour(v, 'standard')) as [string, string, string];
    expect(mid).toMatch(/^#[0-9a-f]{6}$/);
    expect(oklabDistance(mid, three)).toBeLessThan(oklabDistance(mid, two));
    expect(oklabDistance(two, mid) + oklabDistance(mid, three)).toBeCloseTo(oklabDistance(two, three), 2);
  });

  it('changes smoothly: a hundredth of a point never jumps more than a just-noticeable step', () => {
    for (const name of PALETTE_NAMES) {
      const jumps = GRID.slice(1).map((v, i) => oklabDistance(riskColour(v, name), riskColour(GRID[i] as number, name)));
      expect(Math.max(...jumps)).toBeLessThan(0.02);
    }
  });

  it('the safe palette darkens steadily with risk', () => {
    const stopLightness = PALETTES.colourVisionSafe.stops.map((h) => hexToOklab(h).L);
    expect(stopLightness.slice(1).every((l, i) => l < (stopLightness[i] as number))).toBe(true);
    // Rounding to 8-bit channels can lift a colour by one level (~5e-4 in luminance), so
    // two heats only 0.01 apart may tie or swap; 0.02 apart the higher is always darker.
    const lum = (v: number) => relativeLuminance(riskColour(v, 'colourVisionSafe'));
    expect(GRID.filter((v) => v <= 4.98).every((v) => lum(v + 0.02) < lum(v))).toBe(true);
    fc.assert(
      fc.property(fc.double({ min: 1, max: 5, noNaN: true }), fc.double({ min: 1, max: 5, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return hi - lo < 0.02 || lum(hi) < lum(lo);
      }),
      { numRuns: 1000 },
    );
  });

  it('the safe palette keeps whole-point steps apart for protanopes and deuteranopes, where the standard one fails', () => {
    const stepDistances = (name: PaletteName, vision: Vision) =>
      GRID.filter((v) => v <= 4).map((v) => oklabDistance(seenWith(vision, riskColour(v, name)), seenWith(vision, riskColour(v + 1, name))));
    for (const vision of DICHROMATS) expect(Math.min(...stepDistances('colourVisionSafe', vision))).toBeGreaterThan(0.12);
    // Why the switch exists: a deuteranope sees the standard 2 and 3 as nearly the same colour.
    expect(oklabDistance(seenWith('deuteranopia', riskColour(2, 'standard')), seenWith('deuteranopia', riskColour(3, 'standard')))).toBeLessThan(0.03);
  });

  it('labels every colour of both scales with text of contrast 4.5 or more', () => {
    for (const name of PALETTE_NAMES) {
      for (const v of GRID) {
        const { fill, text } = riskSwatch(v, name);
        expect(contrastRatio(fill, text)).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});

describe('unscored and tier swatches', () => {
  it('draws unscored as hatched neutral grey with readable text', () => {
    expect(riskSwatch(null, 'standard')).toBe(UNSCORED_SWATCH);
    expect(riskSwatch(null, 'colourVisionSafe')).toBe(UNSCORED_SWATCH);
    const { a, b } = hexToOklab(UNSCORED_SWATCH.fill);
    expect(Math.hypot(a, b)).toBeLessThan(1e-3);
    expect(UNSCORED_SWATCH.hatch?.name).toBe('unscored-hatch');
    expect(contrastRatio(UNSCORED_SWATCH.fill, UNSCORED_SWATCH.text)).toBeGreaterThanOrEqual(4.5);
    expect(riskSwatch(3, 'standard').hatch).toBeNull();
  });

  it('keeps unscored apart from every colour of both scales, for typical and dichromat vision', () => {
    for (const name of PALETTE_NAMES) {
      for (const vision of ['typical', ...DICHROMATS] as Vision[]) {
        const gaps = GRID.map((v) => oklabDistance(seenWith(vision, riskColour(v, name)), seenWith(vision, UNSCORED_SWATCH.fill)));
        expect(Math.min(...gaps)).toBeGreaterThan(0.1);
      }
    }
  });

  it('pairs each tier colour with its word, ends of the scale for low and critical', () => {
    expect(TIERS.map((t) => tierSwatch(t, 'standard').word)).toEqual(['Low', 'Medium', 'High', 'Critical']);
    expect(tierSwatch('low', 'standard').fill).toBe('#1a9850');
    expect(tierSwatch('critical', 'standard')).toEqual({ fill: '#d73027', text: '#ffffff', hatch: null, word: 'Critical' });
    expect(tierSwatch(null, 'colourVisionSafe')).toEqual({ ...UNSCORED_SWATCH, word: 'Unscored' });
  });

  it('keeps the four tier chips clearly apart in both palettes', () => {
    for (const name of PALETTE_NAMES) {
      const fills = TIERS.map((t) => tierSwatch(t, name).fill);
      const gaps = fills.flatMap((f, i) => fills.slice(i + 1).map((g) => oklabDistance(f, g)));
      expect(Math.min(...gaps)).toBeGreaterThan(0.1);
    }
  });
});

describe('legend gradient', () => {
  it('spans the scale from end to end', () => {
    const stops = gradientStops('standard', 5);
    expect(stops.map((s) => s.offset)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(stops.map((s) => s.value)).toEqual([1, 2, 3, 4, 5]);
    expect(stops.map((s) => s.colour)).toEqual(PALETTES.standard.stops);
    expect(() => gradientStops('standard', 1)).toThrow(RangeError);
  });

  it('with the default 9 stops, an sRGB gradient stays within 0.01 of the scale', () => {
    for (const name of PALETTE_NAMES) {
      const stops = gradientStops(name);
      expect(stops).toHaveLength(9);
      const worst = GRID.map((v) => {
        const offset = (v - 1) / 4;
        const i = Math.min(stops.length - 2, Math.floor(offset * (stops.length - 1)));
        const [from, to] = [stops[i], stops[i + 1]] as [(typeof stops)[0], (typeof stops)[0]];
        const t = (offset - from.offset) / (to.offset - from.offset);
        const [p, q] = [parseHex(from.colour), parseHex(to.colour)];
        const mixed = `#${p.map((c, k) => Math.round(c + ((q[k] as number) - c) * t).toString(16).padStart(2, '0')).join('')}`;
        return oklabDistance(mixed, riskColour(v, name));
      });
      expect(Math.max(...worst)).toBeLessThan(0.01);
    }
  });
});
