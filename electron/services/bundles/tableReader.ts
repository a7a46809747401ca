import { Readable } from 'node:stream';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { namedFew, shownName } from '../../../shared/contract/shownText';
import { UserError } from '../../../shared/contract/userError';
import { parseFiniteDecimal } from '../../../shared/metrics/cells';
import { FeatureSampleBuilder, isShortestDecimal, type FeatureSample } from '../../../shared/metrics/featureSample';
import { BundleError, cancelledError } from './bundleError';
import { formatBytes } from './byteSizes';
import { CsvLimitScanner, DEFAULT_CSV_LIMITS, type CsvLimits } from './csvLimits';
import type { GroupCodes } from '../../../shared/metrics/partition';
import { ByteChunks, ByteDictionary, CodeChunks, NumberChunks } from './compactColumns';
import { CsvBytes, type LineEnds, type RowSink } from './csvBytes';
import { notUtf8Sentence, notUtf8SentenceOf } from './utf8Position';
import { countText } from '../../../shared/text/numbers';

/**
 * Reads a CSV or Parquet data file of a bundle into columns. The caller says what each
 * column must hold; every cell is checked as it is read, and the first bad one refuses
 * the bundle with its file, row and column. Rows are counted from 1 at the first data
 * row (the header is not a row).
 */

export type ColumnSpec =
  /**
   * A finite number in every row; `check` may narrow it (e.g. 0 or 1). `binary` when the
   * check admits 0 and 1 and nothing else: the column is then kept a byte a row, in
   * `binary`. `bounds` when the check admits exactly the values from the first to the
   * second: a block of rows read on another thread is then checked by its least and
   * greatest value.
   */
  | { kind: 'number'; name: string; check?: (v: number) => string | null; binary?: boolean; bounds?: [number, number] }
  /** A group label: dictionary-coded; empty cells are refused. */
  | { kind: 'label'; name: string }
  /** A drift feature: numbers, missing tokens and categories as FeatureSample keeps them (empty cells allowed). */
  | { kind: 'feature'; name: string };

export interface LabelColumn {
  codes: GroupCodes;
  values: string[];
}

/**
 * A data file's bytes: whole, or read in pieces from its start on each call (a bundle's
 * SourceFile), so that a CSV is parsed as it is read and never held whole.
 */
export type TableBytes = Buffer | { readonly size: number; pieces(): AsyncIterable<Buffer> };

/** A Parquet file whose bytes can also be fetched by range (a part unpacked to a temporary file): it is read row group by row group, never held whole. */
export interface RangedBytes {
  readonly size: number;
  pieces(): AsyncIterable<Buffer>;
  readonly ranges: AsyncBuffer;
}

/** The columns to read, or how to choose them from the header (drift reads them all). */
export type ColumnChoice = ColumnSpec[] | ((header: string[]) => ColumnSpec[]);

/**
 * Papa Parse and the Parquet reader are loaded when a file needs them: most data files are
 * plain CSV, read by the byte reader alone, and loading the two cost about 25 ms a run.
 */
const papa = () => import('papaparse').then((m) => m.default);
const parquet = () => Promise.all([import('hyparquet'), import('hyparquet-compressors')]).then(([reader, { compressors }]) => ({ ...reader, compressors }));

const PIECE_BYTES = 1 << 20;
const LF_BYTE = 0x0a;

async function* slices(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; start += PIECE_BYTES) yield bytes.subarray(start, Math.min(bytes.length, start + PIECE_BYTES));
}

function piecesOf(input: TableBytes): AsyncIterable<Buffer> {
  return Buffer.isBuffer(input) ? slices(input) : input.pieces();
}

function sizeOf(input: TableBytes): number {
  return Buffer.isBuffer(input) ? input.length : input.size;
}

/** A Parquet file is read from its footer back: held whole, unless it comes as RangedBytes. */
async function wholeOf(input: TableBytes): Promise<Buffer> {
  if (Buffer.isBuffer(input)) return input;
  const pieces: Buffer[] = [];
  for await (const piece of input.pieces()) pieces.push(piece);
  return Buffer.concat(pieces);
}

export interface TableColumns {
  file: string;
  header: string[];
  rows: number;
  numbers: Map<string, Float64Array>;
  /** Number columns read as `binary`: 0 or 1, a byte each. */
  binary: Map<string, Uint8Array>;
  labels: Map<string, LabelColumn>;
  features: Map<string, FeatureSample>;
}

export interface ReadProgress {
  /** Bytes of this file parsed so far, and rows. */
  onProgress?: (done: { bytes: number; rows: number }) => void;
  signal?: AbortSignal;
  csvLimits?: CsvLimits;
  /** Another thread to read blocks of a large streamed CSV's rows on (see inBlocks). */
  blocks?: (plan: BlockPlan) => BlockParser;
  /** The size from which a file is read on both threads; BLOCKS_FROM_BYTES unless given. */
  blocksFromBytes?: number;
}

const BOOLEAN_TEXT = new Map([
  ['true', 1],
  ['True', 1],
  ['TRUE', 1],
  ['false', 0],
  ['False', 0],
  ['FALSE', 0],
]);

/** A categorical feature's distinct values kept by their bytes, at most: beyond them (ids, free text) a cell is counted by its text. */
const FEATURE_BYTE_CODES = 4_096;

