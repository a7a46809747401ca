import { describe, expect, it } from 'vitest';
import { firstBadUtf8Byte, lineAndColumn, notUtf8Sentence } from '../../../electron/services/bundles/utf8Position';

describe('where a file stops being UTF-8', () => {
  it('finds the first bad byte as TextDecoder does, for every two-byte tail after valid text', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    for (let a = 0; a < 256; a += 1) {
      for (let b = 0; b < 256; b += 3) {
        const bytes = Uint8Array.from([0x61, 0xc3, 0xa9, a, b, 0x62, 0x63]);
        let valid = true;
        try {
          fatal.decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstBadUtf8Byte(bytes) < 0, `${a} ${b}`).toBe(valid);
      }
    }
  });

  it('names the line and column (in characters) of a Latin-1 é in the third line', () => {
    const text = Buffer.concat([Buffer.from('y_true,y_score,city\n1,0.5,Zürich\n0,0.2,Montr'), Buffer.from([0xe9]), Buffer.from('al\n')]);
    const at = firstBadUtf8Byte(text);
    expect(lineAndColumn(text, at)).toEqual({ line: 3, column: 12 });
    expect(notUtf8Sentence('predictions.csv', text)).toBe(
      'predictions.csv is not valid UTF-8: line 3, column 12 holds the byte 0xE9 (text saved as Latin-1 or Windows-1252 looks like this). Save it as UTF-8.',
    );
  });

  it('a sequence cut by the end of the file is bad at its lead byte', () => {
    expect(firstBadUtf8Byte(Uint8Array.from([0x61, 0xe2, 0x82]))).toBe(1);
    expect(firstBadUtf8Byte(Uint8Array.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstBadUtf8Byte(Buffer.from('plain ascii, é and 😀'))).toBe(-1);
  });
});
