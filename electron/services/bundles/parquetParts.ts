import { createHash } from 'node:crypto';
import { shownName } from '../../../shared/contract/errors';
import { parseFiniteDecimal } from '../../../shared/metrics/drift';
import { BundleError } from './bundleError';
import type { ContentSink } from './bundleReader';
import { readWhole, type SourceFile } from './bundleSource';
import { ByteChunks, CodeChunks, NumberChunks } from './compactColumns';
import { hashMismatch } from './hashedRead';
import { readHeader, readTable, type ColumnSpec, type LabelColumn, type ReadProgress, type TableColumns } from './tableReader';

/**
 * Predictions written as Parquet part files, as Spark, Databricks and DuckDB write a table
 * too large for one file. The parts are read one after another, each held only while it is
 * hashed, checked and parsed (a bad cell is named by its part and its row in that part),
 * and its rows appended to columns that grow by chunks; then it is let go, so the parts
 * are never held together. A Hive-style folder `key=value/` above a part gives the column
 * `key` the value `value` in all its rows: the writers leave such a column out of the part.
 */

/** A part as the manifest lists it, read when its turn comes. */
export interface PartFile {
  path: string;
  sha256: string;
  /** Its place in bundle.json's files, for a hash mismatch. */
  index: number;
  source: SourceFile;
}

/** What Hive writes for a partition whose value is null. */
const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__';

/** The `key=value` folders above a part, values unescaped as Hive escapes them (%XX). */
export function hivePartitions(partPath: string): Map<string, string | null> {
  const keys = new Map<string, string | null>();
  for (const folder of partPath.split('/').slice(0, -1)) {
    const at = folder.indexOf('=');
    if (at <= 0) continue;
    const raw = folder.slice(at + 1);
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      throw new BundleError(`${shownName(partPath)}: the partition folder "${shownName(folder)}" has a malformed %-escape in its value.`, { file: partPath });
    }
    keys.set(decodeURIComponent(folder.slice(0, at)), raw === HIVE_NULL ? null : value);
  }
  return keys;
}

/** The folder that holds all the parts, named for the predictions as a whole. */
export function partsFolder(paths: string[]): string {
  const folders = paths.map((p) => p.split('/').slice(0, -1));
  const first = folders[0] ?? [];
  let common = 0;
  while (common < first.length && folders.every((f) => f[common] === first[common])) common += 1;
  // Partition folders differ between parts; a shared one still names a slice, not the table.
  const shared = first.slice(0, common).filter((f) => !f.includes('='));
  return shared.length === 0 ? './' : `${shared.join('/')}/`;
}

interface Appender {
  add(part: TableColumns, fromPath: string | null | undefined, partPath: string, rows: number): void;
  finish(table: TableColumns): void;
}

function numberAppender(spec: Extract<ColumnSpec, { kind: 'number' }>): Appender {
  // A binary label a byte a row, as a CSV's; other numbers as float64.
  const values = spec.binary === true ? new ByteChunks() : new NumberChunks();
  return {
    add(part, fromPath, partPath, rows) {
      const column = part.numbers.get(spec.name) ?? part.binary.get(spec.name);
      if (column) {
        for (let i = 0; i < rows; i += 1) values.push(column[i] as number);
        return;
      }
      const v = fromPath === null || fromPath === undefined ? null : parseFiniteDecimal(fromPath);
      const problem = v === null ? `is "${shownName(fromPath ?? '')}", expected a number` : spec.check?.(v);
      if (problem) {
        throw new BundleError(`${shownName(partPath)}: ${shownName(spec.name)} in its partition folder ${problem}.`, { file: partPath, column: spec.name });
      }
      for (let i = 0; i < rows; i += 1) values.push(v as number);
    },
    finish(table) {
      if (values instanceof ByteChunks) table.binary.set(spec.name, values.finish());
      else table.numbers.set(spec.name, values.finish());
    },
  };
}

function labelAppender(spec: ColumnSpec): Appender {
  const codes = new CodeChunks();
  const values: string[] = [];
  const dictionary = new Map<string, number>();
  const codeOf = (value: string): number => {
    let code = dictionary.get(value);
    if (code === undefined) {
      code = values.length;
      dictionary.set(value, code);
      values.push(value);
    }
    return code;
  };
  return {
    add(part, fromPath, partPath, rows) {
      const column: LabelColumn | undefined = part.labels.get(spec.name);
      if (column) {
        const recode = Uint32Array.from(column.values, codeOf);
        for (let i = 0; i < rows; i += 1) codes.push(recode[column.codes[i] as number] as number);
        return;
      }
      if (fromPath === null || fromPath === undefined || fromPath === '') {
        throw new BundleError(`${shownName(partPath)}: ${shownName(spec.name)} is empty in its partition folder.`, { file: partPath, column: spec.name });
      }
      const code = codeOf(fromPath);
      for (let i = 0; i < rows; i += 1) codes.push(code);
    },
    finish(table) {
      table.labels.set(spec.name, { codes: codes.finish(values.length), values });
    },
  };
}

/** A part's bytes, read whole (its footer comes last) and held to the hash bundle.json lists. */
async function checkedBytes(part: PartFile, store: ContentSink | undefined): Promise<Buffer> {
  const data = await readWhole(part.source);
  const actual = createHash('sha256').update(data).digest('hex');
  if (actual !== part.sha256) throw hashMismatch(part.path, part.index, part.sha256, actual);
  store?.add(part.path, data);
  return data;
}

/**
 * Reads the parts one after another into one table, with progress per part from
 * `progressFor`; an import's `store` is given each part's bytes once they are checked.
 */
export async function readParquetParts(parts: PartFile[], specs: ColumnSpec[], progressFor: (part: PartFile) => ReadProgress, store?: ContentSink): Promise<TableColumns> {
  const appenders = specs.map((spec) => (spec.kind === 'number' ? numberAppender(spec) : labelAppender(spec)));
  let rows = 0;
  let header: string[] | null = null;
  for (const part of parts) {
    const partitions = hivePartitions(part.path);
    const data = await checkedBytes(part, store);
    const columns = new Set(await readHeader(part.path, data));
    // A column the part holds is read from it; one it lacks may come from its folder.
    const own = specs.filter((s) => columns.has(s.name) || !partitions.has(s.name));
    const table = await readTable(part.path, data, own, progressFor(part));
    specs.forEach((spec, k) => appenders[k]?.add(table, partitions.get(spec.name), part.path, table.rows));
    rows += table.rows;
    header ??= table.header;
  }
  const table: TableColumns = { file: partsFolder(parts.map((p) => p.path)), header: header ?? [], rows, numbers: new Map(), binary: new Map(), labels: new Map(), texts: new Map() };
  for (const appender of appenders) appender.finish(table);
  return table;
}