/** Accumulates one column's cells as they arrive, by the caller's spec, in chunks. */
class ColumnSink {
  private readonly numbers: NumberChunks | ByteChunks;
  private readonly codes = new CodeChunks();
  private readonly dictionary = new Map<string, number>();
  /** The dictionary's values by code; those from `taken` on are new since the last block was taken. */
  private readonly values: string[] = [];
  private taken = 0;
  /** Group values by their bytes, so a row's value is found without making its string. */
  private readonly byteCodes = new ByteDictionary();
  private readonly feature: FeatureSampleBuilder | null;

  constructor(
    readonly spec: ColumnSpec,
    private readonly file: string,
  ) {
    this.numbers = spec.kind === 'number' && spec.binary === true ? new ByteChunks() : new NumberChunks();
    this.feature = spec.kind === 'feature' ? new FeatureSampleBuilder() : null;
  }

  private refuse(row: number, what: string): never {
    throw new BundleError(`${this.file} row ${countText(row)}: ${shownName(this.spec.name)} ${what}.`, { file: this.file, row, column: this.spec.name });
  }

  pushText(cell: string, row: number): void {
    const spec = this.spec;
    if (this.feature !== null) {
      this.feature.addText(cell);
      return;
    }
    if (cell === '') this.refuse(row, 'is empty');
    if (spec.kind === 'number') {
      // pandas writes a boolean label as True/False, Spark and R as true/false or TRUE/FALSE.
      const v = BOOLEAN_TEXT.get(cell) ?? parseFiniteDecimal(cell);
      if (v === null) {
        const shown = shownName(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);
        this.refuse(row, /^[+-]?(nan|inf(inity)?)$/i.test(cell) ? `is ${shown}, expected a finite number` : `is "${shown}", expected a number`);
      }
      this.pushNumber(v, row);
    } else {
      this.pushLabel(cell);
    }
  }

  pushNumber(v: number, row: number): void {
    const spec = this.spec;
    if (spec.kind !== 'number') {
      this.pushText(String(v), row);
      return;
    }
    if (!Number.isFinite(v)) this.refuse(row, `is ${v}, expected a finite number`);
    // A binary or bounded column's rule is kept without a call a row; the check says what is wrong.
    const bounds = spec.bounds;
    const admitted = spec.binary === true ? v === 0 || v === 1 : bounds !== undefined ? v >= bounds[0] && v <= bounds[1] : spec.check === undefined;
    if (!admitted) {
      const problem = spec.check?.(v);
      if (problem) this.refuse(row, problem);
    }
    this.numbers.push(v);
  }

