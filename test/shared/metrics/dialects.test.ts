import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDialect, DIALECTS, familyScope, type Dialect, type DialectScope, type Params } from '../../../shared/dialects/registry';
import { BinarySegment, confusionsOf, gather, RegressionSegment, splitByGroup } from '../../../shared/dialects/segments';
import { binaryMetrics, featureDrift, type GroupLabels } from '../../../shared/metrics';
import { binaryCase, driftCases, regressionCase, type BinaryCase, type RegressionCase } from './datasets';
import { findPython, jobFolder, jobManifest, removeJobFolders, runReference, type Job } from './pythonReference';

/**
 * Every entry of the dialect registry against the library it names, run by
 * dialectReference.py on the same data, to 1e-9 (relative above 1: a percentage error
 * divided by float64 eps reaches 1e13): scikit-learn 1.2 (log_loss with its own
 * default clip and with 1.1's eps = 1e-15, predict()'s tie at 0.5, zero_division), MLflow's
 * names through the scikit-learn functions it calls, Fairlearn's and Evidently's
 * definitions transcribed from their source into numpy/scipy.
 */

const TOLERANCE = 1e-9;
const SCRIPT = path.join(__dirname, 'dialectReference.py');

type Values = Record<string, number | null>;
interface Reference {
  binary: { overall: Values; groups: Record<string, Record<string, Values>>; fairness: Record<string, Values> }[];
  regression: { overall: Values; groups: Record<string, Record<string, Values>> }[];
  drift: Values[];
}

/** "id" or "id|param=value": a dialect and the parameters it is computed with. */
function keyed(key: string): { dialect: Dialect; params: Params } {
  const [id, variant] = key.split('|');
  const dialect = DIALECTS.find((d) => d.id === id);
  if (!dialect) throw new Error(`the reference names ${id}, which the registry lacks`);
  if (!variant) return { dialect, params: dialect.params };
  const [param, raw] = variant.split('=') as [string, string];
  const value = raw === 'false' ? false : raw === 'true' ? true : Number.isNaN(Number(raw)) ? raw : Number(raw);
  return { dialect, params: { ...dialect.params, [param]: value } };
}

class Comparison {
  readonly problems: string[] = [];
  readonly covered = new Set<string>();
  compared = 0;

  values(where: string, theirs: Values, ours: (dialect: Dialect, params: Params) => number | null): void {
    for (const [key, expected] of Object.entries(theirs)) {
      const { dialect, params } = keyed(key);
      this.covered.add(dialect.id);
      const actual = ours(dialect, params);
      this.compared += 1;
      const agree = expected === null ? actual === null : actual !== null && Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(expected));
      if (!agree) this.problems.push(`${where} ${key}: ours ${actual}, reference ${expected}`);
    }
  }
}

function cases(): Job {
  const binary: BinaryCase[] = [
    binaryCase('coarse scores, many exactly 0.5 at the threshold 0.5', 400, 61, 'coarse'),
    binaryCase('exact 0 and 1 scores', 500, 62, 'extremes'),
    binaryCase('continuous', 300, 63, 'continuous', { threshold: 0.4 }),
    binaryCase('ties at the threshold 0.25', 200, 64, 'coarse', { threshold: 0.25 }),
    binaryCase('all negatives', 50, 65, 'ties', { labels: 'negative' }),
    binaryCase('all positives', 50, 66, 'ties', { labels: 'positive' }),
    binaryCase('three rows', 3, 67, 'coarse'),
  ];
  const regression: RegressionCase[] = [regressionCase('hundred', 100, 71), regressionCase('two thousand', 2000, 72)];
  return { binary, regression, drift: driftCases(73) };
}

let prepared: { job: Job; reference: Reference } | Error = new Error('the reference was not prepared');

beforeAll(() => {
  try {
    const python = findPython();
    const job = cases();
    const folder = jobFolder();
    prepared = { job, reference: runReference<Reference>(python, SCRIPT, folder, jobManifest(folder, job)) };
  } catch (e) {
    prepared = e instanceof Error ? e : new Error(String(e));
  }
});

afterAll(removeJobFolders);

function ready(): { job: Job; reference: Reference } {
  if (prepared instanceof Error) throw prepared;
  return prepared;
}

function dialectsOf(scope: DialectScope): string[] {
  return DIALECTS.filter((d) => familyScope(d) === scope).map((d) => d.id);
}

