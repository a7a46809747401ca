import { BundleError } from './bundleError';
import { formatBytes } from './byteSizes';
import { countText } from '../../../shared/text/numbers';

/** How long a CSV cell and a CSV row (the header included) may be, in bytes. */
export interface CsvLimits {
  maxCellBytes: number;
  maxRowBytes: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxCellBytes: 1024 * 1024, maxRowBytes: 16 * 1024 * 1024 };

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
/** Bytes walked between checks when looking for the end of the header. */
const STEP = 1024 * 1024;

/**
 * Walks a CSV's bytes ahead of the parser, keeping only counters, so that a 1 GiB cell or
 * a file with no line break is refused within a chunk of passing the limit instead of
 * being gathered into one string (which runs out of memory or past V8's longest string).
 * Quotes follow RFC 4180; UTF-8 never puts these ASCII bytes inside a multi-byte
 * character, so bytes will do.
 */
export class CsvLimitScanner {
  private inQuotes = false;
  /** A quote seen inside quotes: the next byte tells an escaped "" from the closing one. */
  private quotePending = false;
  private rowBytes = 0;
  private cellBytes = 0;
  private column = 1;
  /** Lines with content so far; the first is the header. */
  private lines = 0;
  /** The last byte of the previous chunk: a CR there and an LF first here is a CRLF. */
  private lastByte = -1;

  constructor(
    private readonly file: string,
    private readonly limits: CsvLimits = DEFAULT_CSV_LIMITS,
  ) {}

  /** Checks `bytes[start, end)`, continuing where the last call stopped. */
  scan(bytes: Uint8Array, start = 0, end = bytes.length): void {
    if (!this.plainPiece(bytes, start, end)) this.walk(bytes, start, end, false);
  }

  /**
   * The common piece, passed in one loop over its bytes: outside quotes, holding no quote,
   * no longer than either limit, and with the row it continues no longer than that up to its
   * end in the piece (or the piece's end). No row or cell in it can then pass a limit (each
   * is shorter than the piece or than that row), so only the counters walk() would leave are
   * kept: the lines with content, and the open row's length, column and cell. False, with
   * nothing changed, for any other piece.
   */
  private plainPiece(bytes: Uint8Array, start: number, end: number): boolean {
    const short = Math.min(this.limits.maxCellBytes, this.limits.maxRowBytes);
    if (this.inQuotes || this.quotePending || end - start > short) return false;
    const view = bytes.subarray(start, end);
    const firstLf = view.indexOf(LF);
    if (this.rowBytes + (firstLf >= 0 ? firstLf : end - start) > short || view.indexOf(QUOTE) >= 0) return false;
    let lines = this.lines;
    let rowFrom = start - this.rowBytes;
    // A native search a row: machine-written rows are short, and a loop over every byte cost more.
    for (let lf = firstLf; lf >= 0; lf = view.indexOf(LF, lf + 1)) {
      const at = start + lf;
      const before = at > start ? bytes[at - 1] : this.lastByte;
      // As walk(): a line has content when it holds more than a CR before its LF.
      if (at - rowFrom > (before === CR ? 1 : 0)) lines += 1;
      rowFrom = at + 1;
    }
    this.lines = lines;
    let cellFrom = start - this.cellBytes;
    if (rowFrom > start - this.rowBytes) {
      this.column = 1;
      cellFrom = rowFrom;
    }
    for (let i = Math.max(rowFrom, start); i < end; i += 1) {
      if (bytes[i] === COMMA) {
        this.column += 1;
        cellFrom = i + 1;
      }
    }
    this.cellBytes = end - cellFrom;
    this.rowBytes = end - rowFrom;
    if (end > start) this.lastByte = bytes[end - 1] as number;
    return true;
  }

  /** Checks the first line with content; returns the offset just after its line break, or -1 if it has none. */
  headerEnd(bytes: Uint8Array): number {
    // In steps, so that a file without a line break is refused at the row limit, not after a walk through all of it.
    for (let from = 0; from < bytes.length; from += STEP) {
      const found = this.walk(bytes, from, Math.min(bytes.length, from + STEP), true);
      if (found >= 0) return found;
    }
    return -1;
  }