  /** The code of a group value, a new one when it is new. */
  codeOf(value: string): number {
    let code = this.dictionary.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.dictionary.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  private pushLabel(cell: string): number {
    const code = this.codeOf(cell);
    this.codes.push(code);
    return code;
  }

  /**
   * A cell of a quote-free CSV row, as its bytes, with its plain decimal when it has one
   * (NaN otherwise): a group value is looked up by its bytes; anything else goes the way of
   * its text, so every cell reads to the very value, or the very refusal, its text would.
   */
  pushBytes(bytes: Buffer, start: number, end: number, plain: number, ascii: boolean, row: number): void {
    const kind = this.spec.kind;
    if (kind === 'number') {
      if (plain === plain) {
        this.pushNumber(plain, row);
        return;
      }
    } else if (kind === 'feature') {
      const feature = this.feature as FeatureSampleBuilder;
      if (feature.categorical && end > start) {
        // Counted by its bytes, as a group value is found, while the distinct values are few.
        const code = this.byteCodes.find(bytes, start, end);
        if (code >= 0) feature.countCode(code);
        else {
          const counted = feature.countText(ascii ? bytes.toString('latin1', start, end) : bytes.toString('utf8', start, end));
          if (this.byteCodes.size < FEATURE_BYTE_CODES) this.byteCodes.add(bytes, start, end, counted);
        }
        return;
      }
      if (plain === plain) {
        // A plain decimal is ASCII; its text is made only when String(plain) would not give it back.
        feature.addNumber(plain, isShortestDecimal(bytes, start, end) ? null : bytes.toString('latin1', start, end));
        return;
      }
    } else if (kind === 'label' && end > start) {
      const code = this.byteCodes.find(bytes, start, end);
      if (code >= 0) this.codes.push(code);
      else this.byteCodes.add(bytes, start, end, this.pushLabel(bytes.toString('utf8', start, end)));
      return;
    }
    this.pushText(ascii ? bytes.toString('latin1', start, end) : bytes.toString('utf8', start, end), row);
  }

  /** A Parquet cell: numbers stay numbers, null is empty, anything else is text. */
  pushValue(value: unknown, row: number): void {
    if (value === null || value === undefined) {
      this.pushText('', row);
    } else if (typeof value === 'number') {
      if (this.spec.kind === 'number') this.pushNumber(value, row);
      else this.pushText(String(value), row);
    } else if (typeof value === 'bigint') {
      if (this.spec.kind === 'number') this.pushNumber(Number(value), row);
      else this.pushText(value.toString(), row);
    } else if (typeof value === 'boolean') {
      if (this.spec.kind === 'number') this.pushNumber(value ? 1 : 0, row);
      else this.pushText(String(value), row);
    } else if (value instanceof Date) {
      // DATE and TIMESTAMP columns: milliseconds since 1970, so drift compares them as numbers.
      const ms = value.getTime();
      if (!Number.isFinite(ms)) this.refuse(row, 'is a date out of range');
      if (this.spec.kind === 'number') this.pushNumber(ms, row);
      else this.pushText(String(ms), row);
    } else if (typeof value === 'string') {
      if (value.length > DEFAULT_CSV_LIMITS.maxCellBytes) this.refuse(row, `is longer than the limit of ${formatBytes(DEFAULT_CSV_LIMITS.maxCellBytes)} for a cell`);
      if (this.spec.kind === 'number') this.refuse(row, `is the text "${shownName(value.slice(0, 40))}", expected a number`);
      this.pushText(value, row);
    } else {
      this.refuse(row, 'holds a nested value; only flat columns are read');
    }
  }

  /** A group column's values so far, by code: a block reader starts from them, so that its codes are the file's. */
  get dictionaryValues(): string[] {
    return this.values.slice();
  }

  /** Room for about `rows` values in all, so that the column is laid out without a copy. */
  reserve(rows: number): void {
    if (this.spec.kind === 'number') this.numbers.reserve(rows);
    else if (this.spec.kind === 'label') this.codes.reserve(rows);
  }

  /** Starts a block reader's dictionary with the file's values so far; they are not new in its blocks. */
  seed(values: string[]): void {
    for (const value of values) this.codeOf(value);
    this.taken = this.values.length;
  }

  /**
   * Whether every value of a block read elsewhere passes this column's check (when not, the
   * block is read again row by row, for the refusal). A binary or bounded column's block was
   * held to its rule as it was read.
   */
  accepts(column: BlockColumn): boolean {
    const spec = this.spec;
    if (spec.kind !== 'number' || spec.check === undefined || spec.binary === true || spec.bounds !== undefined) return true;
    const values = column as Float64Array;
    const check = spec.check;
    for (let k = 0; k < values.length; k += 1) if (check(values[k] as number) !== null) return false;
    return true;
  }

  /**
   * Appends a block's values after this column's own; group codes are translated by `codes`
   * (the block reader's code to this column's), none when they agree.
   */
  append(column: BlockColumn, codes: number[] | null): void {
    if (this.numbers instanceof ByteChunks) this.numbers.pushAll(column as Uint8Array);
    else if (this.spec.kind === 'number') this.numbers.pushAll(column as Float64Array);
    else if (codes === null) this.codes.pushAll((column as BlockLabels).codes);
    else for (const code of (column as BlockLabels).codes) this.codes.push(codes[code] as number);
  }

  /** The block read since the last one was taken: its values, or its codes and the group values first met in it. */
  take(): BlockColumn {
    if (this.numbers instanceof ByteChunks) return this.numbers.take();
    if (this.spec.kind === 'number') return this.numbers.take();
    const added = this.values.slice(this.taken);
    this.taken = this.values.length;
    return { codes: this.codes.take(this.values.length), added };
  }

  finish(into: TableColumns): void {
    const name = this.spec.name;
    if (this.numbers instanceof ByteChunks) into.binary.set(name, this.numbers.finish());
    else if (this.spec.kind === 'number') into.numbers.set(name, this.numbers.finish());
    else if (this.spec.kind === 'label') into.labels.set(name, { codes: this.codes.finish(this.dictionary.size), values: [...this.dictionary.keys()] });
    else into.features.set(name, (this.feature as FeatureSampleBuilder).finish());
  }
}

/** A group column of a block: codes of its reader's dictionary, and the values that dictionary met first in this block (their codes follow the earlier ones'). */
export interface BlockLabels {
  codes: GroupCodes;
  added: string[];
}

/** A number or group column of a block of rows, before it joins the file's columns. */
export type BlockColumn = Float64Array | Uint8Array | BlockLabels;

export interface BlockColumns {
  rows: number;
  /** In the order of the plan's specs. */
  columns: BlockColumn[];
}

/**
 * What reading a block of a file's rows needs to know of the file, as data (it is posted to
 * a worker thread): the header's width, the line end, and the number and group columns read
 * with their place in the header. A binary column's 0-or-1 rule and a bounded column's
 * bounds are kept as the block is read; any other check is made as it joins the columns.
 */
export interface BlockPlan {
  file: string;
  width: number;
  lineEnds: LineEnds;
  /** `values`: a group column's dictionary when the plan was made. */
  columns: { kind: 'number' | 'label'; name: string; binary: boolean; bounds?: [number, number]; at: number; values: string[] }[];
}

const zeroOrOne = (v: number): string | null => (v === 0 || v === 1 ? null : 'is not 0 or 1');
/** Called only for a value outside a bounded column's bounds (see pushNumber). */
const outside = (): string => 'is out of bounds';

/** Hands a row's cells to the column sinks, after its field count is checked. */
function rowInto(file: string, width: number, sinks: { sink: ColumnSink; at: number }[], count: { rows: number }): RowSink['row'] {
  return (buffer, { starts, ends, numbers }, fields, ascii) => {
    const row = (count.rows += 1);
    if (fields !== width) raggedRow(file, row, fields, width);
    for (let k = 0; k < sinks.length; k += 1) {
      const { sink, at } = sinks[k] as { sink: ColumnSink; at: number };
      sink.pushBytes(buffer, starts[at] as number, ends[at] as number, numbers[at] as number, ascii, row);
    }
  };
}

/**
 * Reads blocks of whole rows of one file (past the header, quote-free, each ending in a
 * line end), one after another, on whatever thread holds it. Its group dictionaries go on
 * from block to block, started with the file's, so that its codes are mostly the file's.
 * A block with any row that is not plain (a bad cell, a ragged row, a quote, a line end of
 * the other kind, bytes that are not UTF-8) reads to null, and so does every block after it:
 * the caller reads that block row by row, which refuses it with the very sentence (and the
 * file's row number) or hands it to Papa Parse.
 */
export class BlockReader {
  private readonly sinks: { sink: ColumnSink; at: number }[];
  /** One reader and one row function for every block, so that the row calls stay inlined. */
  private readonly reader: CsvBytes;
  private readonly count = { rows: 0 };
  private broken = false;

