import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvLimitScanner } from '../../../electron/services/bundles/csvLimits';

/**
 * The limit scanner must count cells and rows as the parser does (RFC 4180 quotes, escaped
 * quotes, line breaks inside quotes, CRLF) however the bytes are cut into chunks, or it would
 * refuse honest files or name the wrong row.
 */

const limits = { maxCellBytes: 8, maxRowBytes: 20 };

/** Scans `text` cut into pieces at `cuts` (ascending); returns the refusal's message, or null. */
function scanCut(text: string, cuts: number[], under = limits): string | null {
  const bytes = Buffer.from(text);
  const scanner = new CsvLimitScanner('t.csv', under);
  const bounds = [0, ...cuts.filter((c) => c > 0 && c < bytes.length), bytes.length];
  try {
    for (let k = 0; k + 1 < bounds.length; k += 1) scanner.scan(bytes, bounds[k], bounds[k + 1]);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Every way of cutting `text` in two, and in single bytes. */
function everyCut(text: string): (string | null)[] {
  const n = Buffer.byteLength(text);
  const out = Array.from({ length: n + 1 }, (_, c) => scanCut(text, [c]));
  out.push(scanCut(text, Array.from({ length: n }, (_, c) => c)));
  return out;
}

describe('the CSV limit scanner', () => {
  it('passes quoted cells with escaped quotes and line breaks inside, cut anywhere', () => {
    const text = 'a,b\r\n"x""y",2\r\n"p\nq",3\n\n"",4\n';
    expect(new Set(everyCut(text))).toEqual(new Set([null]));
  });

  it('names the row and column of a long cell however the bytes are cut, counting quoted line breaks as inside the row', () => {
    const text = 'a,b\n"p\nq",3\n1,123456789\n';
    expect(new Set(everyCut(text))).toEqual(new Set(['t.csv row 2, column 2: a cell is longer than the limit of 8 bytes.']));
  });

  it('says when a quote is never closed', () => {
    expect(scanCut('a,b\n1,"unclosed and long\n', [])).toBe('t.csv row 1, column 2: a cell is longer than the limit of 8 bytes (or a quote is never closed).');
  });

  it('refuses a long row of short cells, and a header without a line break', () => {
    expect(scanCut('a,b\n1234567,1234567,1234567\n', [])).toBe('t.csv row 1 is longer than the limit of 20 bytes for a row.');
    expect(new CsvLimitScanner('t.csv', limits).headerEnd(Buffer.from('a,b\n1,2\n'))).toBe(4);
    expect(() => new CsvLimitScanner('t.csv', limits).headerEnd(Buffer.from('abcdefghij'))).toThrow('t.csv: the header, column 1: a cell is longer than the limit of 8 bytes.');
  });

  it('skips blank lines when counting rows, as the parser does', () => {
    expect(new Set(everyCut('a,b\n\n\r\n1,2\r\n\r\n3,123456789\n'))).toEqual(new Set(['t.csv row 2, column 2: a cell is longer than the limit of 8 bytes.']));
  });

  it('counts rows, columns and cells alike whether a piece is walked byte by byte or passed whole as plain rows', () => {
    // Whole, the text is longer than the cell limit, so it is walked; cut into short pieces, most are passed as plain rows.
    // (A row limit met at a cut is named before a cell limit met at the row's end, so rows are left unlimited here.)
    const cellsOnly = { maxCellBytes: 8, maxRowBytes: 10_000 };
    const field = fc.constantFrom('', 'a', '12', '123456789', '"x""y"', '"p\nq"', '"r\r\ns"', '""');
    const row = fc.array(field, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(','));
    const text = fc
      .tuple(fc.array(fc.tuple(row, fc.constantFrom('\n', '\r\n', '\n\n', '\n\r\n')), { maxLength: 12 }), fc.constantFrom('1,123456789\n', '1,2\n', 'x'.repeat(21)))
      .map(([rows, tail]) => `a,b\n${rows.map(([r, end]) => r + end).join('')}${tail}`);
    fc.assert(
      fc.property(text, fc.uniqueArray(fc.nat({ max: 200 }), { maxLength: 30 }), (t, cuts) => {
        expect(scanCut(t, cuts.sort((x, y) => x - y), cellsOnly)).toBe(scanCut(t, [], cellsOnly));
      }),
      { numRuns: 2000 },
    );
  });
});
