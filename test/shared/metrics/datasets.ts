import type { FeatureColumn, GroupLabels } from '../../../shared/metrics';

/**
 * Seeded random datasets for the reference comparison: ties, exact 0 and 1 scores, tiny
 * and one-class groups, constant targets, duplicate decile edges, missing cells.
 */

/** xorshift32: deterministic, never 0, values in (0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

export type ScoreShape = 'continuous' | 'ties' | 'coarse' | 'extremes' | 'micro_ties';

export interface BinaryCase {
  name: string;
  yTrue: Float64Array;
  yScore: Float64Array;
  threshold: number;
  groups: Record<string, GroupLabels>;
}

export interface RegressionCase {
  name: string;
  yTrue: Float64Array;
  yPred: Float64Array;
  groups: Record<string, GroupLabels>;
}

export interface DriftCase {
  name: string;
  reference: FeatureColumn;
  current: FeatureColumn;
}

function score(shape: ScoreShape, random: () => number): number {
  const u = random();
  switch (shape) {
    case 'continuous':
      return u;
    case 'ties':
      return Math.round(u * 20) / 20;
    case 'micro_ties':
      return Math.round(u * 1e4) / 1e4;
    case 'coarse':
      return [0, 0.25, 0.5, 0.75, 1][Math.floor(u * 5)] as number;
    case 'extremes':
      return u < 0.2 ? 0 : u < 0.4 ? 1 : random();
  }
}

const SEGMENTS = ['A', 'B', 'C', 'tiny', 'negatives_only', 'positives_only', 'single'];

/** Segment codes: row 0 alone in "single", rows 1-2 in "tiny", the rest spread with two one-class groups. */
function segmentCode(row: number, random: () => number): number {
  if (row === 0) return 6;
  if (row <= 2) return 3;
  const u = random();
  return u < 0.4 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2 : u < 0.95 ? 4 : 5;
}

export function binaryCase(name: string, n: number, seed: number, shape: ScoreShape, options: { threshold?: number; labels?: 'informative' | 'negative' | 'positive' } = {}): BinaryCase {
  const random = seededRandom(seed);
  const yTrue = new Float64Array(n);
  const yScore = new Float64Array(n);
  const segment = new Uint32Array(n);
  const sex = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) {
    const s = score(shape, random);
    yScore[i] = s;
    segment[i] = segmentCode(i, random);
    sex[i] = random() < 0.5 ? 0 : 1;
    const labels = options.labels ?? 'informative';
    let y = labels === 'positive' ? 1 : labels === 'negative' ? 0 : random() < 0.1 + 0.8 * s ? 1 : 0;
    if (segment[i] === 4) y = 0;
    if (segment[i] === 5 && labels !== 'negative') y = 1;
    yTrue[i] = y;
  }
  return {
    name,
    yTrue,
    yScore,
    threshold: options.threshold ?? 0.5,
    // "X" never occurs: a listed value without rows must not appear in the results.
    groups: { segment: { codes: segment, values: SEGMENTS }, sex: { codes: sex, values: ['F', 'M', 'X'] } },
  };
}

export function regressionCase(name: string, n: number, seed: number): RegressionCase {
  const random = seededRandom(seed);
  const yTrue = new Float64Array(n);
  const yPred = new Float64Array(n);
  const site = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) {
    const code = i === 0 ? 4 : i < 4 ? 2 : i < 7 ? 3 : random() < 0.5 ? 0 : 1;
    site[i] = code;
    if (code === 2) {
      yTrue[i] = 2.5;
      yPred[i] = 2.5;
    } else if (code === 3) {
      yTrue[i] = -4;
      yPred[i] = -4 + (random() - 0.5);
    } else {
      const y = Math.round((random() * 200 - 50) * 4) / 4;
      yTrue[i] = y;
      yPred[i] = y + (random() - 0.5) * 30;
    }
  }
  return { name, yTrue, yPred, groups: { site: { codes: site, values: ['north', 'south', 'constant_perfect', 'constant_missed', 'single'] } } };
}

function column(n: number, random: () => number, cell: (u: number, i: number) => string | null): (string | null)[] {
  return Array.from({ length: n }, (_, i) => cell(random(), i));
}

/**
 * A reference whose decile falls between two values where numpy's two interpolation
 * formulas (from below for a fraction under one half, from above otherwise) differ by an
 * ulp, and a current sample holding both candidates: only the formula numpy uses puts
 * each of them in numpy's bin.
 */
function interpolatedEdgeCase(random: () => number): DriftCase {
  for (;;) {
    const reference = Array.from({ length: 7 }, () => Math.round(random() * 1000) / 7).sort((a, b) => a - b);
    for (let k = 1; k <= 9; k += 1) {
      const position = (reference.length - 1) * (k / 10);
      const below = Math.floor(position);
      const t = position - below;
      const a = reference[below] as number;
      const b = reference[below + 1] as number;
      const fromAbove = b - (b - a) * (1 - t);
      const fromBelow = a + (b - a) * t;
      if (t >= 0.5 && fromAbove !== fromBelow) {
        return { name: 'values an ulp around an interpolated edge', reference: reference.map(String), current: [String(fromAbove), String(fromBelow), String(a), String(b)] };
      }
    }
  }
}

export function driftCases(seed: number): DriftCase[] {
  const random = seededRandom(seed);
  const cases: DriftCase[] = [];
  const add = (name: string, reference: FeatureColumn, current: FeatureColumn): void => {
    cases.push({ name, reference, current });
  };
  add('continuous shifted', column(1000, random, (u) => String(u * 10)), column(1200, random, (u) => String(u * 10 + 1.5)));
  add('mostly zeros: duplicate edges', column(800, random, (u) => (u < 0.6 ? '0' : String(Math.floor(u * 10)))), column(900, random, (u) => String(Math.floor(u * 12))));
  add('integers on the edges', column(101, random, (_, i) => String(i % 11)), column(150, random, (u) => String(Math.floor(u * 11))));
  add('with missing cells', column(500, random, (u) => (u < 0.1 ? null : u < 0.15 ? '' : String(u - 0.5))), column(400, random, (u) => (u < 0.3 ? null : String(u))));
  add('one reference value', ['3.5'], ['1', '3.5', '7']);
  add('two values each', ['1', '2'], ['2', '2']);
  add('decimal spellings', ['1e-3', '-2.5E+2', '.5', '5.', '+3', '-0', '0', '12'], ['0.001', '-250', '0.5', '5', '3', '0', '7e1', '12.0']);
  const same = column(300, random, (u) => String(Math.round(u * 50)));
  add('identical samples', same, same);
  add('categorical with one-sided categories', column(600, random, (u) => ['red', 'green', 'blue', 'only_ref'][Math.floor(u * 4)] as string), column(700, random, (u) => ['red', 'green', 'blue', 'only_cur', 'red'][Math.floor(u * 5)] as string));
  add('numbers with a text cell are categorical', ['1', '2', '2', 'n/a', '3'], ['2', '3', '3', '4']);
  add('hex is not a number', ['0x10', '16', '16'], ['16', '0x10']);
  add('current all empty', ['1', '2', '3'], [null, '', null]);
  add('reference all empty, categorical current', [null, null], ['a', 'b']);
  add('large with ties and negatives', column(5000, random, (u) => String(Math.round((u - 0.4) * 400) / 4)), column(5000, random, (u) => (u < 0.02 ? null : String(Math.round((u * u - 0.3) * 400) / 4))));
  cases.push(interpolatedEdgeCase(random));
  return cases;
}