  constructor(plan: BlockPlan) {
    this.sinks = plan.columns.map(({ kind, name, binary, bounds, at, values }) => {
      const check = binary ? zeroOrOne : bounds ? outside : undefined;
      const sink = new ColumnSink(kind === 'number' ? { kind, name, binary, bounds, check } : { kind, name }, plan.file);
      sink.seed(values);
      return { sink, at };
    });
    const numeric = numericColumns(plan.width, this.sinks);
    this.reader = new CsvBytes(
      { header: () => numeric, row: rowInto(plan.file, plan.width, this.sinks, this.count) },
      () => {
        throw new Error('not UTF-8');
      },
      { numeric, lineEnds: plan.lineEnds },
    );
  }

  read(bytes: Buffer): BlockColumns | null {
    if (this.broken) return null;
    const before = this.count.rows;
    try {
      // A block ends in a line end, so the reader keeps nothing from one block to the next.
      if (this.reader.push(bytes) === null) return { rows: this.count.rows - before, columns: this.sinks.map(({ sink }) => sink.take()) };
    } catch {
      // Read again row by row by the caller, for the refusal.
    }
    this.broken = true;
    return null;
  }
}

/** Reads blocks of rows on another thread: see BlockReader. A null result, as for a worker that failed, sends the block back to the row-by-row reader. */
export interface BlockParser {
  /** Blocks given and not yet answered. */
  readonly waiting: number;
  parse(bytes: Buffer): Promise<BlockColumns | null>;
  /** Settles once the thread has stopped. */
  close(): Promise<void>;
}

/** A header read as one column that holds tabs or semicolons is a file separated by them, which a CSV reader would silently misread. */
function checkSeparator(file: string, header: string[]): void {
  if (header.length !== 1) return;
  const only = header[0] as string;
  const found = only.includes('\t') ? 'tabs' : only.includes(';') ? 'semicolons (;)' : null;
  if (found) throw new BundleError(`${file} is separated by ${found}, not commas; save it as comma-separated CSV.`, { file });
}

function checkHeader(file: string, header: string[], specs: ColumnSpec[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (name.trim() === '' && i === 0 && header.length > 1) {
      throw new BundleError(`${file}: the first column of the header has no name; it looks like a pandas index written without index=False (write it with to_csv(..., index=False)).`, { file, column: '1' });
    }
    if (name.trim() === '') throw new BundleError(`${file}: column ${i + 1} of the header has no name.`, { file, column: String(i + 1) });
    if (index.has(name)) throw new BundleError(`${file}: the header names the column "${shownName(name)}" twice.`, { file, column: name });
    index.set(name, i);
  });
  for (const spec of specs) {
    if (!index.has(spec.name)) {
      throw new BundleError(`${file}: the required column "${shownName(spec.name)}" is missing (the header has ${namedFew(header, 6)}).`, {
        file,
        column: spec.name,
      });
    }
  }
  return index;
}

/** The file's pieces as they are read, each held to the cell and row limits first; progress counts them. */
async function* scannedPieces(file: string, input: TableBytes, progress: ReadProgress, read: { bytes: number; rows: () => number }): AsyncGenerator<Buffer> {
  const limits = new CsvLimitScanner(file, progress.csvLimits ?? DEFAULT_CSV_LIMITS);
  for await (const piece of piecesOf(input)) {
    if (progress.signal?.aborted) throw cancelledError();
    limits.scan(piece);
    read.bytes += piece.length;
    yield piece;
    progress.onProgress?.({ bytes: read.bytes, rows: read.rows() });
  }
}

/** UTF-8 text of `first` and then of the rest of the pieces, for Papa Parse; never one string of the whole file. */
async function* textOf(first: Buffer, rest: AsyncIterator<Buffer>, notUtf8: () => Promise<never>): AsyncGenerator<string> {
  // A leading byte-order mark was dropped before the bytes came here.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const decode = async (bytes?: Buffer): Promise<string> => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      return notUtf8();
    }
  };
  yield await decode(first);
  for (let step = await rest.next(); !step.done; step = await rest.next()) yield await decode(step.value);
  const last = await decode();
  if (last !== '') yield last;
}

