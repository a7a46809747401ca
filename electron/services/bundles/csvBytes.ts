import { isUtf8 } from 'node:buffer';

/**
 * Rows of a CSV split straight from its bytes, for the rows machine-written files nearly
 * always hold: no quotes, LF or CRLF line ends. Such rows read the same under RFC 4180 as
 * split at commas, so they need no general parser: cells are located by one walk over the
 * bytes, numbers are parsed from the bytes and group values are looked up by their bytes,
 * without a string or an array per row (Papa Parse made ~10 objects a row, and the garbage
 * collector's work was a third of a large read).
 *
 * At the first row holding a quote, or a line end the file's first line does not use, the
 * caller hands the rest of the file to Papa Parse, from that row's start: every row before
 * was quote-free, so that is a row boundary under any reading.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const PLUS = 0x2b;
const MINUS = 0x2d;
const ZERO = 0x30;

/** 10^k for k up to 22, each exact in float64 (10^22 < 2^53 * 2^22 and 5^22 < 2^53). */
const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A plain decimal ([+-]digits[.digits], at most 15 digits, no exponent) from bytes, or NaN
 * when the cell is anything else (the caller then parses its text the general way). Exact:
 * the digits make an integer below 2^53 and 10^k is exact, so one IEEE division gives the
 * correctly rounded value, which is what Number() gives for the same text (Clinger's fast
 * path). The sign is applied last, so "-0" is -0 as Number("-0") is.
 */
export function plainDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  const first = bytes[i];
  if (first === MINUS || first === PLUS) {
    negative = first === MINUS;
    i += 1;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i += 1) {
    const b = bytes[i] as number;
    const d = b - ZERO;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits += 1;
      if (fraction >= 0) fraction += 1;
    } else if (b === DOT && fraction < 0) {
      fraction = 0;
    } else {
      return NaN;
    }
  }
  if (digits === 0 || digits > 15) return NaN;
  const value = fraction > 0 ? mantissa / (POWERS[fraction] as number) : mantissa;
  return negative ? -value : value;
}

/** What the reader does with the header and with each data row: cell k is bytes[starts[k], ends[k]); `ascii` when the row has no byte above 0x7F. */
export interface RowSink {
  header(fields: string[]): void;
  row(bytes: Buffer, starts: Int32Array, ends: Int32Array, fields: number, ascii: boolean): void;
}

export type LineEnds = 'lf' | 'crlf';

/** Where the fast reading stops: the rest, from a row's start, is for the general parser. */
export interface Handover {
  rest: Buffer;
  lineEnds: LineEnds;
}

export class CsvBytes {
  private carry: Buffer | null = null;
  private lineEnds: LineEnds | null = null;
  private headerSeen = false;
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private firstPiece = true;

  constructor(
    private readonly sink: RowSink,
    private readonly notUtf8: () => never,
  ) {}

  /** Reads the complete rows of `piece` (with what the last piece left); a Handover when the rest needs the general parser. */
  push(piece: Buffer): Handover | null {
    let bytes = this.carry === null ? piece : Buffer.concat([this.carry, piece]);
    this.carry = null;
    if (this.firstPiece) {
      this.firstPiece = false;
      // TextDecoder drops a leading byte-order mark; so does this reader.
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    const lastLf = bytes.lastIndexOf(LF);
    if (lastLf < 0) {
      this.carry = bytes;
      return null;
    }
    const handover = this.rows(bytes, lastLf + 1);
    if (handover) return handover;
    if (lastLf + 1 < bytes.length) this.carry = Buffer.from(bytes.subarray(lastLf + 1));
    return null;
  }

  /** The last line, which has no line end. */
  end(): Handover | null {
    const rest = this.carry;
    this.carry = null;
    if (rest === null || rest.length === 0) return null;
    const withEnd = Buffer.concat([rest, Buffer.from([LF])]);
    const handover = this.rows(withEnd, withEnd.length);
    // A handed-over last line keeps its missing line end, as the general parser would see it.
    return handover ? { rest: handover.rest.subarray(0, handover.rest.length - 1), lineEnds: handover.lineEnds } : null;
  }

  /** Rows of bytes[0, to), which ends just after an LF. */
  private rows(bytes: Buffer, to: number): Handover | null {
    if (!isUtf8(bytes.subarray(0, to))) this.notUtf8();
    const quote = bytes.subarray(0, to).indexOf(QUOTE);
    // Rows before the first quote's row are read here; that row and the rest are handed over.
    const stop = quote < 0 ? to : bytes.lastIndexOf(LF, quote) + 1;
    let rowStart = 0;
    let cell = 0;
    let highBits = 0;
    let starts = this.starts;
    let ends = this.ends;
    for (let i = 0; i < stop; i += 1) {
      const b = bytes[i] as number;
      if (b === COMMA) {
        if (cell < ends.length) {
          ends[cell] = i;
          starts[cell + 1] = i + 1;
        }
        cell += 1;
      } else if (b === LF) {
        let rowEnd = i;
        if (this.lineEnds === null) this.lineEnds = i > rowStart && bytes[i - 1] === CR ? 'crlf' : 'lf';
        if (this.lineEnds === 'crlf') {
          if (bytes[i - 1] !== CR || i === rowStart) return { rest: bytes.subarray(rowStart), lineEnds: 'crlf' };
          rowEnd = i - 1;
        }
        if (rowEnd > rowStart) {
          if (!this.headerSeen) {
            this.headerSeen = true;
            const fields = bytes.toString('utf8', rowStart, rowEnd).split(',');
            this.sink.header(fields);
            starts = this.starts = new Int32Array(fields.length);
            ends = this.ends = new Int32Array(fields.length);
          } else {
            if (cell < ends.length) ends[cell] = rowEnd;
            starts[0] = rowStart;
            this.sink.row(bytes, starts, ends, cell + 1, (highBits & 0x80) === 0);
          }
        }
        rowStart = i + 1;
        cell = 0;
        highBits = 0;
        if (starts.length > 0) starts[0] = rowStart;
      } else {
        highBits |= b;
      }
    }
    if (stop < to) return { rest: bytes.subarray(stop), lineEnds: this.lineEnds ?? 'lf' };
    return null;
  }
}