  /**
   * Lengths are kept as the offsets where the open cell and row began, and checked at each
   * separator and at the end of the bytes given. A row without quotes no longer than the
   * cell limit cannot break either limit, so such rows (nearly all) are passed with two
   * native searches; the others are walked byte by byte, quoted text skipped by a search.
   */
  private walk(bytes: Uint8Array, start: number, end: number, stopAtLine: boolean): number {
    const view = bytes.subarray(start, end);
    const shortRow = this.limits.maxCellBytes;
    /** The next quote at or after the current offset, found once and reused until passed. */
    let nextQuote = -1;
    let inQuotes = this.inQuotes;
    let quotePending = this.quotePending;
    let cellFrom = start - this.cellBytes;
    let rowFrom = start - this.rowBytes;
    const keep = (at: number) => {
      this.inQuotes = inQuotes;
      this.quotePending = quotePending;
      this.cellBytes = at - cellFrom;
      this.rowBytes = at - rowFrom;
    };
    let i = start;
    while (i < end) {
      if (i === rowFrom && !inQuotes && !quotePending) {
        const found = view.indexOf(LF, i - start);
        const lf = found < 0 ? -1 : found + start;
        if (lf >= 0 && lf - rowFrom <= shortRow) {
          if (nextQuote !== Infinity && nextQuote < i) {
            const q = view.indexOf(QUOTE, i - start);
            nextQuote = q < 0 ? Infinity : q + start;
          }
          if (nextQuote > lf) {
            const hadContent = lf - rowFrom > ((lf > start ? bytes[lf - 1] : this.lastByte) === CR ? 1 : 0);
            if (hadContent) this.lines += 1;
            this.column = 1;
            i = lf + 1;
            cellFrom = i;
            rowFrom = i;
            if (stopAtLine && hadContent) {
              keep(i);
              return i;
            }
            continue;
          }
        }
      }
      if (quotePending) {
        quotePending = false;
        if (bytes[i] === QUOTE) {
          i += 1;
          continue;
        }
        inQuotes = false;
      }
      if (inQuotes) {
        const q = bytes.subarray(i, end).indexOf(QUOTE);
        if (q < 0) {
          i = end;
          break;
        }
        i += q + 1;
        quotePending = true;
        continue;
      }
      const b = bytes[i];
      if (b === QUOTE) {
        inQuotes = true;
      } else if (b === COMMA) {
        keep(i);
        this.check();
        this.column += 1;
        cellFrom = i + 1;
      } else if (b === LF) {
        keep(i);
        this.check();
        const hadContent = i - rowFrom > ((i > start ? bytes[i - 1] : this.lastByte) === CR ? 1 : 0);
        if (hadContent) this.lines += 1;
        this.column = 1;
        cellFrom = i + 1;
        rowFrom = i + 1;
        if (stopAtLine && hadContent) {
          keep(i + 1);
          return i + 1;
        }
      }
      i += 1;
    }
    keep(end);
    if (end > start) this.lastByte = bytes[end - 1] as number;
    this.check();
    return -1;
  }

  private check(): void {
    if (this.cellBytes > this.limits.maxCellBytes) {
      throw new BundleError(
        `${this.where()}, column ${countText(this.column)}: a cell is longer than the limit of ${formatBytes(this.limits.maxCellBytes)}${this.inQuotes ? ' (or a quote is never closed)' : ''}.`,
        { file: this.file, row: this.lines, column: String(this.column) },
      );
    }
    if (this.rowBytes > this.limits.maxRowBytes) {
      throw new BundleError(`${this.where()} is longer than the limit of ${formatBytes(this.limits.maxRowBytes)} for a row.`, { file: this.file, row: this.lines });
    }
  }

  private where(): string {
    return this.lines === 0 ? `${this.file}: the header` : `${this.file} row ${countText(this.lines)}`;
  }
}
