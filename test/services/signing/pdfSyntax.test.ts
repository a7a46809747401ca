import { describe, expect, it } from 'vitest';
import { embeddedFiles } from '../../../electron/services/signing/embeddedFiles';
import { dateOf, isDict, PdfReader, textOf, type PdfValue } from '../../../electron/services/signing/pdfSyntax';
import { decisionRecord, unsignedPacket } from '../../helpers/packetPdfs';

const read = (text: string): PdfValue => new PdfReader(Buffer.from(text, 'latin1')).value();
const bytesOf = (text: string) => {
  const v = read(text);
  return typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'string' ? v.bytes.toString('latin1') : null;
};

describe('PDF object syntax, with the examples of ISO 32000-1 §7.3', () => {
  it('literal strings: balanced parentheses, escapes, octal codes and continued lines', () => {
    expect(bytesOf('(Strings may contain balanced parentheses ( ) and special characters (*!&}^% and so on).)')).toBe('Strings may contain balanced parentheses ( ) and special characters (*!&}^% and so on).');
    expect(bytesOf('(This string contains \\245two octal characters\\307.)')).toBe('This string contains \xa5two octal characters\xc7.');
    expect(bytesOf('(These \\\ntwo strings \\(are\\) the same.)')).toBe('These two strings (are) the same.');
    expect(bytesOf('(\\0053)')).toBe('\x053');
  });

  it('hex strings, with a final odd digit read as followed by 0', () => {
    expect(bytesOf('<901FA3>')).toBe('\x90\x1f\xa3');
    expect(bytesOf('<90 1F A>')).toBe('\x90\x1f\xa0');
  });

  it('names with #-escapes, numbers, references, arrays and dictionaries', () => {
    expect(read('/A#42#20C')).toEqual({ kind: 'name', name: 'AB C' });
    const dict = read('<< /Type /Sig /ByteRange [0 10 20 30] /V 12 0 R /Rect [-1.5 .5 +3 4.] /F true /P null >>');
    expect(isDict(dict) && Object.fromEntries(dict.entries)).toEqual({
      Type: { kind: 'name', name: 'Sig' },
      ByteRange: [0, 10, 20, 30],
      V: { kind: 'ref', num: 12, gen: 0 },
      Rect: [-1.5, 0.5, 3, 4],
      F: true,
      P: null,
    });
  });

  it('text strings in UTF-16BE with a byte-order mark, and in PDFDocEncoding', () => {
    expect(textOf(read('<FEFF005A006F00EB>'))).toBe('Zoë');
    expect(textOf(read('(Gen\\350ve)'))).toBe('Genève');
  });

  it('dates with a time zone, as §7.9.4 writes them', () => {
    expect(dateOf(read("(D:199812231952-08'00')"))?.toISOString()).toBe('1998-12-24T03:52:00.000Z');
    expect(dateOf(read('(D:20261002143107Z)'))?.toISOString()).toBe('2026-10-02T14:31:07.000Z');
    expect(dateOf(read('(D:2026)'))?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(dateOf(read('(yesterday)'))).toBeNull();
  });
});

describe('embeddedFiles', () => {
  it('returns the attached files of a pdfmake document by name, decompressed', async () => {
    const files = embeddedFiles(await unsignedPacket());
    expect([...files.keys()]).toEqual(['decision-record.json']);
    expect(files.get('decision-record.json')?.equals(decisionRecord())).toBe(true);
  });

  it('returns nothing for a document without attachments', async () => {
    expect(embeddedFiles(await unsignedPacket({ attachRecord: false })).size).toBe(0);
  });
});
