import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateBinary, evaluateRegression, featureDrift, type GroupLabels } from '../../../shared/metrics';
import { findPython, type Job, jobFolder, jobManifest, removeJobFolders, runReference } from './pythonReference';
import { binaryCase, driftCases, regressionCase, seededRandom, type BinaryCase, type RegressionCase } from './datasets';

/**
 * Every metric, overall and per group, against scikit-learn / scipy / numpy run by
 * sklearnReference.py on the same data, to 1e-9 absolute (pythonReference.ts runs it).
 */

const TOLERANCE = 1e-9;
const SCRIPT = path.join(__dirname, 'sklearnReference.py');

interface Reference {
  binary: { overall: Record<string, unknown>; groups: Record<string, Record<string, Record<string, unknown>>>; fairness: Record<string, Record<string, unknown>> }[];
  regression: { overall: Record<string, unknown>; groups: Record<string, Record<string, Record<string, unknown>>> }[];
  drift: Record<string, unknown>[];
}

/** Runs the reference script on a job. */
function reference(python: string, job: Job): Reference {
  const folder = jobFolder();
  return runReference<Reference>(python, SCRIPT, folder, jobManifest(folder, job));
}

/** Collects every disagreement as a readable line, so one failure lists them all. */
class Comparison {
  readonly problems: string[] = [];
  compared = 0;

  value(where: string, ours: unknown, theirs: unknown): void {
    if (theirs === null || ours === null || typeof theirs === 'string') {
      if (ours !== theirs) this.problems.push(`${where}: ours ${JSON.stringify(ours)}, reference ${JSON.stringify(theirs)}`);
      return;
    }
    if (Array.isArray(theirs)) {
      if (!Array.isArray(ours) || ours.length !== theirs.length) {
        this.problems.push(`${where}: ours ${JSON.stringify(ours)}, reference ${JSON.stringify(theirs)}`);
        return;
      }
      theirs.forEach((t, i) => this.value(`${where}[${i}]`, ours[i], t));
      return;
    }
    this.compared += 1;
    if (typeof ours !== 'number' || !(Math.abs(ours - (theirs as number)) <= TOLERANCE)) {
      this.problems.push(`${where}: ours ${String(ours)}, reference ${String(theirs)}, off by ${typeof ours === 'number' ? Math.abs(ours - (theirs as number)) : 'n/a'}`);
    }
  }

  set(where: string, ours: Readonly<Record<string, unknown>>, theirs: Record<string, unknown>): void {
    const keys = Object.keys(theirs).sort();
    const ourKeys = Object.keys(ours).sort();
    if (JSON.stringify(keys) !== JSON.stringify(ourKeys)) this.problems.push(`${where}: ours has keys ${ourKeys.join(',')}, reference ${keys.join(',')}`);
    for (const key of keys) this.value(`${where}.${key}`, ours[key], theirs[key]);
  }

  groups(where: string, ours: Record<string, Record<string, { metrics: Readonly<Record<string, unknown>> }>>, theirs: Record<string, Record<string, Record<string, unknown>>>): void {
    for (const [attr, values] of Object.entries(theirs)) {
      const ourValues = ours[attr] ?? {};
      if (JSON.stringify(Object.keys(ourValues).sort()) !== JSON.stringify(Object.keys(values).sort())) {
        this.problems.push(`${where}.${attr}: ours has groups ${Object.keys(ourValues).join(',')}, reference ${Object.keys(values).join(',')}`);
      }
      for (const [value, set] of Object.entries(values)) this.set(`${where}.${attr}.${value}`, ourValues[value]?.metrics ?? {}, set);
    }
  }
}

function binaryCases(): BinaryCase[] {
  return [
    binaryCase('one row', 1, 11, 'continuous'),
    binaryCase('two rows', 2, 12, 'continuous'),
    binaryCase('three rows with ties', 3, 13, 'coarse'),
    binaryCase('seven rows', 7, 14, 'ties'),
    binaryCase('twenty, threshold on a tie', 20, 15, 'coarse', { threshold: 0.25 }),
    binaryCase('hundred continuous', 100, 16, 'continuous'),
    binaryCase('hundred extremes', 100, 17, 'extremes', { threshold: 0.3 }),
    binaryCase('all negatives', 60, 18, 'ties', { labels: 'negative' }),
    binaryCase('all positives', 60, 19, 'ties', { labels: 'positive' }),
    binaryCase('five hundred ties, threshold 1', 500, 20, 'ties', { threshold: 1 }),
    binaryCase('two thousand extremes, threshold 0', 2000, 21, 'extremes', { threshold: 0 }),
    binaryCase('three thousand coarse', 3000, 22, 'coarse', { threshold: 0.75 }),
    binaryCase('five thousand micro ties', 5000, 23, 'micro_ties', { threshold: 0.42 }),
    binaryCase('five thousand continuous', 5000, 24, 'continuous'),
  ];
}

