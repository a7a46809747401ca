import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { shownName } from '../../../shared/contract/errors';
import { BundleError } from './bundleError';
import { formatBytes } from './byteSizes';

/**
 * A bundle's files, from a folder or a .zip of one, as named relative paths that are read
 * on demand, in pieces. Everything unsafe is refused here, before any file is read: links,
 * paths that leave the bundle, and archives that would unpack past the size limit.
 */

/** One file of a bundle: its size as listed, and its bytes streamed from the start on each call. */
export interface SourceFile {
  /** The folder listing's size, or the size the zip's central directory declares (yauzl holds the entry to it). */
  readonly size: number;
  /** The bytes in pieces of about 1 MiB, never the whole file at once. */
  pieces(): AsyncIterable<Buffer>;
}

export interface BundleSource {
  /** What the user named: the folder or the zip. */
  readonly origin: string;
  /** Every file in the bundle, relative, forward-slashed. */
  readonly files: ReadonlyMap<string, SourceFile>;
  /** Releases the zip's file handle; files cannot be read after. */
  close(): void;
}

/** A file read whole: for the small files parsed whole (bundle.json, JSON evidence) and files an import stores. */
export async function readWhole(file: SourceFile): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of file.pieces()) pieces.push(piece);
  return pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces);
}

export interface SourceLimits {
  /** Total bytes a bundle may unpack to. */
  maxTotalBytes: number;
  /**
   * Bytes one file may hold. An import stores each file as one blob (SQLite's own limit for
   * a blob is 1e9), and JSON evidence and Parquet files are held whole to be parsed.
   */
  maxFileBytes?: number;
  /** How many times its compressed size a zip entry may unpack to (a zip bomb's is ~1,000). */
  maxCompressionRatio?: number;
  /**
   * Bytes a .csv file may hold when the reader streams data files and holds none (mrb
   * validate); any file it holds after all is held to maxFileBytes by the reader.
   */
  maxStreamedCsvBytes?: number;
}

export const DEFAULT_LIMITS: Required<SourceLimits> = { maxTotalBytes: 2 * 1024 ** 3, maxFileBytes: 512 * 1024 ** 2, maxCompressionRatio: 200, maxStreamedCsvBytes: 512 * 1024 ** 2 };

/** The most a file of this name may hold in this reading. */
export function fileLimit(name: string, limits: Required<SourceLimits>): number {
  return name.toLowerCase().endsWith('.csv') ? Math.max(limits.maxFileBytes, limits.maxStreamedCsvBytes) : limits.maxFileBytes;
}

/** Entries smaller than this are not held to the ratio: a small JSON of spaces may compress 500×. */
const RATIO_FREE_BYTES = 1024 * 1024;

function unsafeName(name: string): string | null {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.includes('\\')) return 'uses backslashes';
  if (name.split('/').some((part) => part === '..')) return 'climbs out of the bundle with ".."';
  return null;
}

const PIECE_BYTES = 1024 * 1024;

/**
 * A folder file's pieces, read with a fixed buffer per piece. A file that changed size since
 * it was listed is read as it is now; its size and hash checks name it.
 */
function folderFile(abs: string, size: number): SourceFile {
  return {
    size,
    async *pieces() {
      const fd = fs.openSync(abs, 'r');
      try {
        for (;;) {
          const piece = Buffer.allocUnsafe(PIECE_BYTES);
          const n = fs.readSync(fd, piece, 0, PIECE_BYTES, null);
          if (n === 0) return;
          yield n === PIECE_BYTES ? piece : piece.subarray(0, n);
        }
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

function listFolder(root: string, limits: Required<SourceLimits>): Map<string, SourceFile> {
  const files = new Map<string, SourceFile>();
  let total = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (entry.isSymbolicLink()) throw new BundleError(`${shownName(rel)} is a symbolic link; bundles must hold plain files only.`, { file: rel });
      if (entry.isDirectory()) {
        walk(abs);
        continue;
      }
      if (!entry.isFile()) throw new BundleError(`${shownName(rel)} is not a plain file.`, { file: rel });
      const size = fs.statSync(abs).size;
      if (size > fileLimit(rel, limits)) {
        throw new BundleError(`${shownName(rel)} is ${formatBytes(size)}; a bundle file may be at most ${formatBytes(fileLimit(rel, limits))}.`, { file: rel });
      }
      total += size;
      if (total > limits.maxTotalBytes) {
        throw new BundleError(`The bundle is larger than the limit of ${formatBytes(limits.maxTotalBytes)}.`, { file: rel });
      }
      files.set(rel, folderFile(abs, size));
    }
  };
  walk(root);
  return files;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: yauzl would refuse "../x" or "/x" with its own terse error; our
    // checks below name the entry and the reason instead.
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: false }, (err, zip) => {
      if (err || !zip) reject(err ?? new Error('no zip'));
      else resolve(zip);
    });
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream & { destroy(): void }> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) reject(err ?? new Error('no stream'));
      else resolve(stream);
    });
  });
}

/**
 * A zip entry inflated piece by piece as it is consumed. Inflate's 16 KiB pieces are
 * gathered to about 1 MiB, so the parser sees few, large pieces. validateEntrySizes makes
 * yauzl fail the entry as soon as it inflates past its declared size, so the sizes checked
 * from the central directory bound what is read.
 */
