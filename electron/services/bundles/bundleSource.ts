import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { shownName } from '../../../shared/contract/errors';
import { BundleError } from './bundleError';
import { formatBytes } from './byteSizes';
import { CsvLimitScanner } from './csvLimits';

/**
 * A bundle's files, from a folder or a .zip of one, as named relative paths with their
 * bytes. Everything unsafe is refused here, before any file is parsed: links, paths that
 * leave the bundle, and archives that would unpack past the size limit.
 */
export interface BundleSource {
  /** What the user named: the folder or the zip. */
  readonly origin: string;
  /** Every file in the bundle, relative, forward-slashed. */
  readonly files: ReadonlyMap<string, Buffer>;
}

export interface SourceLimits {
  /** Total bytes a bundle may unpack to. */
  maxTotalBytes: number;
  /**
   * Bytes one file may hold. Files are held whole (they are hashed, parsed and stored as
   * one blob), so this bounds the memory of a read; SQLite's own limit for a blob is 1e9.
   */
  maxFileBytes?: number;
  /** How many times its compressed size a zip entry may unpack to (a zip bomb's is ~1,000). */
  maxCompressionRatio?: number;
}

export const DEFAULT_LIMITS: Required<SourceLimits> = { maxTotalBytes: 2 * 1024 ** 3, maxFileBytes: 512 * 1024 ** 2, maxCompressionRatio: 200 };

/** Entries smaller than this are not held to the ratio: a small JSON of spaces may compress 500×. */
const RATIO_FREE_BYTES = 1024 * 1024;

function unsafeName(name: string): string | null {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.includes('\\')) return 'uses backslashes';
  if (name.split('/').some((part) => part === '..')) return 'climbs out of the bundle with ".."';
  return null;
}

function isCsv(name: string): boolean {
  return name.toLowerCase().endsWith('.csv');
}

/**
 * Reads a file once; a CSV is walked for its cell and row limits piece by piece as it is
 * read, so a giant cell is refused after a megabyte of reading, not after the file is in
 * memory. The buffer is the size the folder listing gave; a file changed meanwhile is
 * read up to that size and the manifest's hash check names it.
 */
function readFileOnce(abs: string, rel: string, size: number): Buffer {
  const scanner = isCsv(rel) ? new CsvLimitScanner(shownName(rel)) : null;
  const data = Buffer.allocUnsafe(size);
  const fd = fs.openSync(abs, 'r');
  try {
    let at = 0;
    while (at < size) {
      const n = fs.readSync(fd, data, at, Math.min(1024 * 1024, size - at), at);
      if (n === 0) break;
      scanner?.scan(data, at, at + n);
      at += n;
    }
    return at === size ? data : data.subarray(0, at);
  } finally {
    fs.closeSync(fd);
  }
}

function readFolder(root: string, limits: Required<SourceLimits>): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
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
      if (size > limits.maxFileBytes) {
        throw new BundleError(`${shownName(rel)} is ${formatBytes(size)}; a bundle file may be at most ${formatBytes(limits.maxFileBytes)}.`, { file: rel });
      }
      total += size;
      if (total > limits.maxTotalBytes) {
        throw new BundleError(`The bundle is larger than the limit of ${formatBytes(limits.maxTotalBytes)}.`, { file: rel });
      }
      files.set(rel, readFileOnce(abs, rel, size));
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

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(err ?? new Error('no stream'));
        return;
      }
      const chunks: Buffer[] = [];
      const scanner = isCsv(entry.fileName) ? new CsvLimitScanner(shownName(entry.fileName)) : null;
      stream.on('data', (c: Buffer) => {
        try {
          scanner?.scan(c);
        } catch (err) {
          stream.destroy();
          reject(err as Error);
          return;
        }
        chunks.push(c);
      });
      stream.on('end', () => resolve(Buffer.concat(chunks)));
      stream.on('error', reject);
    });
  });
}

async function readZip(file: string, limits: Required<SourceLimits>): Promise<Map<string, Buffer>> {
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
      if (e.uncompressedSize > limits.maxFileBytes) {
        throw new BundleError(
          `${name}: the entry "${entry}" would unpack to ${formatBytes(e.uncompressedSize)}; a bundle file may be at most ${formatBytes(limits.maxFileBytes)}. The archive is refused.`,
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
    const files = new Map<string, Buffer>();
    for (const e of entries) {
      if (e.fileName.endsWith('/')) continue;
      try {
        // validateEntrySizes makes yauzl fail an entry as soon as it inflates past its
        // declared size, so the sizes checked above bound what is held.
        files.set(e.fileName, await readEntry(zip, e));
      } catch (err) {
        if (err instanceof BundleError) throw err;
        const reason = /too many bytes/.test((err as Error).message)
          ? `it unpacks to more than the ${formatBytes(e.uncompressedSize)} its header declares`
          : (err as Error).message;
        throw new BundleError(`${name}: the entry "${shownName(e.fileName)}" cannot be read (${reason}).`, { file: e.fileName });
      }
    }
    return files;
  } finally {
    zip.close();
  }
}

/**
 * A zip "of a folder" usually holds `folder/bundle.json`; such a single top folder is
 * taken as the bundle root.
 */
function rootedAtManifest(files: Map<string, Buffer>): Map<string, Buffer> {
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
  let files: Map<string, Buffer>;
  if (stat.isDirectory()) files = readFolder(origin, limits);
  else if (stat.isFile()) files = await readZip(origin, limits);
  else throw new BundleError(`${shownName(origin)} is neither a folder nor a zip file.`, { file: origin });
  files = rootedAtManifest(files);
  if (!files.has('bundle.json')) {
    throw new BundleError(`${shownName(path.basename(origin))} has no bundle.json at its top; it is not an evaluation bundle.`, { file: 'bundle.json' });
  }
  return { origin, files };
}
