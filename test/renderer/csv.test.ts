import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../renderer/src/format/csv';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and leaves plain text and numbers alone', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"'], ['two\nlines', 3.25], [null, 'plain']])).toBe('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",3.25\r\n,plain\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField(-0.5)).toBe('-0.5');
  });
});
