import { createHash } from 'node:crypto';
import { shownName } from '../../../shared/contract/errors';
import { BundleError } from './bundleError';
import type { SourceFile } from './bundleSource';

/**
 * A data file hashed in the same pass that parses it: the parser pulls pieces through the
 * hash, and whatever it leaves unread (it stopped at a bad cell) is hashed after, so a file
 * changed after its manifest was written is still named as such rather than by its cell.
 */
export interface HashedRead {
  /** What the parser reads: the first walk goes through the hash; a second (to place a UTF-8 error) reads afresh. */
  input: SourceFile;
  /** The SHA-256 of the whole file, reading what the parser did not; null when the file itself could not be read. */
  digest(): Promise<string | null>;
}

export function hashedRead(file: SourceFile): HashedRead {
  const hash = createHash('sha256');
  let iterator: AsyncIterator<Buffer> | null = null;
  let finished = false;
  let broken = false;
  const next = async (it: AsyncIterator<Buffer>): Promise<Buffer | null> => {
    let step: IteratorResult<Buffer>;
    try {
      step = await it.next();
    } catch (err) {
      broken = true;
      throw err;
    }
    if (step.done) {
      finished = true;
      return null;
    }
    hash.update(step.value);
    return step.value;
  };
  return {
    input: {
      size: file.size,
      pieces() {
        if (iterator !== null) return file.pieces();
        const it = file.pieces()[Symbol.asyncIterator]();
        iterator = it;
        // Not a for-await over `it`: a parser that stops early must leave it open for digest().
        return (async function* () {
          for (let piece = await next(it); piece !== null; piece = await next(it)) yield piece;
        })();
      },
    },
    async digest() {
      if (broken) return null;
      const it = iterator ?? file.pieces()[Symbol.asyncIterator]();
      iterator = it;
      while (!finished) await next(it);
      return hash.digest('hex');
    },
  };
}

/** The sentence for a file whose bytes are not those the manifest lists. */
export function hashMismatch(path: string, index: number, expected: string, actual: string): BundleError {
  return new BundleError(`${shownName(path)} does not match its SHA-256 in bundle.json (expected ${expected}, found ${actual}). The file was changed after the manifest was written.`, {
    file: path,
    field: `files.${index}.sha256`,
  });
}

/**
 * Parses a streamed file with `parse`, then holds it to its hash. When the parse is
 * refused, the rest is hashed first: a changed file is named as changed.
 */
export async function parsedAndHashed<T>(read: HashedRead, path: string, index: number, expected: string, parse: (input: SourceFile) => Promise<T>): Promise<T> {
  let value: T;
  try {
    value = await parse(read.input);
  } catch (err) {
    if (err instanceof BundleError) {
      const actual = await read.digest().catch(() => null);
      if (actual !== null && actual !== expected) throw hashMismatch(path, index, expected, actual);
    }
    throw err;
  }
  const actual = (await read.digest()) as string;
  if (actual !== expected) throw hashMismatch(path, index, expected, actual);
  return value;
}
