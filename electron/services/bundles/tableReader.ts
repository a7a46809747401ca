import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { namedFew, shownName, UserError } from '../../../shared/contract/errors';
import { parseFiniteDecimal } from '../../../shared/metrics/drift';
import { BundleError, cancelledError } from './bundleError';
import { formatBytes } from './byteSizes';
import { CsvLimitScanner, DEFAULT_CSV_LIMITS, type CsvLimits } from './csvLimits';
import type { GroupCodes } from '../../../shared/metrics/partition';
import { ByteChunks, ByteDictionary, CodeChunks, NumberChunks } from './compactColumns';
import { CsvBytes, type LineEnds } from './csvBytes';
import { notUtf8Sentence, notUtf8SentenceOf } from './utf8Position';

/**
 * Reads a CSV or Parquet data file of a bundle into columns. The caller says what each
 * column must hold; every cell is checked as it is read, and the first bad one refuses
 * the bundle with its file, row and column. Rows are counted from 1 at the first data
 * row (the header is not a row).
 */

export type ColumnSpec =
  /**
   * A finite number in every row; `check` may narrow it (e.g. 0 or 1). `binary` when the
   * check admits 0 and 1 only: the column is then kept a byte a row, in `binary`.
   */
  | { kind: 'number'; name: string; check?: (v: number) => string | null; binary?: boolean }
  /** A group label: dictionary-coded; empty cells are refused. */
  | { kind: 'label'; name: string }
  /** Raw text, empty cells as null (feature columns, typed later). */
  | { kind: 'text'; name: string };

export interface LabelColumn {
  codes: GroupCodes;
  values: string[];
}

/**
 * A data file's bytes: whole, or read in pieces from its start on each call (a bundle's
 * SourceFile), so that a CSV is parsed as it is read and never held whole.
 */
export type TableBytes = Buffer | { readonly size: number; pieces(): AsyncIterable<Buffer> };

/** The columns to read, or how to choose them from the header (drift reads them all). */
export type ColumnChoice = ColumnSpec[] | ((header: string[]) => ColumnSpec[]);

const PIECE_BYTES = 1 << 20;

async function* slices(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; start += PIECE_BYTES) yield bytes.subarray(start, Math.min(bytes.length, start + PIECE_BYTES));
}

function piecesOf(input: TableBytes): AsyncIterable<Buffer> {
  return Buffer.isBuffer(input) ? slices(input) : input.pieces();
}

function sizeOf(input: TableBytes): number {
  return Buffer.isBuffer(input) ? input.length : input.size;
}

/** A Parquet file is read from its footer back, so it is held whole. */
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
  texts: Map<string, (string | null)[]>;
}

export interface ReadProgress {
  /** Bytes of this file parsed so far, and rows. */
  onProgress?: (done: { bytes: number; rows: number }) => void;
  signal?: AbortSignal;
  csvLimits?: CsvLimits;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

const BOOLEAN_TEXT = new Map([
  ['true', 1],
  ['True', 1],
  ['TRUE', 1],
  ['false', 0],
  ['False', 0],
  ['FALSE', 0],
]);

/** Accumulates one column's cells as they arrive, by the caller's spec, in chunks. */
class ColumnSink {
  private readonly numbers: NumberChunks | ByteChunks;
  private readonly codes = new CodeChunks();
  private readonly dictionary = new Map<string, number>();
  /** Group values by their bytes, so a row's value is found without making its string. */
  private readonly byteCodes = new ByteDictionary();
  private readonly texts: (string | null)[] = [];

  constructor(
    readonly spec: ColumnSpec,
    private readonly file: string,
  ) {
    this.numbers = spec.kind === 'number' && spec.binary === true ? new ByteChunks() : new NumberChunks();
  }

  private refuse(row: number, what: string): never {
    throw new BundleError(`${this.file} row ${fmt(row)}: ${shownName(this.spec.name)} ${what}.`, { file: this.file, row, column: this.spec.name });
  }

