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

/** An array of `like`'s kind and `n` elements in memory other threads can share. */
const sharedLike = <T extends Typed>(like: T, n: number): T => new (like.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(n * like.BYTES_PER_ELEMENT));

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

  /**
   * Appends all of `values`, copied into the chunks (a copy a chunk, not a call a value). A
   * block's arrays are not kept as chunks: many short-lived arrays of a few hundred
   * kilobytes come from the allocator's heap, which keeps their pages once they are freed,
   * while the chunks, up to megabytes each, are mapped and given back whole.
   */
  pushAll(values: ArrayLike<number> & { subarray(begin: number, end: number): ArrayLike<number> }): void {
    for (let from = 0; from < values.length; ) {
      if (this.at === this.current.length) {
        this.full.push(this.current);
        this.fullLength += this.current.length;
        this.current = this.make(Math.min(LAST_CHUNK, this.current.length * 2));
        this.at = 0;
      }
      const n = Math.min(values.length - from, this.current.length - this.at);
      this.current.set(values.subarray(from, from + n), this.at);
      this.at += n;
      from += n;
    }
  }

  /** The values so far in one array of their own, and the chunks emptied for the next block (the largest is kept). */
  take(): T {
    return this.takeAs(this.make);
  }

  /** take(), into an array of `into`'s kind. */
  takeAs<U extends Typed>(into: (n: number) => U): U {
    if (this.full.length === 0) {
      const out = into(this.at);
      out.set(this.current.subarray(0, this.at));
      this.at = 0;
      return out;
    }
    const out = this.finish(into);
    // The next block most likely fits in one chunk of this block's size.
    this.current = this.make(Math.min(LAST_CHUNK, Math.max(FIRST_CHUNK, out.length)));
    return out;
  }

  /**
   * Room for `total` values in one chunk, the values so far moved into it, so that a column
   * read to about that length is laid out without a copy (and without holding its chunks
   * and its final array at once).
   */
  reserve(total: number): void {
    if (total <= this.current.length - this.at + this.length) return;
    const at = this.length;
    const chunk = this.finish(this.make);
    // In shared memory: a large column laid out in this chunk is read where it lies by the metrics' other thread (groupMetrics.ts).
    this.current = sharedLike(chunk, total);
    this.current.set(chunk);
    this.at = at;
  }

  /** The values, when they fill most of one chunk: that chunk itself, without a copy; else null. */
  finishInPlace(): T | null {
    if (this.full.length > 0 || this.at < this.current.length - (this.current.length >>> 3)) return null;
    const out = this.current.subarray(0, this.at) as T;
    this.current = this.make(FIRST_CHUNK);
    this.at = 0;
    return out;
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
    this.current = this.make(FIRST_CHUNK);
    this.at = 0;
    this.fullLength = 0;
    return out;
  }
}

/** Values of one kind, laid out in their own typed array: the chunks of a number column. */
class TypedChunks<T extends Float64Array | Uint8Array> {
  private readonly chunks: Chunks<T>;
  constructor(private readonly make: (n: number) => T) {
    this.chunks = new Chunks(make);
  }
  get length(): number {
    return this.chunks.length;
  }
  push(v: number): void {
    this.chunks.push(v);
  }
  pushAll(values: T): void {
    this.chunks.pushAll(values);
  }
  take(): T {
    return this.chunks.take();
  }
  reserve(total: number): void {
    this.chunks.reserve(total);
  }
  finish(): T {
    return this.chunks.finishInPlace() ?? this.chunks.finish(this.make);
  }
}

/** Numbers as float64. */
export class NumberChunks extends TypedChunks<Float64Array> {
  constructor() {
    super((n) => new Float64Array(n));
  }
}

/** Labels known to be 0 or 1 (a binary task's y_true), a byte each. */
export class ByteChunks extends TypedChunks<Uint8Array> {
  constructor() {
    super((n) => new Uint8Array(n));
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
  private bytes: Chunks<Uint8Array> | null = new Chunks<Uint8Array>((n) => new Uint8Array(n));
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

  /** Appends a block's codes as they are: a copy a chunk when they are bytes and so are these. */
  pushAll(codes: GroupCodes): void {
    if (this.bytes !== null && codes instanceof Uint8Array) this.bytes.pushAll(codes);
    else for (let k = 0; k < codes.length; k += 1) this.push(codes[k] as number);
  }

  /** The codes so far in the smallest array for a dictionary of `size` values, emptied for the next block. */
  take(size: number): GroupCodes {
    if (this.bytes !== null) return this.bytes.takeAs((n) => codesFor(size, n));
    const codes = (this.words as Chunks<Uint32Array>).finish((n) => codesFor(size, n));
    this.bytes = new Chunks<Uint8Array>((n) => new Uint8Array(n));
    this.words = null;
    return codes;
  }

  /** Room for `total` codes while they are bytes (see Chunks.reserve). */
  reserve(total: number): void {
    this.bytes?.reserve(total);
  }

  /** The codes in the smallest array for a dictionary of `size` values. */
  finish(size: number): GroupCodes {
    const inPlace = this.bytes !== null && size <= 0x100 ? this.bytes.finishInPlace() : null;
    return inPlace ?? (this.bytes ?? (this.words as Chunks<Uint32Array>)).finish((n) => codesFor(size, n));
  }
}

/**
 * Group values looked up by their UTF-8 bytes, so that a row's value is found without
 * making its string: an open-addressed table of codes by a hash of the bytes, each hit
 * checked byte for byte against the value's own bytes (valid UTF-8 bytes name one string).
 */
export class ByteDictionary {
  private slots = new Int32Array(64);
  private readonly hashes: number[] = [];
  private readonly keys: Buffer[] = [];
  private readonly codes: number[] = [];

  private static hash(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i += 1) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
    return h;
  }

  /** Values added. */
  get size(): number {
    return this.keys.length;
  }

  /** The code of the value bytes[start, end), or -1 when it was never added. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const h = ByteDictionary.hash(bytes, start, end);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const slot = (this.slots[at] as number) - 1;
      if (slot < 0) return -1;
      const key = this.keys[slot] as Buffer;
      if (this.hashes[slot] !== h || key.length !== length) continue;
      let same = true;
      for (let k = 0; k < length && same; k += 1) same = key[k] === bytes[start + k];
      if (same) return this.codes[slot] as number;
    }
  }

  /** Records that bytes[start, end) is the value of `code`. */
  add(bytes: Uint8Array, start: number, end: number, code: number): void {
    const slot = this.keys.length;
    this.hashes.push(ByteDictionary.hash(bytes, start, end));
    this.keys.push(Buffer.from(bytes.subarray(start, end)));
    this.codes.push(code);
    // Kept at most half full, so that a probe ends soon at an empty slot.
    if (2 * this.keys.length > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(slot);
  }

  private place(slot: number): void {
    const mask = this.slots.length - 1;
    let at = (this.hashes[slot] as number) & mask;
    while (this.slots[at] !== 0) at = (at + 1) & mask;
    this.slots[at] = slot + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let slot = 0; slot < this.keys.length; slot += 1) this.place(slot);
  }
}
