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
/** The UTF-8 byte-order mark. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const DOT = 0x2e;
const PLUS = 0x2b;
const MINUS = 0x2d;
const ZERO = 0x30;

/** 10^k for k up to 22, each exact in float64 (10^22 < 2^53 * 2^22 and 5^22 < 2^53). */
const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A data row's cells: cell k is bytes[starts[k], ends[k]). For a column the sink asked to
 * have parsed, numbers[k] is the cell's plain decimal, or NaN when it is not one.
 */
export interface RowCells {
  starts: Int32Array;
  ends: Int32Array;
  numbers: Float64Array;
}

/** What the reader does with the header and with each data row; `ascii` when the row has no byte above 0x7F. */
export interface RowSink {
  /** Takes the header; returns, per column, whether its cells are parsed as plain decimals while they are walked. */
  header(fields: string[]): Uint8Array;
  row(bytes: Buffer, cells: RowCells, fields: number, ascii: boolean): void;
}

export type LineEnds = 'lf' | 'crlf';

/** Where the fast reading stops: the rest, from a row's start, is for the general parser. */
export interface Handover {
  rest: Buffer;
  lineEnds: LineEnds;
}

/** What a reader that starts in the middle of a file is told of its beginning: the header read and the line end. */
export interface MidFile {
  /** Per column of the header, whether its cells are parsed as plain decimals. */
  numeric: Uint8Array;
  lineEnds: LineEnds;
}

export class CsvBytes {
  private carry: Buffer | null = null;
  private lineEnds: LineEnds | null = null;
  private headerSeen = false;
  private numeric: Uint8Array = new Uint8Array(0);
  private cells: RowCells = { starts: new Int32Array(0), ends: new Int32Array(0), numbers: new Float64Array(0) };
  private firstPiece = true;

  constructor(
    private readonly sink: RowSink,
    private readonly notUtf8: () => never,
    /** Given for a reader of a block of rows past the header: no header, no byte-order mark, the line end known. */
    midFile?: MidFile,
  ) {
    if (midFile) {
      this.headerSeen = true;
      this.firstPiece = false;
      this.lineEnds = midFile.lineEnds;
      this.layOut(midFile.numeric.length, midFile.numeric);
    }
  }

  /** The line end the rows read so far use; null before the first line end. */
  get lineEnd(): LineEnds | null {
    return this.lineEnds;
  }

  /** What the last piece left after its last line end, handed to the caller (which reads on in blocks of whole rows). */
  takeCarry(): Buffer | null {
    const carry = this.carry;
    this.carry = null;
    return carry;
  }

  private layOut(width: number, numeric: Uint8Array): void {
    this.numeric = numeric;
    this.cells = { starts: new Int32Array(width), ends: new Int32Array(width), numbers: new Float64Array(width) };
  }