  pushText(cell: string, row: number): void {
    const spec = this.spec;
    if (spec.kind === 'text') {
      this.texts.push(cell === '' ? null : cell);
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
    const problem = spec.check?.(v);
    if (problem) this.refuse(row, problem);
    this.numbers.push(v);
  }

  private pushLabel(cell: string): number {
    let code = this.dictionary.get(cell);
    if (code === undefined) {
      code = this.dictionary.size;
      this.dictionary.set(cell, code);
    }
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

  finish(into: TableColumns): void {
    const name = this.spec.name;
    if (this.numbers instanceof ByteChunks) into.binary.set(name, this.numbers.finish());
    else if (this.spec.kind === 'number') into.numbers.set(name, this.numbers.finish());
    else if (this.spec.kind === 'label') into.labels.set(name, { codes: this.codes.finish(this.dictionary.size), values: [...this.dictionary.keys()] });
    else into.texts.set(name, this.texts);
  }
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
  for (const { sink, at } of sinks) if (sink.spec.kind === 'number') numeric[at] = 1;
  return numeric;
}

interface CsvState {
  header: string[] | null;
  sinks: { sink: ColumnSink; at: number }[];
  rows: number;
}

/**
 * Rows of text by Papa Parse: files with quotes or mixed line ends, from where the byte
 * reader handed over. `newline` is the line end of the rows already read, when some were.
 */
async function papaRows(file: string, text: AsyncIterable<string>, state: CsvState, begin: (header: string[]) => void, newline?: '\n' | '\r\n'): Promise<void> {
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
              throw new BundleError(`${file} row ${fmt(rows)}: ${firstError.message} (RFC 4180 quoting expected).`, { file, row: rows });
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
  throw new BundleError(`${file} row ${fmt(row)} has ${fields} field${fields === 1 ? '' : 's'}; the header has ${expected}.`, { file, row });
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
  const bytes = new CsvBytes(
    {
      header: (fields) => {
        begin(fields);
        return numericColumns(fields.length, state.sinks);
      },
      row: (buffer, { starts, ends, numbers }, fields, ascii) => {
        const row = (state.rows += 1);
        const width = (state.header as string[]).length;
        if (fields !== width) raggedRow(file, row, fields, width);
        const sinks = state.sinks;
        for (let k = 0; k < sinks.length; k += 1) {
          const { sink, at } = sinks[k] as { sink: ColumnSink; at: number };
          sink.pushBytes(buffer, starts[at] as number, ends[at] as number, numbers[at] as number, ascii, row);
        }
      },
    },
    () => {
      failedUtf8 = true;
      throw new Error('not UTF-8');
    },
  );
  const pieces = scannedPieces(file, input, progress, read)[Symbol.asyncIterator]();
  let handover: { rest: Buffer; lineEnds: LineEnds } | null = null;
  try {
    while (handover === null) {
      const step = await pieces.next();
      if (step.done) {
        handover = bytes.end();
        break;
      }
      handover = bytes.push(step.value);
    }
  } catch (err) {
    if (failedUtf8) await notUtf8();
    throw err;
  }
  if (handover !== null) {
    // The rows already read fix the line end; from the start, Papa Parse guesses it as it always did.
    const newline = state.header === null ? undefined : handover.lineEnds === 'crlf' ? '\r\n' : '\n';
    await papaRows(file, textOf(handover.rest, pieces, notUtf8), state, begin, newline);
  }
  const header = state.header;
  if (header === null) throw new BundleError(`${file} is empty; it needs a header row and at least one data row.`, { file });
  if (state.rows === 0) throw new BundleError(`${file} has a header but no data rows.`, { file });
  progress.onProgress?.({ bytes: read.bytes, rows: state.rows });
  const table: TableColumns = { file, header, rows: state.rows, numbers: new Map(), binary: new Map(), labels: new Map(), texts: new Map() };
  for (const { sink } of state.sinks) sink.finish(table);
  return table;
}

/** Bytes the columns read may decompress to, by the file's own metadata, in all. */
const MAX_PARQUET_UNPACKED_BYTES = 2 * 1024 ** 3;
/** Times its compressed size a Parquet column may decompress to (as for zip entries). */
const MAX_PARQUET_RATIO = 200;

/** Refuses, from the footer, columns that would decompress past the limits: a Parquet file can be a bomb like a zip. */
function checkParquetSizes(file: string, metadata: ReturnType<typeof parquetMetadata>, specs: ColumnSpec[]): void {
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

async function readParquet(file: string, input: TableBytes, choice: ColumnChoice, progress: ReadProgress): Promise<TableColumns> {
  const bytes = await wholeOf(input);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata;
  try {
    metadata = parquetMetadata(buffer);
  } catch (err) {
    throw new BundleError(`${file} is not a readable Parquet file (${(err as Error).message}).`, { file });
  }
  const header = parquetSchema(metadata).children.map((c) => c.element.name);
  const specs = typeof choice === 'function' ? choice(header) : choice;
  checkHeader(file, header, specs);
  const rows = Number(metadata.num_rows);
  if (rows === 0) throw new BundleError(`${file} has columns but no data rows.`, { file });
  checkParquetSizes(file, metadata, specs);
  const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>();
  try {
    await parquetRead({
      file: buffer,
      metadata,
      compressors,
      columns: specs.map((s) => s.name),
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
  const table: TableColumns = { file, header, rows, numbers: new Map(), binary: new Map(), labels: new Map(), texts: new Map() };
  for (const spec of specs) {
    const sink = new ColumnSink(spec, file);
    const parts = (chunks.get(spec.name) ?? []).sort((a, b) => a.rowStart - b.rowStart);
    let row = 0;
    for (const part of parts) {
      for (let i = 0; i < part.data.length; i += 1) {
        row += 1;
        sink.pushValue(part.data[i], row);
      }
    }
    if (row !== rows) throw new BundleError(`${file}: column ${spec.name} has ${fmt(row)} values for ${fmt(rows)} rows.`, { file, column: spec.name });
    sink.finish(table);
  }
  progress.onProgress?.({ bytes: bytes.length, rows });
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
  if (isParquet(file)) {
    const bytes = await wholeOf(input);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    try {
      return parquetSchema(parquetMetadata(buffer)).children.map((c) => c.element.name);
    } catch (err) {
      throw new BundleError(`${file} is not a readable Parquet file (${(err as Error).message}).`, { file });
    }
  }
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
function readFirstLine(file: string, bytes: Buffer, csvLimits: CsvLimits): string[] {
  if (bytes.length === 0) throw new BundleError(`${file} is empty; it needs a header row and at least one data row.`, { file });
  const lineEnd = new CsvLimitScanner(file, csvLimits).headerEnd(bytes);
  const head = bytes.subarray(0, lineEnd < 0 ? bytes.length : lineEnd);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head);
  } catch {
    throw new BundleError(notUtf8Sentence(file, head), { file });
  }
  const parsed = Papa.parse<string[]>(text, { preview: 1, header: false, skipEmptyLines: true, delimiter: ',' });
  const first = parsed.data[0];
  if (!first || first.length === 0) throw new BundleError(`${file} has no header row.`, { file });
  checkSeparator(file, first);
  return first;
}