/** The columns the byte reader parses as plain decimals while it walks them: those read as numbers. */
function numericColumns(width: number, sinks: CsvState['sinks']): Uint8Array {
  const numeric = new Uint8Array(width);
  for (const { sink, at } of sinks) if (sink.spec.kind === 'number' || sink.spec.kind === 'feature') numeric[at] = 1;
  return numeric;
}

interface CsvState {
  header: string[] | null;
  sinks: { sink: ColumnSink; at: number }[];
  rows: number;
  /** Papa Parse reads the rest. */
  handedOver?: boolean;
}

/** Room made for the rows a file's first piece foretells, and this much more. */
const ROWS_MARGIN = 1.04;
/** Below this size a file is read on one thread: a worker's start (~50-200 ms) would cost more than it saves. */
export const BLOCKS_FROM_BYTES = 32 * 1024 * 1024;
/**
 * Blocks the other thread may have waiting before this one reads the next itself: this one
 * also reads, hashes and cuts the pieces, so the other takes the larger share.
 */
const OTHER_WAITING = 5;
/** Blocks read on this thread that may wait for an earlier one still on the other: 16 pieces, each two blocks (the row it finishes, then the rest). */
const MOST_AHEAD = 32;

/**
 * The pieces of a file for the byte reader (`reader`), but from the header on, whole rows
 * are cut into blocks (a piece's worth each, cut where the byte reader would cut them) and
 * read on two threads: by the other while it has fewer than OTHER_WAITING waiting (near the
 * end of the file's `size` bytes, fewer than the blocks left after the one dealt), else on
 * this one. Their columns join the file's in the file's order. A block either reader cannot read
 * as plain rows, and everything after it, is given to the byte reader instead, as pieces,
 * so that it meets every row as it always did: same refusal, same row number, same handover
 * to Papa Parse. A refusal by the piece scanner (a cell or row past its limit) waits for the
 * blocks before it, as the byte reader would have read their rows before scanning that piece.
 * The pieces stay in order, so the hash over them is the file's.
 */
async function* inBlocks(file: string, size: number, pieces: AsyncIterator<Buffer>, reader: CsvBytes, state: CsvState, start: (plan: BlockPlan) => BlockParser): AsyncGenerator<Buffer> {
  /** Bytes of the file taken from `pieces` so far. */
  let taken = 0;
  // The header and the first rows, until the line end is known.
  while (state.header === null || reader.lineEnd === null || state.handedOver) {
    const step = await pieces.next();
    if (step.done) return;
    taken += step.value.length;
    yield step.value;
  }
  const header = state.header;
  if (state.sinks.some(({ sink }) => sink.spec.kind === 'feature')) {
    for (let step = await pieces.next(); !step.done; step = await pieces.next()) yield step.value;
    return;
  }
  const plan: BlockPlan = {
    file,
    width: header.length,
    lineEnds: reader.lineEnd,
    columns: state.sinks.map(({ sink, at }) => ({
      kind: sink.spec.kind as 'number' | 'label',
      name: sink.spec.name,
      binary: sink.spec.kind === 'number' && sink.spec.binary === true,
      ...(sink.spec.kind === 'number' && sink.spec.bounds ? { bounds: sink.spec.bounds } : {}),
      at,
      values: sink.spec.kind === 'label' ? sink.dictionaryValues : [],
    })),
  };
  const other = start(plan);
  const here = new BlockReader(plan);
  /** Per thread (this one, the other) and column, each block reader's code to the file's; null while they agree. */
  const translations = [plan.columns.map(() => null as number[] | null), plan.columns.map(() => null as number[] | null)];
  const known = plan.columns.map(({ values }) => [values.length, values.length]);
  const pending: { block: Buffer; thread: 0 | 1; result?: BlockColumns | null; answer?: Promise<unknown> }[] = [];
  /** The codes of a block reader's new group values in the file's dictionary; a translation from the first that differs. */
  const translate = (thread: 0 | 1, k: number, sink: ColumnSink, added: string[]): void => {
    const counts = known[k] as number[];
    let codes = (translations[thread] as (number[] | null)[])[k] as number[] | null;
    for (const value of added) {
      const theirs = counts[thread] as number;
      const ours = sink.codeOf(value);
      if (codes === null && ours !== theirs) codes = Array.from({ length: theirs }, (_, c) => c);
      codes?.push(ours);
      counts[thread] = theirs + 1;
    }
    (translations[thread] as (number[] | null)[])[k] = codes;
  };
  /** Joins the blocks read, in order, up to the first one not yet read; false at one that was not plain. */
  const join = (): boolean => {
    for (let first = pending[0]; first !== undefined && first.result !== undefined; first = pending[0]) {
      const { result, thread } = first;
      if (result === null || !state.sinks.every(({ sink }, k) => sink.accepts(result.columns[k] as BlockColumn))) return false;
      state.sinks.forEach(({ sink }, k) => {
        const column = result.columns[k] as BlockColumn;
        if ('added' in column) translate(thread, k, sink, column.added);
        sink.append(column, (translations[thread] as (number[] | null)[])[k] as number[] | null);
      });
      state.rows += result.rows;
      pending.shift();
    }
    return true;
  };
  let carry = reader.takeCarry();
  let refusal: unknown = null;
  let plain = true;
  try {
    while (plain) {
      let step: IteratorResult<Buffer>;
      try {
        step = await pieces.next();
      } catch (err) {
        refusal = err;
        break;
      }
      if (step.done) break;
      const piece = step.value;
      taken += piece.length;
      let from = 0;
      if (carry !== null) {
        // The row the last piece left unfinished ends at this one's first line end: that row
        // alone is copied, as a block read here, and the rest of the piece is read where it
        // lies (a copy of every piece was most of this thread's garbage).
        const firstLf = piece.indexOf(LF_BYTE);
        if (firstLf < 0) {
          carry = Buffer.concat([carry, piece]);
          continue;
        }
        const row = Buffer.concat([carry, piece.subarray(0, firstLf + 1)]);
        pending.push({ block: row, thread: 0, result: here.read(row) });
        from = firstLf + 1;
      }
      const lastLf = piece.lastIndexOf(LF_BYTE);
      if (lastLf < from) {
        // No line end after that row: what is left waits for the next piece.
        carry = from === 0 ? piece : from < piece.length ? Buffer.from(piece.subarray(from)) : null;
      } else {
        carry = lastLf + 1 < piece.length ? Buffer.from(piece.subarray(lastLf + 1)) : null;
        const block = piece.subarray(from, lastLf + 1);
        // The pieces arrive through promises alone, which would leave the other thread's answers undelivered.
        if (other.waiting > 0) await new Promise(setImmediate);
        // At the end this thread waited for the other's last blocks (40 to 80 ms at 10M rows, five waiting); now for one at most.
        if (other.waiting < Math.min(OTHER_WAITING, (size - taken) / block.length)) {
          const entry: (typeof pending)[number] = { block, thread: 1 };
          entry.answer = other.parse(block).then((result) => {
            entry.result = result;
          });
          pending.push(entry);
        } else {
          pending.push({ block, thread: 0, result: here.read(block) });
        }
      }
      plain = join();
      while (plain && pending.length > MOST_AHEAD) {
        await (pending[0] as (typeof pending)[number]).answer;
        plain = join();
      }
    }
    if (plain) {
      await Promise.all(pending.map((p) => p.answer));
      plain = join();
    }
  } finally {
    // The file ended on the other thread, so that its reader's memory is free before the columns are worked on.
    await other.close();
  }
  // From the first block not joined on (none when all were), the byte reader reads on.
  for (const { block } of pending) yield block;
  if (refusal !== null) throw refusal;
  if (carry !== null) yield carry;
  for (let step = await pieces.next(); !step.done; step = await pieces.next()) yield step.value;
}

