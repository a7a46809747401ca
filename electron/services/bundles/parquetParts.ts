import { shownName } from '../../../shared/contract/errors';
import { parseFiniteDecimal } from '../../../shared/metrics/drift';
import { BundleError } from './bundleError';
import { readHeader, readTable, type ColumnSpec, type LabelColumn, type ReadProgress, type TableColumns } from './tableReader';

/**
 * Predictions written as Parquet part files, as Spark, Databricks and DuckDB write a table
 * too large for one file. Each part is read and checked on its own (a bad cell is named by
 * its part and its row in that part), then appended to one table. A Hive-style folder
 * `key=value/` above a part gives the column `key` the value `value` in all its rows: the
 * writers leave such a column out of the part itself.
 */

export interface PartFile {
  path: string;
  data: Buffer;
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

function numberAppender(spec: Extract<ColumnSpec, { kind: 'number' }>, total: number): Appender {
  const values = new Float64Array(total);
  let at = 0;
  return {
    add(part, fromPath, partPath, rows) {
      const column = part.numbers.get(spec.name) ?? part.binary.get(spec.name);
      if (column) {
        values.set(column, at);
      } else {
        const v = fromPath === null || fromPath === undefined ? null : parseFiniteDecimal(fromPath);
        const problem = v === null ? `is "${shownName(fromPath ?? '')}", expected a number` : spec.check?.(v);
        if (problem) {
          throw new BundleError(`${shownName(partPath)}: ${shownName(spec.name)} in its partition folder ${problem}.`, { file: partPath, column: spec.name });
        }
        values.fill(v as number, at, at + rows);
      }
      at += rows;
    },
    finish(table) {
      table.numbers.set(spec.name, values);
    },
  };
}

function labelAppender(spec: ColumnSpec, total: number): Appender {
  const codes = new Uint32Array(total);
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
  let at = 0;
  return {
    add(part, fromPath, partPath, rows) {
      const column: LabelColumn | undefined = part.labels.get(spec.name);
      if (column) {
        const recode = Uint32Array.from(column.values, codeOf);
        for (let i = 0; i < rows; i += 1) codes[at + i] = recode[column.codes[i] as number] as number;
      } else {
        if (fromPath === null || fromPath === undefined || fromPath === '') {
          throw new BundleError(`${shownName(partPath)}: ${shownName(spec.name)} is empty in its partition folder.`, { file: partPath, column: spec.name });
        }
        codes.fill(codeOf(fromPath), at, at + rows);
      }
      at += rows;
    },
    finish(table) {
      table.labels.set(spec.name, { codes, values });
    },
  };
}

/** Reads the parts one after another into one table, with progress per part from `progressFor`. */
export async function readParquetParts(parts: PartFile[], specs: ColumnSpec[], progressFor: (part: PartFile) => ReadProgress): Promise<TableColumns> {
  const read: { part: PartFile; table: TableColumns; partitions: Map<string, string | null> }[] = [];
  for (const part of parts) {
    const partitions = hivePartitions(part.path);
    const header = new Set(await readHeader(part.path, part.data));
    // A column the part holds is read from it; one it lacks may come from its folder.
    const own = specs.filter((s) => header.has(s.name) || !partitions.has(s.name));
    read.push({ part, table: await readTable(part.path, part.data, own, progressFor(part)), partitions });
  }
  const total = read.reduce((n, r) => n + r.table.rows, 0);
  const appenders = specs.map((spec) => (spec.kind === 'number' ? numberAppender(spec, total) : labelAppender(spec, total)));
  for (const { part, table, partitions } of read) {
    specs.forEach((spec, k) => appenders[k]?.add(table, partitions.get(spec.name), part.path, table.rows));
  }
  const first = read[0]?.table;
  const table: TableColumns = { file: partsFolder(parts.map((p) => p.path)), header: first?.header ?? [], rows: total, numbers: new Map(), binary: new Map(), labels: new Map(), texts: new Map() };
  for (const appender of appenders) appender.finish(table);
  return table;
}
