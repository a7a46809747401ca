import { dateOf, isDict, isName, isString, PdfReader, textOf, type PdfString } from './pdfSyntax';

/** The signature dictionary (ISO 32000-1 §12.8.1, Table 252) of the last signature in a file. */
export interface SignatureDictionary {
  byteRange: number[];
  /** The /Contents hex string: its bytes (the CMS, zero-padded) and where it sits. */
  contents: PdfString;
  subFilter: string | null;
  signedAt: Date | null;
  reason: string | null;
  name: string | null;
  location: string | null;
  contactInfo: string | null;
}

/**
 * Finds the last /ByteRange in the file and reads the object around it. The search is on
 * the bytes, not through the cross-reference table, so a file whose table was damaged
 * after signing still shows which bytes were signed and that they changed.
 */
export function lastSignatureDictionary(pdf: Buffer): SignatureDictionary | null {
  const at = pdf.lastIndexOf('/ByteRange');
  if (at < 0) return null;
  const before = pdf.toString('latin1', Math.max(0, at - 4096), at);
  const headers = [...before.matchAll(/(?:^|[\s>])(\d+\s+\d+\s+obj)\b/g)];
  const header = headers[headers.length - 1];
  if (!header) throw new Error('the /ByteRange is not inside an object');
  const start = Math.max(0, at - 4096) + (header.index ?? 0) + header[0].indexOf(header[1] as string);
  const { value } = new PdfReader(pdf, start).indirectObject();
  if (!isDict(value)) throw new Error('the signature is not a dictionary');
  const get = (key: string) => value.entries.get(key);
  const byteRange = get('ByteRange');
  const contents = get('Contents');
  if (!Array.isArray(byteRange) || byteRange.length !== 4 || !byteRange.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) {
    throw new Error('the /ByteRange is not four whole numbers');
  }
  if (!isString(contents)) throw new Error('the signature has no /Contents string');
  const subFilter = get('SubFilter');
  return {
    byteRange: byteRange as number[],
    contents,
    subFilter: isName(subFilter) ? subFilter.name : null,
    signedAt: dateOf(get('M')),
    reason: textOf(get('Reason')),
    name: textOf(get('Name')),
    location: textOf(get('Location')),
    contactInfo: textOf(get('ContactInfo')),
  };
}