/** A segment counted from its rows, as a claim's check builds one alone, or started from our metrics and confusion counts, as validate builds it. */
const SEGMENTS: [string, (yTrue: Float64Array | Uint8Array, yScore: Float64Array, threshold: number) => BinarySegment][] = [
  ['counted from the rows', (yTrue, yScore, threshold) => new BinarySegment(yTrue, yScore, threshold)],
  [
    'started from our metrics and confusion counts',
    (yTrue, yScore, threshold) => {
      const ours = binaryMetrics(yTrue, yScore, threshold);
      return new BinarySegment(yTrue, yScore, threshold, ours.metrics, confusionsOf(ours));
    },
  ],
];

describe('dialects agree with the libraries they name, to 1e-9', () => {
  it.each(SEGMENTS)('binary classification, overall and per group (scores 0, 1 and 0.5 included), segments %s', (_, segment) => {
    const { job, reference } = ready();
    const check = new Comparison();
    job.binary.forEach((c, i) => {
      const theirs = reference.binary[i];
      if (!theirs) throw new Error(`no reference for ${c.name}`);
      const overall = segment(c.yTrue, c.yScore, c.threshold);
      check.values(`${c.name} overall`, theirs.overall, (d, p) => computeDialect(d, p, overall));
      for (const [attr, labels] of Object.entries(c.groups)) {
        const groups = splitByGroup(labels, (rows) => segment(gather(c.yTrue, rows), gather(c.yScore, rows), c.threshold));
        for (const [value, values] of Object.entries(theirs.groups[attr] ?? {})) {
          const segment = groups.get(value);
          if (!segment) throw new Error(`${c.name}: no group ${attr} = ${value}`);
          check.values(`${c.name} ${attr}=${value}`, values, (d, p) => computeDialect(d, p, segment));
        }
      }
    });
    expect(check.problems).toEqual([]);
    expect([...check.covered].sort()).toEqual(dialectsOf('binary').sort());
    expect(check.compared).toBeGreaterThan(1500);
  });

  it('fairness: ours and Fairlearn, with groups lacking positives or negatives', () => {
    const { job, reference } = ready();
    const check = new Comparison();
    job.binary.forEach((c, i) => {
      for (const [attr, values] of Object.entries(reference.binary[i]?.fairness ?? {})) {
        const labels = c.groups[attr] as GroupLabels;
        const groups = splitByGroup(labels, (rows) => new BinarySegment(gather(c.yTrue, rows), gather(c.yScore, rows), c.threshold));
        check.values(`${c.name} ${attr}`, values, (d, p) => computeDialect(d, p, { attribute: attr, groups }));
      }
    });
    expect(check.problems).toEqual([]);
    expect([...check.covered].sort()).toEqual(dialectsOf('fairness').sort());
  });

  it('regression, overall and per group', () => {
    const { job, reference } = ready();
    const check = new Comparison();
    job.regression.forEach((c, i) => {
      const theirs = reference.regression[i];
      if (!theirs) throw new Error(`no reference for ${c.name}`);
      const overall = new RegressionSegment(c.yTrue, c.yPred);
      check.values(`${c.name} overall`, theirs.overall, (d, p) => computeDialect(d, p, overall));
      for (const [attr, labels] of Object.entries(c.groups)) {
        const groups = splitByGroup(labels, (rows) => new RegressionSegment(gather(c.yTrue, rows), gather(c.yPred, rows)));
        for (const [value, values] of Object.entries(theirs.groups[attr] ?? {})) {
          check.values(`${c.name} ${attr}=${value}`, values, (d, p) => computeDialect(d, p, groups.get(value) as RegressionSegment));
        }
      }
    });
    expect(check.problems).toEqual([]);
    expect([...check.covered].sort()).toEqual(dialectsOf('regression').sort());
  });

  it("drift: ours, scipy's KS, Evidently's PSI, Jensen-Shannon and Kullback-Leibler (Sturges bins or one per value) and normed Wasserstein", () => {
    const { job, reference } = ready();
    const check = new Comparison();
    job.drift.forEach((c, i) => {
      const result = featureDrift(c.reference, c.current);
      check.values(c.name, reference.drift[i] ?? {}, (d, p) => computeDialect(d, p, result));
    });
    expect(check.problems).toEqual([]);
    expect([...check.covered].sort()).toEqual(dialectsOf('drift').sort());
  });
});