/**
 * Rows of text by Papa Parse: files with quotes or mixed line ends, from where the byte
 * reader handed over. `newline` is the line end of the rows already read, when some were.
 */
async function papaRows(file: string, text: AsyncIterable<string>, state: CsvState, begin: (header: string[]) => void, newline?: '\n' | '\r\n'): Promise<void> {
  const Papa = await papa();
  let failure: unknown = null;
  await new Promise<void>((resolve, reject) => {
    const stream = Readable.from(text);
    stream.on('error', (err) => {
      failure = failure ?? err;
    });
    Papa.parse<string[]>(stream as unknown as File, {
      header: false,
      // Papa Parse guesses the delimiter when none is given: a semicolon or tab file would be read without a word.
      delimiter: ',',
      ...(newline === undefined ? {} : { newline }),
      skipEmptyLines: true,
      // Whole chunks rather than `step`: one result object per megabyte instead of per row.
      chunk: (result, parser) => {
        try {
          const firstError = result.errors[0];
          for (let i = 0; i < result.data.length; i += 1) {
            const fields = result.data[i] as string[];
            const header = state.header;
            if (header === null) {
              begin(fields);
              continue;
            }
            state.rows += 1;
            const rows = state.rows;
            if (firstError !== undefined && firstError.row === i) {
              throw new BundleError(`${file} row ${countText(rows)}: ${firstError.message} (RFC 4180 quoting expected).`, { file, row: rows });
            }
            if (fields.length !== header.length) raggedRow(file, rows, fields.length, header.length);
            for (const { sink, at } of state.sinks) sink.pushText(fields[at] as string, rows);
          }
        } catch (err) {
          failure = err;
          parser.abort();
        }
      },
      complete: () => resolve(),
      error: (err: Error) => reject(err),
    });
  });
  if (failure) throw failure;
}

function raggedRow(file: string, row: number, fields: number, expected: number): never {
  throw new BundleError(`${file} row ${countText(row)} has ${fields} field${fields === 1 ? '' : 's'}; the header has ${expected}.`, { file, row });
}

