import { hexToLinear } from './colourSpace';

export const BLACK = '#000000';
export const WHITE = '#ffffff';

/**
 * WCAG 2.x relative luminance. WCAG's text names 0.03928 as the linear cut-off where sRGB
 * says 0.04045; no 8-bit channel (10/255 = 0.0392, 11/255 = 0.0431) falls between them,
 * so both give the same number for every '#rrggbb'.
 */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = hexToLinear(hex);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker, 1..21. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * Black or white, whichever contrasts more with the fill. The better of the two is never
 * below 4.58: the two ratios 20(L + 0.05) and 1.05 / (L + 0.05) are equal where
 * (L + 0.05)^2 = 0.0525, so every fill gets label text meeting WCAG AA (4.5).
 */
export function textColourOn(fill: string): string {
  return contrastRatio(fill, BLACK) >= contrastRatio(fill, WHITE) ? BLACK : WHITE;
}