function zipFile(zip: yauzl.ZipFile, entry: yauzl.Entry, archive: string): SourceFile {
  const refuse = (err: unknown): never => {
    if (err instanceof BundleError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    const reason = /too many bytes/.test(message) ? `it unpacks to more than the ${formatBytes(entry.uncompressedSize)} its header declares` : message;
    throw new BundleError(`${archive}: the entry "${shownName(entry.fileName)}" cannot be read (${reason}).`, { file: entry.fileName });
  };
  return {
    size: entry.uncompressedSize,
    async *pieces() {
      const stream = await openEntry(zip, entry).catch(refuse);
      let held: Buffer[] = [];
      let heldBytes = 0;
      try {
        try {
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            held.push(chunk);
            heldBytes += chunk.length;
            if (heldBytes >= PIECE_BYTES) {
              const piece = Buffer.concat(held, heldBytes);
              held = [];
              heldBytes = 0;
              yield piece;
            }
          }
        } catch (err) {
          refuse(err);
        }
        if (heldBytes > 0) yield Buffer.concat(held, heldBytes);
      } finally {
        // A reader that stops early (a refused cell, a header read) leaves the rest uninflated.
        stream.destroy();
      }
    },
  };
}

async function listZip(file: string, limits: Required<SourceLimits>): Promise<{ files: Map<string, SourceFile>; zip: yauzl.ZipFile }> {
  const name = shownName(path.basename(file));
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (err) {
    throw new BundleError(`${name} is not a readable zip archive (${(err as Error).message}).`, { file: name });
  }
  try {
    const all: yauzl.Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        // Names are read as UTF-8 (what zip tools write today, flag 11); CP437 names of old
        // tools come through as replacement characters, still refused or kept by the rules below.
        e.fileName = (e.fileName as unknown as Buffer).toString('utf8');
        all.push(e);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    }).catch((err: Error) => {
      throw new BundleError(`${name} is not a valid zip archive: ${err.message}.`, { file: name });
    });

    // The Finder's zips carry resource forks under __MACOSX/ and .DS_Store folder settings: read as if absent.
    const entries = all.filter((e) => !e.fileName.startsWith('__MACOSX/') && e.fileName.split('/').pop() !== '.DS_Store');
    // Everything is checked from the central directory before a single byte is inflated.
    let declared = 0;
    const seen = new Set<string>();
    for (const e of entries) {
      const entry = shownName(e.fileName);
      const problem = unsafeName(e.fileName);
      if (problem) throw new BundleError(`${name}: the entry "${entry}" ${problem}; the archive is refused.`, { file: e.fileName });
      const mode = (e.externalFileAttributes >>> 16) & S_IFMT;
      if (mode === S_IFLNK) throw new BundleError(`${name}: the entry "${entry}" is a symbolic link; bundles must hold plain files only.`, { file: e.fileName });
      if (seen.has(e.fileName)) throw new BundleError(`${name}: the entry "${entry}" appears twice.`, { file: e.fileName });
      seen.add(e.fileName);
      if (e.uncompressedSize > fileLimit(e.fileName, limits)) {
        throw new BundleError(
          `${name}: the entry "${entry}" would unpack to ${formatBytes(e.uncompressedSize)}; a bundle file may be at most ${formatBytes(fileLimit(e.fileName, limits))}. The archive is refused.`,
          { file: e.fileName },
        );
      }
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      if (e.uncompressedSize > RATIO_FREE_BYTES && ratio > limits.maxCompressionRatio) {
        throw new BundleError(
          `${name}: the entry "${entry}" would unpack to ${formatBytes(e.uncompressedSize)} from ${formatBytes(e.compressedSize)}, ${Math.round(ratio)} times its size; at most ${limits.maxCompressionRatio} times is accepted. The archive is refused.`,
          { file: e.fileName },
        );
      }
      declared += e.uncompressedSize;
      if (declared > limits.maxTotalBytes) {
        throw new BundleError(`${name} would unpack to more than the limit of ${formatBytes(limits.maxTotalBytes)}; the archive is refused.`, { file: name });
      }
    }
    const files = new Map<string, SourceFile>();
    for (const e of entries) if (!e.fileName.endsWith('/')) files.set(e.fileName, zipFile(zip, e, name));
    return { files, zip };
  } catch (err) {
    zip.close();
    throw err;
  }
}

/**
 * A zip "of a folder" usually holds `folder/bundle.json`; such a single top folder is
 * taken as the bundle root.
 */
function rootedAtManifest(files: Map<string, SourceFile>): Map<string, SourceFile> {
  if (files.has('bundle.json')) return files;
  const tops = new Set([...files.keys()].map((k) => k.split('/')[0]));
  const [top] = [...tops];
  if (tops.size === 1 && top !== undefined && files.has(`${top}/bundle.json`)) {
    const prefix = `${top}/`;
    return new Map([...files].map(([k, v]) => [k.slice(prefix.length), v]));
  }
  return files;
}

export async function openBundleSource(origin: string, given: SourceLimits = DEFAULT_LIMITS): Promise<BundleSource> {
  const limits: Required<SourceLimits> = { ...DEFAULT_LIMITS, ...given };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(origin);
  } catch {
    throw new BundleError(`There is no bundle at ${shownName(origin)}.`, { file: origin });
  }
  let files: Map<string, SourceFile>;
  let close = () => undefined as void;
  if (stat.isDirectory()) files = listFolder(origin, limits);
  else if (stat.isFile()) {
    const listed = await listZip(origin, limits);
    files = listed.files;
    close = () => listed.zip.close();
  } else throw new BundleError(`${shownName(origin)} is neither a folder nor a zip file.`, { file: origin });
  files = rootedAtManifest(files);
  if (!files.has('bundle.json')) {
    close();
    throw new BundleError(`${shownName(path.basename(origin))} has no bundle.json at its top; it is not an evaluation bundle.`, { file: 'bundle.json' });
  }
  return { origin, files, close };
}
