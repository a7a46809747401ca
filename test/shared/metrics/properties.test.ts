import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argsortAscending, binaryMetrics, categoricalPsi, evaluateBinary, ksStatistic, numericDrift, parseFiniteDecimal, sortedCopy } from '../../../shared/metrics';
import { comparisonArgsort, comparisonSortedCopy, ownRoom, radixArgsort, radixSortedCopy, runSortStep, sharedRoom, SMALL_SORT_LIMIT, sortingWithPayload, sortWithPayload } from '../../../shared/metrics/radixSort';
import { sortByScore } from '../../../shared/metrics/binary';
import { valuesPresent } from '../../../shared/metrics/partition';

/** Laws the metrics must obey whatever the data. */

/** Scores on a 1/64 grid: 1 - s and s * s stay exact, so ties are neither made nor broken. */
const gridScore = fc.integer({ min: 0, max: 64 }).map((k) => k / 64);
const rows = fc.array(fc.tuple(fc.constantFrom(0, 1), gridScore), { minLength: 1, maxLength: 80 });
const twoClassRows = rows.filter((r) => r.some(([y]) => y === 1) && r.some(([y]) => y === 0));

function columns(data: [number, number][]): { yTrue: Float64Array; yScore: Float64Array } {
  return { yTrue: Float64Array.from(data, ([y]) => y), yScore: Float64Array.from(data, ([, s]) => s) };
}