async function readCsv(file: string, input: TableBytes, choice: ColumnChoice, progress: ReadProgress): Promise<TableColumns> {
  if (sizeOf(input) === 0) throw new BundleError(`${file} is empty; it needs a header row and at least one data row.`, { file });
  const state: CsvState = { header: null, sinks: [], rows: 0 };
  const read = { bytes: 0, rows: () => state.rows };
  const begin = (header: string[]) => {
    checkSeparator(file, header);
    const specs = typeof choice === 'function' ? choice(header) : choice;
    const index = checkHeader(file, header, specs);
    state.sinks = specs.map((spec) => ({ sink: new ColumnSink(spec, file), at: index.get(spec.name) as number }));
    state.header = header;
  };
  const notUtf8 = async (): Promise<never> => {
    throw new BundleError(Buffer.isBuffer(input) ? notUtf8Sentence(file, input) : await notUtf8SentenceOf(file, input.pieces()), { file });
  };
  let failedUtf8 = false;
  const sink: RowSink = {
    header: (fields) => {
      begin(fields);
      sink.row = rowInto(file, fields.length, state.sinks, state);
      return numericColumns(fields.length, state.sinks);
    },
    row: () => undefined,
  };
  const bytes = new CsvBytes(sink, () => {
    failedUtf8 = true;
    throw new Error('not UTF-8');
  });
  const scanned = scannedPieces(file, input, progress, read)[Symbol.asyncIterator]();
  const blocks = progress.blocks && !Buffer.isBuffer(input) && input.size >= (progress.blocksFromBytes ?? BLOCKS_FROM_BYTES) ? progress.blocks : undefined;
  const pieces = blocks ? inBlocks(file, sizeOf(input), scanned, bytes, state, blocks)[Symbol.asyncIterator]() : scanned;
  let handover: { rest: Buffer; lineEnds: LineEnds } | null = null;
  let reserved = false;
  try {
    while (handover === null) {
      const step = await pieces.next();
      if (step.done) {
        handover = bytes.end();
        break;
      }
      handover = bytes.push(step.value);
      if (!reserved && state.rows > 0) {
        reserved = true;
        // The rows of the first piece tell how many the file holds, to a few percent.
        const rows = Math.ceil((sizeOf(input) / read.bytes) * state.rows * ROWS_MARGIN);
        for (const { sink } of state.sinks) sink.reserve(rows);
      }
    }
  } catch (err) {
    if (failedUtf8) await notUtf8();
    throw err;
  }
  state.handedOver = handover !== null;
  if (handover !== null) {
    // The rows already read fix the line end; from the start, Papa Parse guesses it as it always did.
    const newline = state.header === null ? undefined : handover.lineEnds === 'crlf' ? '\r\n' : '\n';
    await papaRows(file, textOf(handover.rest, pieces, notUtf8), state, begin, newline);
  }
  const header = state.header;
  if (header === null) throw new BundleError(`${file} is empty; it needs a header row and at least one data row.`, { file });
  if (state.rows === 0) throw new BundleError(`${file} has a header but no data rows.`, { file });
  progress.onProgress?.({ bytes: read.bytes, rows: state.rows });
  const table: TableColumns = { file, header, rows: state.rows, numbers: new Map(), binary: new Map(), labels: new Map(), features: new Map() };
  for (const { sink } of state.sinks) sink.finish(table);
  return table;
}

/** Bytes the columns read may decompress to, by the file's own metadata, in all. */
const MAX_PARQUET_UNPACKED_BYTES = 2 * 1024 ** 3;
/** Times its compressed size a Parquet column may decompress to (as for zip entries). */
const MAX_PARQUET_RATIO = 200;

/** Refuses, from the footer, columns that would decompress past the limits: a Parquet file can be a bomb like a zip. */
function checkParquetSizes(file: string, metadata: FileMetaData, specs: ColumnSpec[]): void {
  const wanted = new Set(specs.map((s) => s.name));
  let unpacked = 0;
  let packed = 0;
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta || !wanted.has(meta.path_in_schema.join('.'))) continue;
      unpacked += Number(meta.total_uncompressed_size);
      packed += Number(meta.total_compressed_size);
    }
  }
  if (unpacked > MAX_PARQUET_UNPACKED_BYTES) {
    throw new BundleError(`${file}: the columns read would decompress to ${formatBytes(unpacked)}; at most ${formatBytes(MAX_PARQUET_UNPACKED_BYTES)} is read.`, { file });
  }
  if (unpacked > 1024 * 1024 && unpacked / Math.max(1, packed) > MAX_PARQUET_RATIO) {
    throw new BundleError(
      `${file}: the columns read would decompress to ${formatBytes(unpacked)} from ${formatBytes(packed)}, ${Math.round(unpacked / Math.max(1, packed))} times their size; at most ${MAX_PARQUET_RATIO} times is accepted.`,
      { file },
    );
  }
}

/**
 * A Parquet file's bytes as hyparquet fetches them (the footer, then each row group's
 * columns): by byte ranges when the caller can serve them (a part unpacked to a file), else
 * held whole.
 */
