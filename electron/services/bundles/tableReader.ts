import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { namedFew, shownName, UserError } from '../../../shared/contract/errors';
import { parseFiniteDecimal } from '../../../shared/metrics/drift';
import { BundleError, cancelledError } from './bundleError';
import { formatBytes } from './byteSizes';
import { CsvLimitScanner, DEFAULT_CSV_LIMITS, type CsvLimits } from './csvLimits';
import { notUtf8Sentence } from './utf8Position';

/**
 * Reads a CSV or Parquet data file of a bundle into columns. The caller says what each
 * column must hold; every cell is checked as it is read, and the first bad one refuses
 * the bundle with its file, row and column. Rows are counted from 1 at the first data
 * row (the header is not a row).
 */

export type ColumnSpec =
  /** A finite number in every row; `check` may narrow it (e.g. 0 or 1). */
  | { kind: 'number'; name: string; check?: (v: number) => string | null }
  /** A group label: dictionary-coded; empty cells are refused. */
  | { kind: 'label'; name: string }
  /** Raw text, empty cells as null (feature columns, typed later). */
  | { kind: 'text'; name: string };

export interface LabelColumn {
  codes: Uint32Array;
  values: string[];
}

export interface TableColumns {
  file: string;
  header: string[];
  rows: number;
  numbers: Map<string, Float64Array>;
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

/** Accumulates one column's cells as they arrive, by the caller's spec. */
class ColumnSink {
  private numbers = new Float64Array(1024);
  private codes = new Uint32Array(1024);
  private dictionary = new Map<string, number>();
  private texts: (string | null)[] = [];
  private length = 0;

  constructor(
    readonly spec: ColumnSpec,
    private readonly file: string,
  ) {}

  private grow(): void {
    if (this.spec.kind === 'number') {
      const next = new Float64Array(this.numbers.length * 2);
      next.set(this.numbers);
      this.numbers = next;
    } else if (this.spec.kind === 'label') {
      const next = new Uint32Array(this.codes.length * 2);
      next.set(this.codes);
      this.codes = next;
    }
  }

  private refuse(row: number, what: string): never {
    throw new BundleError(`${this.file} row ${fmt(row)}: ${shownName(this.spec.name)} ${what}.`, { file: this.file, row, column: this.spec.name });
  }

  pushText(cell: string, row: number): void {
    const spec = this.spec;
    if (spec.kind === 'text') {
      this.texts.push(cell === '' ? null : cell);
      this.length += 1;
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
    if (this.length === this.numbers.length) this.grow();
    this.numbers[this.length] = v;
    this.length += 1;
  }

  private pushLabel(cell: string): void {
    let code = this.dictionary.get(cell);
    if (code === undefined) {
      code = this.dictionary.size;
      this.dictionary.set(cell, code);
    }
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.length += 1;
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
    if (this.spec.kind === 'number') into.numbers.set(name, this.numbers.slice(0, this.length));
    else if (this.spec.kind === 'label') into.labels.set(name, { codes: this.codes.slice(0, this.length), values: [...this.dictionary.keys()] });
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

/**
 * UTF-8 text in chunks, refusing bad bytes with their offset; never one string of the
 * whole file. Each chunk is held to the cell and row limits before the parser sees it.
 */
function* decodeChunks(file: string, bytes: Buffer, chunkSize: number, progress: ReadProgress, rowsSoFar: () => number): Generator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const limits = new CsvLimitScanner(file, progress.csvLimits ?? DEFAULT_CSV_LIMITS);
  for (let start = 0; start < bytes.length; start += chunkSize) {
    if (progress.signal?.aborted) throw cancelledError();
    const end = Math.min(bytes.length, start + chunkSize);
    limits.scan(bytes, start, end);
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length });
    } catch {
      throw new BundleError(notUtf8Sentence(file, bytes), { file });
    }
    yield text;
    progress.onProgress?.({ bytes: end, rows: rowsSoFar() });
  }
}

