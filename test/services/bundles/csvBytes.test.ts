import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTable, type ColumnSpec, type TableColumns } from '../../../electron/services/bundles/tableReader';
import { parseFiniteDecimal } from '../../../shared/metrics/cells';
import { sampleShape } from '../../helpers/featureSamples';

/**
 * Quote-free rows are split from the bytes; rows from the first quote on go to Papa Parse.
 * Both must read every file to the very same columns, bit for bit, and refuse the same
 * rows with the same sentences: these tests read each file both ways (a quoted header
 * sends the whole file to Papa Parse) and compare.
 */

const SPECS: ColumnSpec[] = [
  { kind: 'number', name: 'y_true' },
  { kind: 'number', name: 'y_score' },
  { kind: 'label', name: 'sex' },
  { kind: 'feature', name: 'note' },
];

function bits(values: Float64Array): string[] {
  return Array.from(values, (v) => (Object.is(v, -0) ? '-0' : String(v)));
}

function shape(t: TableColumns) {
  const labels = [...t.labels].map(([name, l]) => [name, l.values, Array.from(l.codes, (c) => l.values[c])]);
  return { header: t.header, rows: t.rows, numbers: [...t.numbers].map(([name, v]) => [name, bits(v)]), labels, features: [...t.features].map(([name, f]) => [name, sampleShape(f)]) };
}

async function outcome(csv: string): Promise<unknown> {
  return readTable('p.csv', Buffer.from(csv), SPECS).then(shape, (err: Error) => ({ refused: err.message }));
}

/** The file streamed in pieces of `piece` bytes, each a buffer of its own, as a bundle's source gives them. */
async function streamedOutcome(csv: string, piece: number): Promise<unknown> {
  const bytes = Buffer.from(csv);
  const input = {
    size: bytes.length,
    async *pieces() {
      for (let at = 0; at < bytes.length; at += piece) yield Buffer.from(bytes.subarray(at, at + piece));
    },
  };
  return readTable('p.csv', input, SPECS).then(shape, (err: Error) => ({ refused: err.message }));
}

/** The same file with its header's first name quoted: Papa Parse reads all of it, and "y_true" is y_true. */
function viaPapa(csv: string): string {
  return csv.replace(/^(\uFEFF?)y_true/, '$1"y_true"');
}

const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.constantFrom('0', '1', '-0', '+.5', '5.', '.', '-', '00012.50', '1e-3', '0x1f', 'true', 'False', '12345678901234567', '0.1234567890123', ' 1', ''),
  fc.stringMatching(/^[+-]?\d{0,9}(\.\d{0,9})?$/),
);
const group = fc.constantFrom('F', 'M', 'é', 'x'.repeat(7), '', 'Ü-50', 'abcdef');
// No lone CR: in a file that has one, Papa Parse guesses the line end by a vote over the first megabyte, and a tiny file can vote for CR.
const note = fc.stringMatching(/^[a-z0-9 é]{0,12}$/);

describe('the byte reader and Papa Parse read alike', () => {
  it('every quote-free file reads to the same columns or the same refusal, LF and CRLF, with and without a last line end or a BOM', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(number, number, group, note), { minLength: 0, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        async (rows, eol, lastEnd, bom, blankLine) => {
          const lines = ['y_true,y_score,sex,note', ...rows.map((r) => r.join(','))];
          if (blankLine && lines.length > 2) lines.splice(2, 0, '');
          const csv = `${bom ? '\uFEFF' : ''}${lines.join(eol)}${lastEnd ? eol : ''}`;
          expect(await outcome(csv)).toEqual(await outcome(viaPapa(csv)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a file streamed in pieces reads as it reads whole, wherever the pieces cut its rows, a quote or a CRLF', async () => {
    const quoted = fc.constantFrom('1,0.5,"M, or F",q', '0,"0.25",F,q', '1,0.5,F,"a ""b"""');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 20, arbitrary: fc.tuple(number, number, group, note).map((r) => r.join(',')) }, { weight: 1, arbitrary: quoted }), { minLength: 0, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        // From one byte a piece: a byte-order mark split over the first pieces is dropped too.
        fc.integer({ min: 1, max: 60 }),
        async (rows, eol, lastEnd, bom, piece) => {
          const csv = `${bom ? '\uFEFF' : ''}${['y_true,y_score,sex,note', ...rows].join(eol)}${lastEnd ? eol : ''}`;
          expect(await streamedOutcome(csv, piece)).toEqual(await outcome(viaPapa(csv)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a quote deep in a large file hands the rest to Papa Parse at that row, with the same result as Papa Parse throughout', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => `${i % 2},${(i % 997) / 997},${i % 3 ? 'F' : 'M'},n${i}`);
    rows[90_000] = '1,0.25,"M, or F",quoted';
    for (const eol of ['\n', '\r\n']) {
      const csv = `y_true,y_score,sex,note${eol}${rows.join(eol)}${eol}`;
      const fast = await outcome(csv);
      expect(fast).toEqual(await outcome(viaPapa(csv)));
      expect((fast as { rows: number }).rows).toBe(120_000);
    }
  });

  it('every number cell of a quote-free file reads to the number its text gives, bit for bit, in every column place and line end', async () => {
    const texts = fc.oneof(number, fc.stringMatching(/^[+-]?\d{0,16}\.?\d{0,16}$/)).filter((t) => parseFiniteDecimal(t) !== null);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(texts, texts), { minLength: 1, maxLength: 40 }), fc.constantFrom('\n', '\r\n'), async (rows, eol) => {
        const csv = `a,b,c${eol}${rows.map(([a, b]) => `${a},x,${b}`).join(eol)}${eol}`;
        const specs: ColumnSpec[] = [
          { kind: 'number', name: 'a' },
          { kind: 'number', name: 'c' },
        ];
        const table = await readTable('n.csv', Buffer.from(csv), specs);
        expect(bits(table.numbers.get('a') as Float64Array)).toEqual(rows.map(([a]) => bits(Float64Array.of(parseFiniteDecimal(a) as number))[0]));
        expect(bits(table.numbers.get('c') as Float64Array)).toEqual(rows.map(([, c]) => bits(Float64Array.of(parseFiniteDecimal(c) as number))[0]));
      }),
      { numRuns: 500 },
    );
  });
});
