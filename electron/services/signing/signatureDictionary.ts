import { dateOf, isDict, isName, isString, PdfReader, textOf, type PdfString } from './pdfSyntax';

/** A signature dictionary (ISO 32000-1 §12.8.1, Table 252) as a file carries it. */
export interface SignatureDictionary {
  /** Where its object starts, and its object number. */
  objectAt: number;
  num: number;
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
 * Every signature dictionary in the file, found by its /ByteRange, in the order of the bytes
 * they sign. The search is on the bytes, not through the cross-reference table, so a
 * signature that a later update unhooked from the form is still found and checked, and a
 * file whose table was damaged after signing still shows which bytes were signed and that
 * they changed. A /ByteRange that is text (inside a string or a stream) is passed over; so
 * is one that cannot be read, which the caller then meets as bytes no found signature
 * covers, or as a signature field whose value was not checked. When nothing is found, the
 * first such reading error is thrown, so that a damaged signature is named.
 */
export function signatureDictionaries(pdf: Buffer): SignatureDictionary[] {
  const found = new Map<number, SignatureDictionary>();
  let firstError: Error | null = null;
  for (let at = pdf.indexOf('/ByteRange'); at >= 0; at = pdf.indexOf('/ByteRange', at + 1)) {
    try {
      const sig = signatureAt(pdf, at);
      if (sig && !found.has(sig.objectAt)) found.set(sig.objectAt, sig);
    } catch (err) {
      firstError ??= err as Error;
    }
  }
  if (found.size === 0 && firstError) throw firstError;
  const end = (s: SignatureDictionary) => (s.byteRange[2] as number) + (s.byteRange[3] as number);
  return [...found.values()].sort((x, y) => end(x) - end(y));
}

/** The signature dictionary around the /ByteRange at byte `at`; null when that object has no /ByteRange key (the text was inside it). */
function signatureAt(pdf: Buffer, at: number): SignatureDictionary | null {
  const before = pdf.toString('latin1', Math.max(0, at - 4096), at);
  const headers = [...before.matchAll(/(?:^|[\s>])(\d+\s+\d+\s+obj)\b/g)];
  const header = headers[headers.length - 1];
  if (!header) throw new Error(`the /ByteRange at byte ${at} is not inside an object`);
  const start = Math.max(0, at - 4096) + (header.index ?? 0) + header[0].indexOf(header[1] as string);
  const { num, value } = new PdfReader(pdf, start).indirectObject();
  if (!isDict(value)) throw new Error(`the signature at byte ${start} is not a dictionary`);
  const get = (key: string) => value.entries.get(key);
  const byteRange = get('ByteRange');
  if (byteRange === undefined) return null;
  const contents = get('Contents');
  if (!Array.isArray(byteRange) || byteRange.length !== 4 || !byteRange.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) {
    throw new Error(`the /ByteRange of object ${num} is not four whole numbers`);
  }
  if (!isString(contents)) throw new Error(`the signature in object ${num} has no /Contents string`);
  const subFilter = get('SubFilter');
  return {
    objectAt: start,
    num,
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
