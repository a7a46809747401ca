import { BundleError } from './bundleError';
import { formatBytes } from './byteSizes';

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

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Walks a CSV's bytes ahead of the parser, keeping only counters, so that a 1 GiB cell or
 * a file with no line break is refused after a megabyte instead of being gathered into
 * one string (which runs out of memory or past V8's longest string). Quotes follow RFC
 * 4180; UTF-8 never puts these ASCII bytes inside a multi-byte character, so bytes will do.
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

  constructor(
    private readonly file: string,
    private readonly limits: CsvLimits = DEFAULT_CSV_LIMITS,
  ) {}

  /** Checks `bytes[start, end)`, continuing where the last call stopped. */
  scan(bytes: Uint8Array, start = 0, end = bytes.length): void {
    this.walk(bytes, start, end, false);
  }

  /** Checks the first line with content; returns the offset just after its line break, or -1 if it has none. */
  headerEnd(bytes: Uint8Array): number {
    return this.walk(bytes, 0, bytes.length, true);
  }

  private walk(bytes: Uint8Array, start: number, end: number, stopAtLine: boolean): number {
    for (let i = start; i < end; i += 1) {
      const b = bytes[i] as number;
      if (this.quotePending) {
        this.quotePending = false;
        if (b === QUOTE) {
          this.grow();
          continue;
        }
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        if (b === QUOTE) this.quotePending = true;
        this.grow();
        continue;
      }
      if (b === QUOTE) {
        this.inQuotes = true;
        this.grow();
      } else if (b === COMMA) {
        this.rowBytes += 1;
        this.cellBytes = 0;
        this.column += 1;
      } else if (b === LF) {
        const hadContent = this.rowBytes > 0;
        if (hadContent) this.lines += 1;
        this.rowBytes = 0;
        this.cellBytes = 0;
        this.column = 1;
        if (stopAtLine && hadContent) return i + 1;
      } else if (b !== CR) {
        this.grow();
      }
    }
    return -1;
  }

  private grow(): void {
    this.rowBytes += 1;
    this.cellBytes += 1;
    if (this.cellBytes > this.limits.maxCellBytes) {
      throw new BundleError(
        `${this.where()}, column ${fmt(this.column)}: a cell is longer than the limit of ${formatBytes(this.limits.maxCellBytes)}${this.inQuotes ? ' (or a quote is never closed)' : ''}.`,
        { file: this.file, row: this.lines, column: String(this.column) },
      );
    }
    if (this.rowBytes > this.limits.maxRowBytes) {
      throw new BundleError(`${this.where()} is longer than the limit of ${formatBytes(this.limits.maxRowBytes)} for a row.`, { file: this.file, row: this.lines });
    }
  }

  private where(): string {
    return this.lines === 0 ? `${this.file}: the header` : `${this.file} row ${fmt(this.lines)}`;
  }
}