async function readCsv(file: string, bytes: Buffer, specs: ColumnSpec[], progress: ReadProgress): Promise<TableColumns> {
  if (bytes.length === 0) throw new BundleError(`${file} is empty; it needs a header row and at least one data row.`, { file });
  let header: string[] | null = null;
  let sinks: { sink: ColumnSink; at: number }[] = [];
  let rows = 0;
  let failure: unknown = null;

  await new Promise<void>((resolve, reject) => {
    const input = Readable.from(decodeChunks(file, bytes, 1 << 20, progress, () => rows));
    input.on('error', (err) => {
      failure = failure ?? err;
    });
    Papa.parse<string[]>(input as unknown as File, {
      header: false,
      // Papa Parse guesses the delimiter when none is given: a semicolon or tab file would be read without a word.
      delimiter: ',',
      skipEmptyLines: true,
      // Whole chunks rather than `step`: one result object per megabyte instead of per row.
      chunk: (result, parser) => {
        try {
          const firstError = result.errors[0];
          for (let i = 0; i < result.data.length; i += 1) {
            const fields = result.data[i] as string[];
            if (header === null) {
              header = fields;
              checkSeparator(file, header);
              const index = checkHeader(file, header, specs);
              sinks = specs.map((spec) => ({ sink: new ColumnSink(spec, file), at: index.get(spec.name) as number }));
              continue;
            }
            rows += 1;
            if (firstError !== undefined && firstError.row === i) {
              throw new BundleError(`${file} row ${fmt(rows)}: ${firstError.message} (RFC 4180 quoting expected).`, { file, row: rows });
            }
            if (fields.length !== header.length) {
              throw new BundleError(`${file} row ${fmt(rows)} has ${fields.length} field${fields.length === 1 ? '' : 's'}; the header has ${header.length}.`, { file, row: rows });
            }
            for (const { sink, at } of sinks) sink.pushText(fields[at] as string, rows);
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
  if (header === null) throw new BundleError(`${file} is empty; it needs a header row and at least one data row.`, { file });
  if (rows === 0) throw new BundleError(`${file} has a header but no data rows.`, { file });
  progress.onProgress?.({ bytes: bytes.length, rows });
  const table: TableColumns = { file, header, rows, numbers: new Map(), labels: new Map(), texts: new Map() };
  for (const { sink } of sinks) sink.finish(table);
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

async function readParquet(file: string, bytes: Buffer, specs: ColumnSpec[], progress: ReadProgress): Promise<TableColumns> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata;
  try {
    metadata = parquetMetadata(buffer);
  } catch (err) {
    throw new BundleError(`${file} is not a readable Parquet file (${(err as Error).message}).`, { file });
  }
  const header = parquetSchema(metadata).children.map((c) => c.element.name);
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
  const table: TableColumns = { file, header, rows, numbers: new Map(), labels: new Map(), texts: new Map() };
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
export function readTable(file: string, bytes: Buffer, specs: ColumnSpec[], progress: ReadProgress = {}): Promise<TableColumns> {
  const shown = shownName(file);
  if (isParquet(file)) return readParquet(shown, bytes, specs, progress);
  if (file.toLowerCase().endsWith('.csv')) return readCsv(shown, bytes, specs, progress);
  throw new BundleError(`${shown}: data files must be .csv or .parquet.`, { file });
}

/** The header of a data file, to learn the feature columns before reading them. */
export async function readHeader(name: string, bytes: Buffer, csvLimits: CsvLimits = DEFAULT_CSV_LIMITS): Promise<string[]> {
  const file = shownName(name);
  if (isParquet(file)) {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    try {
      return parquetSchema(parquetMetadata(buffer)).children.map((c) => c.element.name);
    } catch (err) {
      throw new BundleError(`${file} is not a readable Parquet file (${(err as Error).message}).`, { file });
    }
  }
  return readFirstLine(file, bytes, csvLimits);
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
