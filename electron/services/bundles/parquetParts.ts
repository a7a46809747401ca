import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { shownName } from '../../../shared/contract/errors';
import { parseFiniteDecimal } from '../../../shared/metrics/cells';
import { BundleError } from './bundleError';
import type { ContentSink } from './bundleReader';
import type { SourceFile } from './bundleSource';
import { ByteChunks, CodeChunks, NumberChunks } from './compactColumns';
import { hashMismatch } from './hashedRead';
import { readHeader, readTable, type ColumnSpec, type LabelColumn, type RangedBytes, type ReadProgress, type TableColumns } from './tableReader';

/**
 * Predictions written as Parquet part files, as Spark, Databricks and DuckDB write a table
 * too large for one file. The parts are read one after another, each row group by row group
 * once its hash is checked (a bad cell is named by its part and its row in that part), and
 * its rows appended to columns that grow by chunks, so no part is ever held whole. A Hive-style folder `key=value/` above a part gives the column
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

/**
 * A part unpacked once into a temporary file, hashed (and given to an import's store) on
 * the way, then read by byte ranges: hyparquet reads the footer, then each row group's
 * columns. A zip entry that is deflated cannot be read by ranges, so every part goes through
 * the file alike: the bytes parsed are the very bytes hashed (a folder file changed in
 * between cannot slip through), and memory holds a row group, never the part.
 */
async function unpacked(part: PartFile, store: ContentSink | undefined, tempDir: string): Promise<RangedBytes & { remove(): Promise<void> }> {
  const file = path.join(tempDir, `mrb-part-${randomUUID()}.parquet`);
  const hash = createHash('sha256');
  const out = await fsp.open(file, 'wx', 0o600);
  try {
    for await (const piece of part.source.pieces()) {
      hash.update(piece);
      store?.add(part.path, piece);
      await out.write(piece);
    }
  } catch (err) {
    await out.close();
    await fsp.rm(file, { force: true });
    throw err;
  }
  await out.close();
  const actual = hash.digest('hex');
  if (actual !== part.sha256) {
    await fsp.rm(file, { force: true });
    throw hashMismatch(part.path, part.index, part.sha256, actual);
  }
  const opened = await fsp.open(file, 'r');
  return {
    size: part.source.size,
    pieces: () => piecesOf(file),
    ranges: {
      byteLength: part.source.size,
      async slice(start: number, end: number = part.source.size) {
        const bytes = new Uint8Array(Math.max(0, end - start));
        for (let at = 0; at < bytes.length; ) {
          const { bytesRead } = await opened.read(bytes, at, bytes.length - at, start + at);
          if (bytesRead === 0) break;
          at += bytesRead;
        }
        return bytes.buffer;
      },
    },
    async remove() {
      await opened.close();
      await fsp.rm(file, { force: true });
    },
  };
}

async function* piecesOf(file: string): AsyncGenerator<Buffer> {
  for await (const piece of fs.createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) yield piece;
}

/**
 * Reads the parts one after another into one table, with progress per part from
 * `progressFor`; an import's `store` is given each part's bytes as they are unpacked.
 */
export async function readParquetParts(
  parts: PartFile[],
  specs: ColumnSpec[],
  progressFor: (part: PartFile) => ReadProgress,
  options: { store?: ContentSink; tempDir?: string } = {},
): Promise<TableColumns> {
  const appenders = specs.map((spec) => (spec.kind === 'number' ? numberAppender(spec) : labelAppender(spec)));
  let rows = 0;
  let header: string[] | null = null;
  for (const part of parts) {
    const partitions = hivePartitions(part.path);
    const bytes = await unpacked(part, options.store, options.tempDir ?? os.tmpdir());
    try {
      const columns = new Set(await readHeader(part.path, bytes));
      // A column the part holds is read from it; one it lacks may come from its folder.
      const own = specs.filter((s) => columns.has(s.name) || !partitions.has(s.name));
      const table = await readTable(part.path, bytes, own, progressFor(part));
      specs.forEach((spec, k) => appenders[k]?.add(table, partitions.get(spec.name), part.path, table.rows));
      rows += table.rows;
      header ??= table.header;
    } finally {
      await bytes.remove();
    }
  }
  const table: TableColumns = { file: partsFolder(parts.map((p) => p.path)), header: header ?? [], rows, numbers: new Map(), binary: new Map(), labels: new Map(), features: new Map() };
  for (const appender of appenders) appender.finish(table);
  return table;
}