function regressionCases(): RegressionCase[] {
  return [regressionCase('tiny', 9, 31), regressionCase('hundred', 100, 32), regressionCase('three thousand', 3000, 33), regressionCase('five thousand', 5000, 34)];
}

interface Prepared {
  python: string;
  job: Job;
  reference: Reference;
}

let prepared: Prepared | Error = new Error('the reference was not prepared');

beforeAll(() => {
  try {
    const python = findPython();
    const job = { binary: binaryCases(), regression: regressionCases(), drift: driftCases(41) };
    prepared = { python, job, reference: reference(python, job) };
  } catch (e) {
    prepared = e instanceof Error ? e : new Error(String(e));
  }
});

/** Every test fails, rather than being skipped, when the reference cannot run. */
function ready(): Prepared {
  if (prepared instanceof Error) throw prepared;
  return prepared;
}

afterAll(removeJobFolders);

describe('agreement with scikit-learn, scipy and numpy to 1e-9', () => {
  it('binary classification, overall and per group', () => {
    const results = ready();
    const check = new Comparison();
    results.job.binary.forEach((c, i) => {
      const ours = evaluateBinary(c.yTrue, c.yScore, c.threshold, c.groups);
      const theirs = results.reference.binary[i];
      if (!theirs) throw new Error(`no reference for ${c.name}`);
      check.set(`${c.name} overall`, ours.overall.metrics, theirs.overall);
      check.groups(c.name, ours.groups, theirs.groups);
    });
    expect(check.problems).toEqual([]);
    // Enough comparisons that a silently empty reference cannot pass.
    expect(check.compared).toBeGreaterThan(800);
  });

  it('fairness from the per-group confusion counts', () => {
    const results = ready();
    const check = new Comparison();
    results.job.binary.forEach((c, i) => {
      const ours = evaluateBinary(c.yTrue, c.yScore, c.threshold, c.groups);
      for (const [attr, theirs] of Object.entries(results.reference.binary[i]?.fairness ?? {})) {
        check.set(`${c.name} fairness.${attr}`, ours.fairness[attr]?.metrics ?? {}, theirs);
      }
    });
    expect(check.problems).toEqual([]);
    expect(check.compared).toBeGreaterThan(60);
  });

  it('regression, overall and per group, including constant and single-row groups', () => {
    const results = ready();
    const check = new Comparison();
    results.job.regression.forEach((c, i) => {
      const ours = evaluateRegression(c.yTrue, c.yPred, c.groups);
      const theirs = results.reference.regression[i];
      if (!theirs) throw new Error(`no reference for ${c.name}`);
      check.set(`${c.name} overall`, ours.overall.metrics, theirs.overall);
      check.groups(c.name, ours.groups, theirs.groups);
    });
    expect(check.problems).toEqual([]);
    expect(check.compared).toBeGreaterThan(60);
  });

  it('drift: PSI on numpy deciles or categories, KS as scipy, missing counts, the numeric/categorical call', () => {
    const results = ready();
    const check = new Comparison();
    results.job.drift.forEach((c, i) => {
      const ours = featureDrift(c.reference, c.current);
      const theirs = results.reference.drift[i];
      if (!theirs) throw new Error(`no reference for ${c.name}`);
      check.set(c.name, { ...ours.metrics, kind: ours.kind }, theirs);
    });
    expect(check.problems).toEqual([]);
    expect(check.compared).toBeGreaterThan(40);
  });

  it('a million rows still agree (compensated sums, one sort)', { timeout: 180_000 }, () => {
    const { python } = ready();
    const n = 1_000_000;
    const big = binaryCase('a million rows', n, 51, 'micro_ties');
    const random = seededRandom(52);
    const yTrue = new Float64Array(n);
    const yPred = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      yTrue[i] = (random() - 0.5) * 1e3;
      yPred[i] = (yTrue[i] as number) + (random() - 0.5) * 100;
    }
    const regression: RegressionCase = { name: 'a million regression rows', yTrue, yPred, groups: {} };
    const theirs = reference(python, { binary: [{ ...big, groups: { sex: big.groups.sex as GroupLabels } }], regression: [regression], drift: [] });
    const check = new Comparison();
    const ours = evaluateBinary(big.yTrue, big.yScore, big.threshold, { sex: big.groups.sex as GroupLabels });
    check.set('1M overall', ours.overall.metrics, theirs.binary[0]?.overall ?? {});
    check.groups('1M', ours.groups, theirs.binary[0]?.groups ?? {});
    check.set('1M regression', evaluateRegression(yTrue, yPred).overall.metrics, theirs.regression[0]?.overall ?? {});
    expect(check.problems).toEqual([]);
    expect(check.compared).toBeGreaterThan(40);
  });
});