  /** Reads the complete rows of `piece` (with what the last piece left); a Handover when the rest needs the general parser. */
  push(piece: Buffer): Handover | null {
    let bytes = piece;
    if (this.firstPiece) {
      // TextDecoder drops a leading byte-order mark; so does this reader, when it comes split
      // over the first pieces too (held, as the carry, until its three bytes are in).
      const head = this.carry === null ? piece : Buffer.concat([this.carry, piece]);
      this.carry = null;
      if (head.length < BOM.length && head.equals(BOM.subarray(0, head.length))) {
        this.carry = head;
        return null;
      }
      this.firstPiece = false;
      bytes = head.subarray(0, BOM.length).equals(BOM) ? head.subarray(BOM.length) : head;
    } else if (this.carry !== null) {
      // The row the last piece left unfinished ends at this piece's first line end: that row
      // alone is copied and read, and the rest of the piece is read where it lies, as inBlocks
      // does (a copy of every piece was the whole file copied once more: 16 MiB at 1M rows).
      const firstLf = piece.indexOf(LF);
      if (firstLf < 0) {
        this.carry = Buffer.concat([this.carry, piece]);
        return null;
      }
      const row = Buffer.concat([this.carry, piece.subarray(0, firstLf + 1)]);
      this.carry = null;
      const handover = this.rows(row, row.length);
      if (handover) return { rest: Buffer.concat([handover.rest, piece.subarray(firstLf + 1)]), lineEnds: handover.lineEnds };
      bytes = piece.subarray(firstLf + 1);
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
    let i = 0;
    // Blank lines before the header, and the header.
    while (!this.headerSeen && i < stop) {
      const lf = bytes.indexOf(LF, i);
      if (this.lineEnds === null) this.lineEnds = lf > i && bytes[lf - 1] === CR ? 'crlf' : 'lf';
      let rowEnd = lf;
      if (this.lineEnds === 'crlf') {
        if (bytes[lf - 1] !== CR || lf === i) return { rest: bytes.subarray(i), lineEnds: 'crlf' };
        rowEnd = lf - 1;
      }
      if (rowEnd > i) {
        this.headerSeen = true;
        const fields = bytes.toString('utf8', i, rowEnd).split(',');
        this.layOut(fields.length, this.sink.header(fields));
      }
      i = lf + 1;
    }
    const handover = this.dataRows(bytes, i, stop);
    if (handover) return handover;
    if (stop < to) return { rest: bytes.subarray(stop), lineEnds: this.lineEnds ?? 'lf' };
    return null;
  }

  /**
   * Data rows of bytes[from, stop), which ends just after an LF, in one walk: each cell is
   * located and, in a number column, parsed as it is walked, so that a row costs no call
   * but the sink's. A plain decimal ([+-]digits[.digits], at most 15 digits, no exponent) is
   * exact: its digits make an integer below 2^53 and 10^k is exact, so one IEEE division
   * gives the correctly rounded value, which is what Number() gives for the same text
   * (Clinger's fast path). The sign is applied last, so "-0" is -0 as Number("-0") is.
   * Any other cell is NaN here and parsed from its text by the sink.
   */
  private dataRows(bytes: Buffer, from: number, stop: number): Handover | null {
    const crlf = this.lineEnds === 'crlf';
    const numeric = this.numeric;
    const { starts, ends, numbers } = this.cells;
    const width = starts.length;
    let i = from;
    while (i < stop) {
      const rowStart = i;
      let cell = 0;
      let high = 0;
      let b = bytes[i] as number;
      for (;;) {
        const start = i;
        if (cell < width && numeric[cell] === 1) {
          let negative = false;
          if (b === MINUS || b === PLUS) {
            negative = b === MINUS;
            i += 1;
            b = bytes[i] as number;
          }
          let mantissa = 0;
          let digits = 0;
          let fraction = -1;
          for (;;) {
            const d = b - ZERO;
            if (d >= 0 && d <= 9) {
              mantissa = mantissa * 10 + d;
              digits += 1;
              if (fraction >= 0) fraction += 1;
            } else if (b === DOT && fraction < 0) {
              fraction = 0;
            } else {
              break;
            }
            i += 1;
            b = bytes[i] as number;
          }
          if (crlf && b === CR && bytes[i + 1] === LF) {
            i += 1;
            b = LF;
          }
          let value = NaN;
          if (b === COMMA || b === LF) {
            if (digits > 0 && digits <= 15) {
              value = fraction > 0 ? mantissa / (POWERS[fraction] as number) : mantissa;
              if (negative) value = -value;
            }
          } else {
            while (b !== COMMA && b !== LF) {
              high |= b;
              i += 1;
              b = bytes[i] as number;
            }
          }
          numbers[cell] = value;
        } else {
          while (b !== COMMA && b !== LF) {
            high |= b;
            i += 1;
            b = bytes[i] as number;
          }
        }
        if (cell < width) {
          starts[cell] = start;
          ends[cell] = i;
        }
        if (b === LF) break;
        cell += 1;
        i += 1;
        b = bytes[i] as number;
      }
      let rowEnd = i;
      if (crlf) {
        if (bytes[i - 1] !== CR || i === rowStart) return { rest: bytes.subarray(rowStart), lineEnds: 'crlf' };
        rowEnd = i - 1;
        if (cell < width) ends[cell] = rowEnd;
      }
      if (rowEnd > rowStart) this.sink.row(bytes, this.cells, cell + 1, (high & 0x80) === 0);
      i += 1;
    }
    return null;
  }
}
