import { hexToOklab, oklabToHex, type Oklab } from './colourSpace';
import { textColourOn } from './contrast';
import { roundHeat } from './heat';
import { tierWord, type HeatTier, type Tier } from './tier';

/**
 * The one risk colour scale (UI.md), for the app, the CLI's SVG and the PDF alike: a score
 * or heat 1..5 in, '#rrggbb' out, interpolated continuously (a heat of 2.7 has its own
 * colour) in OKLab between stops evenly spaced over 1..5.
 */
export type PaletteName = 'standard' | 'colourVisionSafe';

export const PALETTE_NAMES: readonly PaletteName[] = ['standard', 'colourVisionSafe'];

export interface Palette {
  label: string;
  /** Where the stops come from, so an auditor can check them. */
  source: string;
  /** Colours at 1..5, evenly spaced, lowest risk first. */
  stops: readonly string[];
}

export const PALETTES: Readonly<Record<PaletteName, Palette>> = {
  standard: {
    label: 'Green to red',
    source:
      'ColorBrewer RdYlGn (Cynthia Brewer, colorbrewer2.org), 11-class stops #1a9850, #a6d96a, #fdae61, #f46d43, #d73027; ' +
      'its pale yellow middle is left out so that the middle of the scale reads as orange, not as an empty cell.',
    stops: ['#1a9850', '#a6d96a', '#fdae61', '#f46d43', '#d73027'],
  },
  colourVisionSafe: {
    label: 'Colour-vision safe (viridis)',
    source:
      'viridis (Stéfan van der Walt and Nathaniel Smith, matplotlib 2015), the nine colours of viridisLite::viridis(9), ' +
      'reversed so that higher risk is darker. Its lightness falls steadily and its hues run from yellow to blue, the ' +
      'axis that protanopes and deuteranopes still see, so steps stay apart for them and in greyscale print.',
    stops: ['#fde725', '#aadc32', '#5dc863', '#27ad81', '#21908c', '#2c728e', '#3b528b', '#472d7b', '#440154'],
  },
};

const OKLAB_STOPS: Readonly<Record<PaletteName, readonly Oklab[]>> = {
  standard: PALETTES.standard.stops.map(hexToOklab),
  colourVisionSafe: PALETTES.colourVisionSafe.stops.map(hexToOklab),
};

/** The fill for a score or heat; values outside 1..5 take the nearest end. */
export function riskColour(value: number, palette: PaletteName): string {
  if (Number.isNaN(value)) throw new RangeError('A risk colour was asked for a value that is not a number.');
  const { stops } = PALETTES[palette];
  const position = ((Math.min(5, Math.max(1, roundHeat(value))) - 1) / 4) * (stops.length - 1);
  const i = Math.floor(position);
  const t = position - i;
  // A value on a stop gets the published colour itself, not its OKLab round trip.
  if (t === 0) return stops[i] as string;
  const from = OKLAB_STOPS[palette][i] as Oklab;
  const to = OKLAB_STOPS[palette][i + 1] as Oklab;
  return oklabToHex({ L: from.L + (to.L - from.L) * t, a: from.a + (to.a - from.a) * t, b: from.b + (to.b - from.b) * t });
}

/**
 * How to draw the unscored fill's hatch, identical in the three renderers. Hatching
 * marks "no value" where a grey alone could be read as a mid value in greyscale print.
 */
export interface Hatch {
  name: 'unscored-hatch';
  stroke: string;
  angleDegrees: number;
  /** Distance between lines in the drawing's own unit (px on screen, pt in the PDF). */
  spacing: number;
}

export interface Swatch {
  fill: string;
  /** Label colour on this fill, WCAG contrast >= 4.5 (see textColourOn). */
  text: string;
  hatch: Hatch | null;
}

/** Neutral grey: no palette passes through a chroma-free colour, so it never reads as a risk. */
export const UNSCORED_SWATCH: Swatch = {
  fill: '#d4d4d4',
  text: textColourOn('#d4d4d4'),
  hatch: { name: 'unscored-hatch', stroke: '#8c8c8c', angleDegrees: 45, spacing: 6 },
};

/** Fill, label colour and hatch for a cell; null is an unscored cell. */
export function riskSwatch(value: number | null, palette: PaletteName): Swatch {
  if (value === null) return UNSCORED_SWATCH;
  const fill = riskColour(value, palette);
  return { fill, text: textColourOn(fill), hatch: null };
}

/**
 * Tier chips take the scale at four evenly spaced points, not at the cycle's thresholds,
 * so the four chips are as far apart as the scale allows and a tier looks the same in
 * every cycle and every packet.
 */
const TIER_POINTS: Readonly<Record<HeatTier, number>> = { low: 1, medium: 7 / 3, high: 11 / 3, critical: 5 };

/** A tier's chip: its colour always travels with its word. */
export function tierSwatch(tier: Tier | null, palette: PaletteName): Swatch & { word: string } {
  // Incomplete has no place on the risk scale: it wears the unscored grey, told apart by its word.
  const swatch = tier === null || tier === 'incomplete' ? UNSCORED_SWATCH : riskSwatch(TIER_POINTS[tier], palette);
  return { ...swatch, word: tierWord(tier) };
}

export interface GradientStop {
  /** 0..1 along the legend, for an SVG or PDF linear gradient. */
  offset: number;
  value: number;
  colour: string;
}

/**
 * Stops for a legend's gradient. SVG and PDF interpolate between stops in sRGB, not OKLab;
 * with 9 stops the gradient stays within 0.01 (OKLab distance) of the scale everywhere,
 * half of a just-noticeable difference (about 0.02).
 */
export function gradientStops(palette: PaletteName, count = 9): GradientStop[] {
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`A gradient needs a whole number of stops, at least 2; got ${count}.`);
  return Array.from({ length: count }, (_, i) => {
    const offset = i / (count - 1);
    const value = 1 + 4 * offset;
    return { offset, value, colour: riskColour(value, palette) };
  });
}
