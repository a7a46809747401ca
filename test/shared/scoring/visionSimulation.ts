import { hexToLinear, hexToOklab, linearToHex } from '../../../shared/scoring/colourSpace';

/**
 * Dichromat vision for the palette tests: Machado, Oliveira and Fernandes (2009), "A
 * Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6),
 * severity 1.0 matrices, applied in linear RGB. Full dichromacy is the hard case: a palette
 * that holds for it holds for the commoner anomalous trichromacies.
 */
export type Vision = 'typical' | 'protanopia' | 'deuteranopia' | 'tritanopia';

type Row = readonly [number, number, number];

const MACHADO_2009: Record<Exclude<Vision, 'typical'>, readonly [Row, Row, Row]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

export function seenWith(vision: Vision, hex: string): string {
  if (vision === 'typical') return hex;
  const [r, g, b] = hexToLinear(hex);
  const apply = ([x, y, z]: Row) => x * r + y * g + z * b;
  const [toR, toG, toB] = MACHADO_2009[vision];
  return linearToHex([apply(toR), apply(toG), apply(toB)]);
}

/** Euclidean distance in OKLab: about 0.02 is just noticeable side by side. */
export function oklabDistance(a: string, b: string): number {
  const p = hexToOklab(a);
  const q = hexToOklab(b);
  return Math.hypot(p.L - q.L, p.a - q.a, p.b - q.b);
}
