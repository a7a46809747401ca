/**
 * sRGB <-> linear light <-> OKLab, the conversions the colour scale interpolates in.
 * OKLab (Björn Ottosson, "A perceptual color space for image processing", 2020) is used
 * because equal steps in it look like equal steps: green -> orange through plain RGB
 * passes a muddy brown, through OKLab it stays clean.
 */

/** Linear-light sRGB channels, 0..1 when in gamut. */
export type LinearRgb = readonly [number, number, number];

export interface Oklab {
  L: number;
  a: number;
  b: number;
}

const HEX = /^#[0-9a-f]{6}$/i;

export function parseHex(hex: string): [number, number, number] {
  if (!HEX.test(hex)) throw new RangeError(`"${hex}" is not a colour of the form #rrggbb.`);
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** The sRGB transfer function (IEC 61966-2-1), channel 0..1 in, linear light out. */
export function toLinear(channel: number): number {
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}

function fromLinear(linear: number): number {
  return linear <= 0.0031308 ? linear * 12.92 : 1.055 * linear ** (1 / 2.4) - 0.055;
}

export function hexToLinear(hex: string): LinearRgb {
  const [r, g, b] = parseHex(hex);
  return [toLinear(r / 255), toLinear(g / 255), toLinear(b / 255)];
}

/** Out-of-gamut channels are clipped: interpolating in OKLab can step a hair outside sRGB. */
export function linearToHex(rgb: LinearRgb): string {
  return `#${rgb
    .map((c) => Math.round(fromLinear(Math.min(1, Math.max(0, c))) * 255).toString(16).padStart(2, '0'))
    .join('')}`;
}

export function hexToOklab(hex: string): Oklab {
  const [r, g, b] = hexToLinear(hex);
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return {
    L: 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    a: 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    b: 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  };
}

export function oklabToHex({ L, a, b }: Oklab): string {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return linearToHex([
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ]);
}
