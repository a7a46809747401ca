/**
 * PDF object syntax (ISO 32000-1 §7.2–7.3): enough to read the dictionaries, arrays,
 * strings and stream headers that pdfkit and the signer write. Strings keep their byte
 * span in the file, because the signature check needs to know exactly where /Contents sits.
 */

export interface PdfName {
  kind: 'name';
  name: string;
}

export interface PdfString {
  kind: 'string';
  bytes: Buffer;
  hex: boolean;
  /** Offsets of the opening delimiter and one past the closing one. */
  start: number;
  end: number;
}

export interface PdfRef {
  kind: 'ref';
  num: number;
  gen: number;
}

export interface PdfDict {
  kind: 'dict';
  entries: Map<string, PdfValue>;
}

export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfDict | PdfValue[];

export interface IndirectObject {
  num: number;
  gen: number;
  value: PdfValue;
  /** Where the stream's raw bytes start, when the object is a stream. */
  streamStart?: number;
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));
const isRegular = (byte: number | undefined) => byte !== undefined && !WHITESPACE.has(byte) && !DELIMITERS.has(byte);

const ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c, '(': 0x28, ')': 0x29, '\\': 0x5c };

/** A cursor over the file's bytes that reads one object at a time. */
export class PdfReader {
  constructor(
    private readonly bytes: Buffer,
    public pos = 0,
  ) {}

  private fail(what: string): never {
    throw new Error(`${what} at byte ${this.pos}`);
  }

