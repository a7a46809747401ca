import type { Axis, Dimension } from '../domain/taxonomy';
import type { DimensionScore } from './score';

/**
 * Heat, its band, likelihood and impact (SPEC section 6): weighted means of a model's
 * dimension scores.
 *
 * Floating point: a weighted mean of whole scores lands a hair off the true value
 * (weights 0.1 and 0.7 on two 3s give 2.9999999999999996, not 3), and a hair is enough to
 * drop a model into the wrong tier or swap two rows. Every mean is therefore rounded to
 * HEAT_DECIMALS decimals before anyone sees it, and tierOf, the ranking and the matrix
 * round again whatever they are handed, so the app, the CLI's SVG and the PDF compare the
 * same numbers. Nine decimals is far below what any weight a person types can separate and
 * far above the ~1e-15 error of the sums.
 */
export const HEAT_DECIMALS = 9;

const SCALE = 10 ** HEAT_DECIMALS;

/** The canonical form of a heat-like value; idempotent, monotone. */
export function roundHeat(value: number): number {
  return Math.round(value * SCALE) / SCALE;
}

export interface Band {
  lo: number;
  hi: number;
}

export interface ModelHeat {
  /** null when no scored dimension has a positive weight ("unscored"). */
  heat: number | null;
  band: Band | null;
  likelihood: number | null;
  impact: number | null;
  /** How many dimensions entered the heat: scored and with a positive weight. */
  scoredDimensions: number;
}

/** Scores by dimension key; a dimension without an entry is not scored yet. */
export type ScoresByKey = Readonly<Record<string, DimensionScore | undefined>>;

type Weighted = { weight: number; score: DimensionScore };

function weightedMean(entries: readonly Weighted[], pick: (s: DimensionScore) => number): number | null {
  let sumW = 0;
  let sumWs = 0;
  for (const { weight, score } of entries) {
    sumW += weight;
    sumWs += weight * pick(score);
  }
  return sumW > 0 ? roundHeat(sumWs / sumW) : null;
}

/**
 * Heat H = sum(w*s) / sum(w) over the scored dimensions of the taxonomy; the band is the
 * same mean of the band ends, so it always contains H. A weight of 0 takes a dimension
 * out; weights are expected to have passed checkTaxonomy, and a negative one is left out
 * too rather than allowed to push sum(w) to zero. Scores under keys the taxonomy does not
 * list are ignored: the taxonomy decides what counts.
 */
export function heatOf(dimensions: readonly Pick<Dimension, 'key' | 'axis' | 'weight'>[], scores: ScoresByKey): ModelHeat {
  const counted: (Weighted & { axis: Axis })[] = [];
  for (const d of dimensions) {
    const score = Object.hasOwn(scores, d.key) ? scores[d.key] : undefined;
    if (score !== undefined && d.weight > 0) counted.push({ weight: d.weight, score, axis: d.axis });
  }
  const heat = weightedMean(counted, (s) => s.value);
  const lo = weightedMean(counted, (s) => s.lo);
  const hi = weightedMean(counted, (s) => s.hi);
  return {
    heat,
    band: lo === null || hi === null ? null : { lo, hi },
    likelihood: weightedMean(counted.filter((c) => c.axis === 'likelihood'), (s) => s.value),
    impact: weightedMean(counted.filter((c) => c.axis === 'impact'), (s) => s.value),
    scoredDimensions: counted.length,
  };
}
