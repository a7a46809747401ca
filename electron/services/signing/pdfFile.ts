import zlib from 'node:zlib';
import { isDict, isName, isRef, PdfReader, type PdfDict, type PdfValue } from './pdfSyntax';

/**
 * One revision of a PDF, read through its cross-reference tables (§7.5.4) from the last
 * startxref back along /Prev, so that a later incremental update replaces earlier objects
 * as a reader would see them. Classic xref tables only: pdfkit and the signer write
 * nothing else; a file with cross-reference streams (or a hybrid /XRefStm) is refused with
 * a sentence.
 */
export class PdfFile {
  readonly trailer: PdfDict;
  /** Object number → byte offset; null for an object a newer section marked free. */
  private readonly offsets = new Map<number, number | null>();
  private readonly cache = new Map<number, PdfValue>();

  constructor(readonly bytes: Buffer) {
    const tail = bytes.toString('latin1', Math.max(0, bytes.length - 1024));
    const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!m) throw new Error('no "startxref … %%EOF" at the end of the file');
    let at: number | null = Number(m[1]);
    let trailer: PdfDict | null = null;
    const seen = new Set<number>();
    while (at !== null) {
      if (seen.has(at)) throw new Error(`the cross-reference chain loops at byte ${at}`);
      seen.add(at);
      const section = this.readXref(at);
      trailer ??= section;
      const prev = section.entries.get('Prev');
      at = typeof prev === 'number' ? prev : null;
    }
    this.trailer = trailer as PdfDict;
  }

  private readXref(at: number): PdfDict {
    const r = new PdfReader(this.bytes, at);
    if (r.peekToken() !== 'xref') {
      throw new Error(/^\d+$/.test(r.peekToken()) ? 'the file uses a cross-reference stream, which this reader does not handle' : `no cross-reference table at byte ${at}`);
    }
    r.keyword('xref');
    while (r.peekToken() !== 'trailer') {
      const first = r.value();
      const count = r.value();
      if (typeof first !== 'number' || typeof count !== 'number') throw new Error(`a malformed cross-reference section at byte ${r.pos}`);
      for (let i = 0; i < count; i++) {
        const offset = r.peekToken();
        r.pos += offset.length;
        const gen = r.peekToken();
        r.pos += gen.length;
        const type = r.peekToken();
        r.pos += type.length;
        if (!/^\d{10}$/.test(offset) || (type !== 'n' && type !== 'f')) throw new Error(`a malformed cross-reference entry at byte ${r.pos}`);
        // Newer sections are read first; an object they define, or free, stays so.
        if (!this.offsets.has(first + i)) this.offsets.set(first + i, type === 'n' ? Number(offset) : null);
      }
    }
    r.keyword('trailer');
    const trailer = r.value();
    if (!isDict(trailer)) throw new Error(`the trailer at byte ${r.pos} is not a dictionary`);
    // A hybrid file's stream section can redefine objects that this table leaves alone; a
    // reader that follows it would show what this one does not see.
    if (trailer.entries.has('XRefStm')) throw new Error('the file has a hybrid cross-reference stream (/XRefStm), which this reader does not handle');
    return trailer;
  }

  /** The numbers of the objects this revision defines (object 0, the head of the free list, is never one). */
  objectNumbers(): number[] {
    return [...this.offsets].filter(([num, offset]) => offset !== null && num > 0).map(([num]) => num);
  }

  /** Where object num starts, or null when this revision does not define it. */
  offsetOf(num: number): number | null {
    return this.offsets.get(num) ?? null;
  }

  /** The object with this number, or null when the file does not define it. */
  object(num: number): PdfValue {
    if (this.cache.has(num)) return this.cache.get(num) as PdfValue;
    const offset = this.offsets.get(num);
    if (offset === undefined || offset === null) return null;
    const value = new PdfReader(this.bytes, offset).indirectObject().value;
    this.cache.set(num, value);
    return value;
  }

  resolve(value: PdfValue | undefined): PdfValue {
    return isRef(value) ? this.object(value.num) : (value ?? null);
  }

  dict(value: PdfValue | undefined): PdfDict | null {
    const resolved = this.resolve(value);
    return isDict(resolved) ? resolved : null;
  }

  /** A stream's data, decoded when it is Flate-compressed (the only filter pdfkit uses). */
  stream(ref: PdfValue | undefined): Buffer {
    if (!isRef(ref)) throw new Error('expected a reference to a stream');
    const raw = this.rawStream(ref.num);
    if (raw === null) throw new Error(`object ${ref.num} is not a stream`);
    const dict = this.object(ref.num) as PdfDict;
    const filter = this.resolve(dict.entries.get('Filter'));
    const filters = Array.isArray(filter) ? filter : filter === null ? [] : [filter];
    if (filters.length === 0) return Buffer.from(raw);
    if (filters.length === 1 && isName(filters[0], 'FlateDecode')) return zlib.inflateSync(raw);
    throw new Error(`stream ${ref.num} uses a filter other than FlateDecode`);
  }

  /** A stream object's bytes as stored (not decoded); null when object num is not a stream. */
  rawStream(num: number): Buffer | null {
    const offset = this.offsets.get(num);
    if (offset === undefined || offset === null) throw new Error(`object ${num} is not in the file`);
    const obj = new PdfReader(this.bytes, offset).indirectObject();
    if (obj.streamStart === undefined || !isDict(obj.value)) return null;
    const length = this.resolve(obj.value.entries.get('Length'));
    if (typeof length !== 'number' || obj.streamStart + length > this.bytes.length) throw new Error(`stream ${num} has no valid /Length`);
    return this.bytes.subarray(obj.streamStart, obj.streamStart + length);
  }
}