describe('sorting', () => {
  const doubles = fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1, 0.5)), { maxLength: 200 });

  it('argsort is a stable ascending sort, -0 tying with 0', () => {
    fc.assert(
      fc.property(doubles, (xs) => {
        const values = Float64Array.from(xs);
        const expected = xs.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
        expect([...argsortAscending(values)]).toEqual(expected);
      }),
    );
  });

  /** Any 64-bit pattern: subnormals, infinities and NaNs of either sign and any payload. */
  const anyBits = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff })).map(([hi, lo]) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(0, hi);
    view.setUint32(4, lo);
    return view.getFloat64(0);
  });
  const awkward = fc.oneof(
    anyBits,
    fc.double(),
    fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072009e-308, Infinity, -Infinity, NaN, 0.5),
  );
  // Drawing from a small pool makes duplicates common, so tie order is exercised.
  const awkwardArrays = fc
    .tuple(fc.array(awkward, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 300 }))
    .map(([pool, picks]) => Float64Array.from(picks, (k) => pool[k % pool.length] as number));
  const bytes = (values: Float64Array): number[] => [...new Uint8Array(values.buffer)];

  it('the comparison sort for small inputs gives exactly the radix order, bit patterns and ties included', () => {
    fc.assert(
      fc.property(awkwardArrays, (values) => {
        expect([...comparisonArgsort(values)]).toEqual([...radixArgsort(values)]);
        expect(bytes(comparisonSortedCopy(values))).toEqual(bytes(radixSortedCopy(values)));
      }),
      { numRuns: 500 },
    );
  });

  it('the public sorts agree with the radix passes on both sides of the size limit', () => {
    for (const n of [SMALL_SORT_LIMIT, SMALL_SORT_LIMIT + 1]) {
      const values = Float64Array.from({ length: n }, (_, i) => [0, -0, 1e-310, -1e-310, 0.25][i % 5] as number * ((i * 7919) % 13));
      expect([...argsortAscending(values)]).toEqual([...radixArgsort(values)]);
      expect(bytes(sortedCopy(values))).toEqual(bytes(radixSortedCopy(values)));
    }
  });

  it('the radix argsort over several fold blocks is the numeric order, -0 tied with +0 and ties in row order', () => {
    // 3 blocks of 4,096 and a few: keys are made a block at a time.
    const pool = [0, -0, 5e-324, -5e-324, 1, -1, Infinity, -Infinity, 0.5, 0.1 + 0.2];
    const values = Float64Array.from({ length: 3 * 4096 + 5 }, (_, i) => pool[(i * 7919) % pool.length] as number);
    const expected = Array.from(values, (_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
    expect([...radixArgsort(values)]).toEqual(expected);
  });

  /** Past the small-sort limit, values drawn from a small pool (so that ties are common), the last one replaced by `last` when given. */
  const pooled = (pool: fc.Arbitrary<number>, last?: fc.Arbitrary<number>) =>
    fc
      .tuple(fc.array(pool, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { minLength: SMALL_SORT_LIMIT + 1, maxLength: SMALL_SORT_LIMIT + 200 }), last ?? fc.constant(null))
      .map(([values, picks, end]) => {
        const out = Float64Array.from(picks, (k) => values[k % values.length] as number);
        if (end !== null) out[out.length - 1] = end;
        return out;
      });
  const billionth = fc.oneof(
    fc.integer({ min: 0, max: 0xffffffff }).map((k) => k / 1e9),
    fc.integer({ min: 0, max: 1_000_000 }).map((k) => k / 1e6),
    fc.constantFrom(0, -0, 1, 0.5, 4.294967295),
  );
  /** What the sort with payload must give: the comparison order, ties in row order, and the values in it bit for bit (-0 as +0). */
  const expectStableSort = (values: Float64Array) => {
    const rowsOf = Uint32Array.from(values, (_, i) => i);
    const { sorted, payload } = sortWithPayload(values, rowsOf);
    expect([...payload]).toEqual([...comparisonArgsort(values)]);
    expect(bytes(sorted)).toEqual(bytes(comparisonSortedCopy(values)));
    // Made in shared memory, for another thread to read where they lie: the same rows.
    const sharedRows = new Uint32Array(sharedRoom(4 * values.length));
    for (let i = 0; i < values.length; i += 1) sharedRows[i] = i;
    const shared = sortWithPayload(values, sharedRows, sharedRoom);
    expect([shared.sorted.buffer, shared.payload.buffer].map((b) => b.constructor)).toEqual([SharedArrayBuffer, SharedArrayBuffer]);
    expect([...shared.payload]).toEqual([...payload]);
    expect(bytes(shared.sorted)).toEqual(bytes(sorted));
  };

  it('scores written with at most nine decimals sort on their billionths to the very order and values of the 64-bit keys', () => {
    fc.assert(fc.property(pooled(billionth), expectStableSort), { numRuns: 40 });
  });

  it('in steps over two or three shares of the rows, each step run twice as a thread that failed midway would leave it, gives the one-share sort', () => {
    fc.assert(
      fc.property(pooled(billionth), fc.integer({ min: 2, max: 3 }), (values, shares) => {
        const one = sortWithPayload(values, Uint32Array.from(values, (_, i) => i));
        const steps = sortingWithPayload(values, Uint32Array.from(values, (_, i) => i), ownRoom, shares);
        let done: boolean[] = [];
        for (let next = steps.next(done); ; next = steps.next(done)) {
          if (next.done) {
            expect([...next.value.payload]).toEqual([...one.payload]);
            expect(bytes(next.value.sorted)).toEqual(bytes(one.sorted));
            break;
          }
          expect(next.value).toHaveLength(shares);
          next.value.forEach(runSortStep);
          done = next.value.map(runSortStep);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('one value that is not a whole billionth, even the last, sends the sort back to the 64-bit keys, with the same result', () => {
    const stranger = fc.constantFrom(0.1234567891, -0.5, 4.294967296, 1e-10, 2 ** -30, 5e-324, -1e-9);
    fc.assert(fc.property(pooled(billionth, stranger), expectStableSort), { numRuns: 40 });
  });

  it('samples written with few decimals, negative ones too, are copied sorted on their decimal scale to the very values of the 64-bit keys; a value that is not such a number sends the sort back to them', () => {
    const decimal = fc.oneof(
      fc.integer({ min: -2_000_000, max: 2_000_000 }).map((k) => k / 1000),
      fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }),
      fc.integer({ min: 0, max: 999_999_999 }).map((k) => k / 1e9),
      fc.constantFrom(0, -0, 0.1, -0.5, 2 ** 31 - 1, -(2 ** 31) + 1),
    );
    const stranger = fc.constantFrom(0.1 + 0.2, 2 ** 31, -(2 ** 31), 1e-10, 5e-324, -1e21, Infinity, -Infinity);
    for (const values of [pooled(decimal), pooled(decimal, stranger)]) {
      fc.assert(
        fc.property(values, (v) => {
          expect(bytes(radixSortedCopy(v))).toEqual(bytes(comparisonSortedCopy(v)));
        }),
        { numRuns: 60 },
      );
    }
  });

  it('sortedCopy equals the built-in numeric sort', () => {
    fc.assert(
      fc.property(doubles, (xs) => {
        const expected = Float64Array.from(xs, (v) => v + 0).sort();
        expect(sortedCopy(Float64Array.from(xs))).toEqual(expected);
      }),
    );
  });
});

describe('classification laws', () => {
  it('AUC lies in [0, 1] and its interval holds it, within [0, 1]', () => {
    fc.assert(
      fc.property(twoClassRows, (data) => {
        const { yTrue, yScore } = columns(data);
        const { roc_auc: auc, roc_auc_ci95: ci } = binaryMetrics(yTrue, yScore, 0.5).metrics;
        expect(auc).not.toBeNull();
        expect(auc as number).toBeGreaterThanOrEqual(0);
        expect(auc as number).toBeLessThanOrEqual(1);
        if (ci !== null) {
          expect(ci[0]).toBeGreaterThanOrEqual(0);
          expect(ci[0]).toBeLessThanOrEqual(auc as number);
          expect(ci[1]).toBeGreaterThanOrEqual(auc as number);
          expect(ci[1]).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('reversed scores give 1 - AUC (ties stay ties, each still one half)', () => {
    fc.assert(
      fc.property(twoClassRows, (data) => {
        const { yTrue, yScore } = columns(data);
        const auc = binaryMetrics(yTrue, yScore, 0.5).metrics.roc_auc as number;
        const reversed = binaryMetrics(yTrue, yScore.map((s) => 1 - s), 0.5).metrics.roc_auc as number;
        expect(reversed).toBeCloseTo(1 - auc, 14);
      }),
    );
  });

  it('AUC, its interval and average precision depend only on the order of the scores', () => {
    fc.assert(
      fc.property(twoClassRows, (data) => {
        const { yTrue, yScore } = columns(data);
        const a = binaryMetrics(yTrue, yScore, 0.5).metrics;
        const b = binaryMetrics(yTrue, yScore.map((s) => s * s), 0.5).metrics;
        expect(b.roc_auc).toBe(a.roc_auc);
        expect(b.roc_auc_ci95).toEqual(a.roc_auc_ci95);
        expect(b.average_precision).toBeCloseTo(a.average_precision as number, 14);
      }),
    );
  });

  it("a group's metrics are those of its rows alone: one sort, partitioned, loses nothing", () => {
    fc.assert(
      fc.property(rows, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 80, maxLength: 80 }), (data, groupOf) => {
        const { yTrue, yScore } = columns(data);
        const codes = Uint32Array.from(data, (_, i) => groupOf[i] as number);
        const values = ['a', 'b', 'c', 'd'];
        const result = evaluateBinary(yTrue, yScore, 0.5, { g: { codes, values } });
        values.forEach((value, code) => {
          const members = data.filter((_, i) => codes[i] === code);
          if (members.length === 0) {
            expect(result.groups.g?.[value]).toBeUndefined();
            return;
          }
          const alone = columns(members);
          expect(result.groups.g?.[value]).toEqual(binaryMetrics(alone.yTrue, alone.yScore, 0.5));
        });
      }),
    );
  });

  it('the confusion counts under each rule are the rows counted: one scored exactly at the threshold is positive at or above it, negative above it', () => {
    fc.assert(
      fc.property(rows, gridScore, (data, threshold) => {
        const { yTrue, yScore } = columns(data);
        const counted = (positive: (s: number) => boolean) => ({
          tp: data.filter(([y, s]) => y === 1 && positive(s)).length,
          fp: data.filter(([y, s]) => y === 0 && positive(s)).length,
          tn: data.filter(([y, s]) => y === 0 && !positive(s)).length,
          fn: data.filter(([y, s]) => y === 1 && !positive(s)).length,
        });
        const result = binaryMetrics(yTrue, yScore, threshold);
        expect(result.confusion).toEqual(counted((s) => s >= threshold));
        expect(result.confusionAbove).toEqual(counted((s) => s > threshold));
      }),
    );
  });

  /** Rows past the small-sort limit, so the radix passes carry each row's label and group codes. */
  function manyRows(n: number, groupCounts: number[]) {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const yTrue = new Uint8Array(n);
    const yScore = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      yTrue[i] = next() < 0.3 ? 1 : 0;
      // Scores on a 1/512 grid: many ties, inside groups too.
      yScore[i] = Math.floor(next() * 513) / 512;
    }
    const attributes = Object.fromEntries(
      groupCounts.map((groups, a) => [`a${a}`, { codes: Uint16Array.from({ length: n }, () => Math.floor(next() * groups)), values: Array.from({ length: groups }, (_, g) => `v${g}`) }]),
    );
    return { yTrue, yScore, attributes };
  }

  it('past the small-sort limit, every group of every attribute is its rows computed alone, whether the sort carries the codes packed or the row order', () => {
    const n = SMALL_SORT_LIMIT + 1904;
    // 1 + 1 + 3 bits fit in a byte, 1 + 2 + 9 in 16 bits, 1 + 2 + 2 x 9 in a word; 1 + 2 + 4 x 9 do not, and the codes are gathered by row.
    for (const groupCounts of [[2, 5], [3, 300], [3, 300, 300], [3, 300, 300, 300, 300]]) {
      const { yTrue, yScore, attributes } = manyRows(n, groupCounts);
      const result = evaluateBinary(yTrue, yScore, 0.5, attributes);
      expect(result.overall).toEqual(binaryMetrics(yTrue, yScore, 0.5));
      for (const [attribute, { codes, values }] of Object.entries(attributes)) {
        values.forEach((value, code) => {
          const rowsOf = [...codes.keys()].filter((i) => codes[i] === code);
          const alone = binaryMetrics(Uint8Array.from(rowsOf, (i) => yTrue[i] as number), Float64Array.from(rowsOf, (i) => yScore[i] as number), 0.5);
          expect(result.groups[attribute]?.[value]).toEqual(alone);
        });
      }
    }
  });
});

describe('groups present', () => {
  it('are the values some row has, in code order, whether every value is met early, late or never', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(), { maxLength: 60 }), (groups, raw) => {
        const codes = Uint8Array.from(raw, (c) => c % groups);
        const values = Array.from({ length: groups }, (_, g) => `v${g}`);
        expect(valuesPresent({ codes, values })).toEqual(values.filter((_, g) => codes.includes(g)));
      }),
    );
  });
});

describe('the sort by score at scale', () => {
  it('carries a label and attributes of 2 and 5 groups in a byte a row that also serves as the labels, every array it gives back in the room it is given', () => {
    const n = SMALL_SORT_LIMIT * 3;
    const yTrue = Uint8Array.from({ length: n }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0);
    const yScore = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 1000);
    const sex = { codes: Uint8Array.from({ length: n }, (_, i) => i % 2), values: ['F', 'M'] };
    const region = { codes: Uint8Array.from({ length: n }, (_, i) => i % 5), values: ['a', 'b', 'c', 'd', 'e'] };
    const { rows, partitions } = sortByScore(yTrue, yScore, [sex, region], sharedRoom);
    for (const p of partitions) expect(p.codes).toBeInstanceOf(Uint8Array);
    // The label is the payload's low bit: no array of its own.
    expect(rows.labels).toBe(partitions[0]?.codes);
    const pairs = (scores: Float64Array, labels: Uint8Array) => Array.from(scores, (s, i) => `${s}:${(labels[i] as number) & 1}`).sort();
    expect(pairs(rows.scores, rows.labels)).toEqual(pairs(yScore, yTrue));
    expect(new Set([rows.scores.buffer, rows.labels.buffer, ...partitions.map((p) => p.codes.buffer)].map((b) => b.constructor))).toEqual(new Set([SharedArrayBuffer]));
    // Codes past 32 bits travel apart, gathered by row: they are made in the room too.
    const wide = { codes: Uint32Array.from({ length: n }, (_, i) => i % 70_000), values: Array.from({ length: 70_000 }, (_, g) => `g${g}`) };
    const apart = sortByScore(yTrue, yScore, [wide, wide], sharedRoom);
    expect(new Set([apart.rows.scores.buffer, apart.rows.labels.buffer, ...apart.partitions.map((p) => p.codes.buffer)].map((b) => b.constructor))).toEqual(new Set([SharedArrayBuffer]));
    expect(pairs(apart.rows.scores, apart.rows.labels)).toEqual(pairs(yScore, yTrue));
  });
});

describe('drift laws', () => {
  const sample = fc.array(fc.integer({ min: -20, max: 20 }).map((k) => k / 4), { minLength: 1, maxLength: 120 });
  const category = fc.constantFrom('a', 'b', 'c', 'd');

  it('PSI is never negative, and zero for a sample against itself', () => {
    fc.assert(
      fc.property(sample, sample, (ref, cur) => {
        expect(numericDrift(Float64Array.from(ref), Float64Array.from(cur)).psi).toBeGreaterThanOrEqual(0);
        expect(numericDrift(Float64Array.from(ref), Float64Array.from(ref)).psi).toBe(0);
      }),
    );
    fc.assert(
      fc.property(fc.array(category, { minLength: 1 }), fc.array(category, { minLength: 1 }), (ref, cur) => {
        expect(categoricalPsi(ref, cur)).toBeGreaterThanOrEqual(0);
        expect(categoricalPsi(ref, ref)).toBe(0);
      }),
    );
  });

  it('KS lies in [0, 1], is symmetric, and is zero for a sample against itself', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const sa = Float64Array.from(a).sort();
        const sb = Float64Array.from(b).sort();
        const d = ksStatistic(sa, sb);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1);
        expect(ksStatistic(sb, sa)).toBe(d);
        expect(ksStatistic(sa, sa)).toBe(0);
      }),
    );
  });

  it('a cell is a number exactly when it is a finite decimal', () => {
    const decimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789+-.eExXbBoO _Iinfty'.split('')), maxLength: 8 }),
      fc.double().map(String),
    );
    fc.assert(
      fc.property(cell, (text) => {
        const expected = decimal.test(text) && Number.isFinite(Number(text)) ? Number(text) : null;
        expect(parseFiniteDecimal(text)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
