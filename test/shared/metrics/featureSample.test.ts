import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../../electron/services/bundles/tableReader';
import { MISSING_TOKENS, parseFiniteDecimal } from '../../../shared/metrics/cells';
import { featureSample, isShortestDecimal } from '../../../shared/metrics/featureSample';
import { sampleShape } from '../../helpers/featureSamples';

/*
 * A drift sample is kept as numbers while it can be, with only the texts String() would not
 * give back; the texts it counts when the feature turns out categorical must be the cells'
 * own, to the character, or a category would be split or merged.
 */

/** Texts of the shape the CSV byte reader parses as plain decimals ([+-]digits[.digits], 1 to 15 digits). */
const plainDecimal = fc
  .stringMatching(/^[+-]?\d{0,9}(\.\d{0,9})?$/)
  .filter((t) => {
    const digits = t.replace(/[^0-9]/g, '').length;
    return digits >= 1 && digits <= 15;
  });

/** Cells of every kind a drift column holds: numbers written many ways, missing tokens, words, empties. */
const cell = fc.oneof(
  { weight: 4, arbitrary: plainDecimal },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom('0', '-0', '1.50', '+2', '.5', '5.', '1e3', '0.0000001', '0.000001', '12345678901234567', '007') },
  { weight: 1, arbitrary: fc.constantFrom(...MISSING_TOKENS) },
  { weight: 1, arbitrary: fc.constantFrom('', 'retail', 'é', 'Infinity', 'x1') },
);
const column = (words: boolean, minLength = 0) => fc.array(words ? cell : cell.filter((t) => t === '' || parseFiniteDecimal(t) !== null || MISSING_TOKENS.has(t)), { minLength, maxLength: 60 });

function countsOf(texts: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts];
}

describe('a drift feature sample', () => {
  it('knows a plain decimal whose text String() gives back from its bytes alone', () => {
    fc.assert(
      fc.property(plainDecimal, (text) => {
        expect(isShortestDecimal(Buffer.from(text), 0, text.length)).toBe(String(Number(text)) === text);
      }),
      { numRuns: 3_000 },
    );
    for (const [text, shortest] of [
      ['0.000001', true],
      ['0.0000001', false],
      ['-0', false],
      ['-0.5', true],
      ['100', true],
      ['1.50', false],
      ['+2', false],
      ['.5', false],
      ['5.', false],
      ['007', false],
      ['123456789012345', true],
    ] as const) {
      expect(isShortestDecimal(Buffer.from(text), 0, text.length), text).toBe(shortest);
    }
  });

  it('counts, numeric or categorical, the very texts of its non-empty cells in the order first met; its numbers, empties and tokens are the cells’', () => {
    fc.assert(
      fc.property(fc.boolean().chain((words) => column(words)), (cells) => {
        const sample = featureSample(cells);
        const filled = cells.filter((t) => t !== '');
        expect(sample.rows).toBe(cells.length);
        expect(sample.empty).toBe(cells.length - filled.length);
        expect([...sample.categories()]).toEqual(countsOf(filled));
        const others = filled.filter((t) => parseFiniteDecimal(t) === null && !MISSING_TOKENS.has(t));
        expect(sample.firstOther).toBe(others[0]);
        expect(sample.sawNumber).toBe(filled.some((t) => parseFiniteDecimal(t) !== null));
        if (others.length > 0) {
          expect(sample.numeric).toBeNull();
        } else {
          expect(Array.from(sample.numeric?.numbers() ?? [])).toEqual(filled.map(parseFiniteDecimal).filter((v) => v !== null));
          expect([...(sample.numeric?.tokens ?? [])]).toEqual(countsOf(filled.filter((t) => MISSING_TOKENS.has(t))));
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('reads from a CSV’s bytes, plain decimals parsed as they are walked, to the sample its texts make, and so does Papa Parse', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean().chain((words) => column(words, 1)), async (cells) => {
        const csv = `id,f\n${cells.map((c, i) => `${i},${c}`).join('\n')}\n`;
        const expected = sampleShape(featureSample(cells));
        const fast = await readTable('reference.csv', Buffer.from(csv), [{ kind: 'feature', name: 'f' }]);
        expect(sampleShape(fast.features.get('f'))).toEqual(expected);
        const papa = await readTable('reference.csv', Buffer.from(`"id",f\n${cells.map((c, i) => `${i},${c}`).join('\n')}\n`), [{ kind: 'feature', name: 'f' }]);
        expect(sampleShape(papa.features.get('f'))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