  skipSpace(): void {
    for (;;) {
      const byte = this.bytes[this.pos];
      if (byte === undefined) return;
      if (WHITESPACE.has(byte)) this.pos++;
      else if (byte === 0x25 /* % */) {
        while (this.pos < this.bytes.length && this.bytes[this.pos] !== 0x0a && this.bytes[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  /** A bare keyword or number token (obj, stream, R, 12, -3.5), without consuming it. */
  peekToken(): string {
    this.skipSpace();
    let end = this.pos;
    while (isRegular(this.bytes[end])) end++;
    return this.bytes.toString('latin1', this.pos, end);
  }

  keyword(expected: string): void {
    if (this.peekToken() !== expected) this.fail(`expected "${expected}"`);
    this.pos += expected.length;
  }

  value(): PdfValue {
    this.skipSpace();
    const byte = this.bytes[this.pos];
    if (byte === undefined) this.fail('unexpected end of file');
    if (byte === 0x2f /* / */) return this.name();
    if (byte === 0x28 /* ( */) return this.literalString();
    if (byte === 0x5b /* [ */) return this.array();
    if (byte === 0x3c /* < */) return this.bytes[this.pos + 1] === 0x3c ? this.dict() : this.hexString();
    const token = this.peekToken();
    if (token === 'true' || token === 'false' || token === 'null') {
      this.pos += token.length;
      return token === 'null' ? null : token === 'true';
    }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) this.fail(`unexpected "${token.slice(0, 20)}"`);
    this.pos += token.length;
    const number = Number(token);
    if (/^\d+$/.test(token)) {
      // "12 0 R" is a reference: look ahead without committing.
      const back = this.pos;
      const gen = this.peekToken();
      if (/^\d+$/.test(gen)) {
        this.pos += gen.length;
        if (this.peekToken() === 'R') {
          this.pos += 1;
          return { kind: 'ref', num: number, gen: Number(gen) };
        }
      }
      this.pos = back;
    }
    return number;
  }

  private name(): PdfName {
    this.pos++;
    let end = this.pos;
    while (isRegular(this.bytes[end])) end++;
    const raw = this.bytes.toString('latin1', this.pos, end);
    this.pos = end;
    return { kind: 'name', name: raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
  }

  private literalString(): PdfString {
    const start = this.pos++;
    const out: number[] = [];
    let depth = 1;
    for (;;) {
      const byte = this.bytes[this.pos++];
      if (byte === undefined) this.fail('unterminated string');
      if (byte === 0x5c /* \ */) {
        const next = this.bytes[this.pos++];
        if (next === undefined) this.fail('unterminated string');
        const escaped = ESCAPES[String.fromCharCode(next)];
        if (escaped !== undefined) out.push(escaped);
        else if (next >= 0x30 && next <= 0x37) {
          let octal = next - 0x30;
          for (let i = 0; i < 2 && (this.bytes[this.pos] ?? 0) >= 0x30 && (this.bytes[this.pos] ?? 0) <= 0x37; i++) octal = octal * 8 + ((this.bytes[this.pos++] as number) - 0x30);
          out.push(octal & 0xff);
        } else if (next === 0x0d) {
          // A backslash before an end of line continues the string on the next line.
          if (this.bytes[this.pos] === 0x0a) this.pos++;
        } else if (next !== 0x0a) out.push(next);
        continue;
      }
      if (byte === 0x28) depth++;
      if (byte === 0x29 && --depth === 0) break;
      out.push(byte);
    }
    return { kind: 'string', bytes: Buffer.from(out), hex: false, start, end: this.pos };
  }

  private hexString(): PdfString {
    const start = this.pos++;
    const close = this.bytes.indexOf(0x3e /* > */, this.pos);
    if (close < 0) this.fail('unterminated hex string');
    const digits = this.bytes.toString('latin1', this.pos, close).replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(digits)) this.fail('a hex string with a character that is not a hex digit');
    this.pos = close + 1;
    return { kind: 'string', bytes: Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex'), hex: true, start, end: this.pos };
  }

  private array(): PdfValue[] {
    this.pos++;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.bytes[this.pos] === 0x5d /* ] */) {
        this.pos++;
        return items;
      }
      items.push(this.value());
    }
  }

  private dict(): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipSpace();
      if (this.bytes[this.pos] === 0x3e && this.bytes[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return { kind: 'dict', entries };
      }
      if (this.bytes[this.pos] !== 0x2f) this.fail('expected a name as a dictionary key');
      const key = this.name().name;
      entries.set(key, this.value());
    }
  }

  /** "12 0 obj <value> [stream ...]": the stream's bytes are not read here, only located. */
  indirectObject(): IndirectObject {
    const num = this.value();
    const gen = this.value();
    if (typeof num !== 'number' || typeof gen !== 'number') this.fail('expected an object number');
    this.keyword('obj');
    const value = this.value();
    if (this.peekToken() !== 'stream') return { num, gen, value };
    this.pos += 'stream'.length;
    // The keyword is followed by CRLF or LF, then the data (§7.3.8.1).
    if (this.bytes[this.pos] === 0x0d) this.pos++;
    if (this.bytes[this.pos] === 0x0a) this.pos++;
    return { num, gen, value, streamStart: this.pos };
  }
}

export function isName(value: PdfValue | undefined, name?: string): value is PdfName {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'name' && (name === undefined || value.name === name);
}

export function isString(value: PdfValue | undefined): value is PdfString {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'string';
}

export function isDict(value: PdfValue | undefined): value is PdfDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'dict';
}

export function isRef(value: PdfValue | undefined): value is PdfRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'ref';
}

/** A text string (§7.9.2.2): UTF-16BE with its byte-order mark, UTF-8 with its mark (PDF 2.0), else PDFDocEncoding, read as Latin-1, which agrees with it on every printable ASCII and Latin-1 letter. */
export function textOf(value: PdfValue | undefined): string | null {
  if (!isString(value)) return null;
  const b = value.bytes;
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  return b.toString('latin1');
}

/** A PDF date (§7.9.4), "D:YYYYMMDDHHmmSSOHH'mm'", as a Date; null when it is not one. */
export function dateOf(value: PdfValue | undefined): Date | null {
  const text = textOf(value);
  const m = text === null ? null : /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(\d{2})?'?)?)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = (Number(oh) * 60 + Number(om)) * 60_000;
  return new Date(sign === '+' ? utc - offset : sign === '-' ? utc + offset : utc);
}
