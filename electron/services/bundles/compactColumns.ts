import type { GroupCodes } from '../../../shared/metrics/partition';

/**
 * Columns that grow by chunks while a file is read, then are laid out once in the smallest
 * typed array that holds them. Doubling one array would hold the old and the new (three
 * times the column at worst) and the final trim a fourth; chunks cost one copy at the end.
 * Chunks start small, so the many small files of a bundle do not each take megabytes.
 */

const FIRST_CHUNK = 1024;
const LAST_CHUNK = 1 << 20;

type Typed = Float64Array | Uint8Array | Uint16Array | Uint32Array;

class Chunks<T extends Typed> {
  private readonly full: T[] = [];
  private current: T;
  private at = 0;
  private fullLength = 0;

  constructor(private readonly make: (n: number) => T) {
    this.current = make(FIRST_CHUNK);
  }

  get length(): number {
    return this.fullLength + this.at;
  }

  push(v: number): void {
    if (this.at === this.current.length) {
      this.full.push(this.current);
      this.fullLength += this.current.length;
      this.current = this.make(Math.min(LAST_CHUNK, this.current.length * 2));
      this.at = 0;
    }
    this.current[this.at] = v;
    this.at += 1;
  }

  /** All values in one array of `into`'s kind; the chunks are dropped as they are copied. */
  finish<U extends Typed>(into: (n: number) => U): U {
    const out = into(this.length);
    let offset = 0;
    for (const chunk of this.full.splice(0)) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    out.set(this.current.subarray(0, this.at), offset);
    this.current = this.make(0);
    this.at = 0;
    this.fullLength = 0;
    return out;
  }
}

/** Numbers as float64. */
export class NumberChunks {
  private readonly chunks = new Chunks((n) => new Float64Array(n));
  get length(): number {
    return this.chunks.length;
  }
  push(v: number): void {
    this.chunks.push(v);
  }
  finish(): Float64Array {
    return this.chunks.finish((n) => new Float64Array(n));
  }
}

/** Labels known to be 0 or 1 (a binary task's y_true), a byte each. */
export class ByteChunks {
  private readonly chunks = new Chunks((n) => new Uint8Array(n));
  get length(): number {
    return this.chunks.length;
  }
  push(v: number): void {
    this.chunks.push(v);
  }
  finish(): Uint8Array {
    return this.chunks.finish((n) => new Uint8Array(n));
  }
}

/** The smallest array whose elements hold every code of a dictionary of `size` values. */
export function codesFor(size: number, n: number): GroupCodes {
  if (size <= 0x100) return new Uint8Array(n);
  if (size <= 0x10000) return new Uint16Array(n);
  return new Uint32Array(n);
}

/**
 * Dictionary codes: a byte a row while the dictionary has at most 256 values (sensitive
 * attributes nearly always), widened once if it grows past that.
 */
export class CodeChunks {
  private bytes: Chunks<Uint8Array> | null = new Chunks((n) => new Uint8Array(n));
  private words: Chunks<Uint32Array> | null = null;

  get length(): number {
    return (this.bytes ?? this.words)?.length ?? 0;
  }

  push(code: number): void {
    if (this.bytes !== null && code > 0xff) {
      const wide = new Chunks((n) => new Uint32Array(n));
      for (const c of this.bytes.finish((n) => new Uint8Array(n))) wide.push(c);
      this.words = wide;
      this.bytes = null;
    }
    (this.bytes ?? (this.words as Chunks<Uint32Array>)).push(code);
  }

  /** The codes in the smallest array for a dictionary of `size` values. */
  finish(size: number): GroupCodes {
    return (this.bytes ?? (this.words as Chunks<Uint32Array>)).finish((n) => codesFor(size, n));
  }
}