async function parquetFile(input: TableBytes): Promise<AsyncBuffer> {
  if (!Buffer.isBuffer(input) && 'ranges' in input) return (input as RangedBytes).ranges;
  const bytes = await wholeOf(input);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function parquetMetadataOf(file: string, source: AsyncBuffer): Promise<FileMetaData> {
  const { parquetMetadataAsync } = await parquet();
  try {
    return await parquetMetadataAsync(source);
  } catch (err) {
    throw new BundleError(`${file} is not a readable Parquet file (${(err as Error).message}).`, { file });
  }
}

/** Read row group by row group, so that only one group's decoded columns are held at a time. */
async function readParquet(file: string, input: TableBytes, choice: ColumnChoice, progress: ReadProgress): Promise<TableColumns> {
  const { parquetRead, parquetSchema, compressors } = await parquet();
  const source = await parquetFile(input);
  const metadata = await parquetMetadataOf(file, source);
  const header = parquetSchema(metadata).children.map((c) => c.element.name);
  const specs = typeof choice === 'function' ? choice(header) : choice;
  checkHeader(file, header, specs);
  const rows = Number(metadata.num_rows);
  if (rows === 0) throw new BundleError(`${file} has columns but no data rows.`, { file });
  checkParquetSizes(file, metadata, specs);
  const sinks = specs.map((spec) => new ColumnSink(spec, file));
  const pushed = specs.map(() => 0);
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupEnd = groupStart + Number(group.num_rows);
    const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>();
    try {
      await parquetRead({
        file: source,
        metadata,
        compressors,
        columns: specs.map((s) => s.name),
        rowStart: groupStart,
        rowEnd: groupEnd,
        onChunk: (chunk) => {
          if (progress.signal?.aborted) throw cancelledError();
          const list = chunks.get(chunk.columnName) ?? [];
          list.push({ rowStart: chunk.rowStart, data: chunk.columnData as ArrayLike<unknown> });
          chunks.set(chunk.columnName, list);
        },
      });
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw new BundleError(`${file} cannot be read as Parquet (${(err as Error).message}).`, { file });
    }
    specs.forEach((spec, k) => {
      const sink = sinks[k] as ColumnSink;
      let row = pushed[k] as number;
      for (const part of (chunks.get(spec.name) ?? []).sort((a, b) => a.rowStart - b.rowStart)) {
        for (let i = 0; i < part.data.length; i += 1) {
          row += 1;
          sink.pushValue(part.data[i], row);
        }
      }
      pushed[k] = row;
    });
    groupStart = groupEnd;
    // The whole size is reported once, when every row is read.
    if (groupEnd < rows) progress.onProgress?.({ bytes: Math.floor((source.byteLength * groupEnd) / rows), rows: groupEnd });
  }
  const table: TableColumns = { file, header, rows, numbers: new Map(), binary: new Map(), labels: new Map(), features: new Map() };
  specs.forEach((spec, k) => {
    if (pushed[k] !== rows) throw new BundleError(`${file}: column ${spec.name} has ${countText(pushed[k] as number)} values for ${countText(rows)} rows.`, { file, column: spec.name });
    (sinks[k] as ColumnSink).finish(table);
  });
  progress.onProgress?.({ bytes: source.byteLength, rows });
  return table;
}

export function isParquet(file: string): boolean {
  return file.toLowerCase().endsWith('.parquet');
}

/** `file` is the name messages show; it is shown escaped if it holds control characters. */
export function readTable(file: string, bytes: TableBytes, specs: ColumnChoice, progress: ReadProgress = {}): Promise<TableColumns> {
  const shown = shownName(file);
  if (isParquet(file)) return readParquet(shown, bytes, specs, progress);
  if (file.toLowerCase().endsWith('.csv')) return readCsv(shown, bytes, specs, progress);
  throw new BundleError(`${shown}: data files must be .csv or .parquet.`, { file });
}

/** The header of a data file, to learn the feature columns before reading them; a CSV is read only up to its first line's end. */
export async function readHeader(name: string, input: TableBytes, csvLimits: CsvLimits = DEFAULT_CSV_LIMITS): Promise<string[]> {
  const file = shownName(name);
  if (isParquet(file)) return (await parquet()).parquetSchema(await parquetMetadataOf(file, await parquetFile(input))).children.map((c) => c.element.name);
  if (Buffer.isBuffer(input)) return readFirstLine(file, input, csvLimits);
  // Pieces until the first line ends; the row limit refuses a file without one after 16 MiB.
  const head: Buffer[] = [];
  const scanner = new CsvLimitScanner(file, csvLimits);
  let seen = 0;
  for await (const piece of input.pieces()) {
    head.push(piece);
    seen += piece.length;
    const end = scanner.headerEnd(piece);
    if (end >= 0) return readFirstLine(file, Buffer.concat(head, seen - piece.length + end), csvLimits);
  }
  return readFirstLine(file, Buffer.concat(head, seen), csvLimits);
}

/** The whole header, however long, up to the row limit: a cut header would drop columns unseen. */
async function readFirstLine(file: string, bytes: Buffer, csvLimits: CsvLimits): Promise<string[]> {
  if (bytes.length === 0) throw new BundleError(`${file} is empty; it needs a header row and at least one data row.`, { file });
  const lineEnd = new CsvLimitScanner(file, csvLimits).headerEnd(bytes);
  const head = bytes.subarray(0, lineEnd < 0 ? bytes.length : lineEnd);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head);
  } catch {
    throw new BundleError(notUtf8Sentence(file, head), { file });
  }
  const parsed = (await papa()).parse<string[]>(text, { preview: 1, header: false, skipEmptyLines: true, delimiter: ',' });
  const first = parsed.data[0];
  if (!first || first.length === 0) throw new BundleError(`${file} has no header row.`, { file });
  checkSeparator(file, first);
  return first;
}
