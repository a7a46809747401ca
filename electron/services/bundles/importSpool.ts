import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where an import's file bytes wait between the reading (in a worker, as they stream
 * through hashing and parsing) and the one transaction that stores them, on the thread
 * that owns the workspace. A temporary file rather than memory, so that no file is held
 * whole; rather than the workspace itself, so that a refused bundle changes nothing there.
 */

/** Ranges of the spool, [offset, length], that make one file in order. */
export type SpoolRanges = [offset: number, length: number][];

const PIECE_BYTES = 1024 * 1024;

export class ImportSpool {
  readonly path: string;
  private fd: number | null;
  private end = 0;
  private readonly ranges = new Map<string, SpoolRanges>();

  constructor(dir: string = os.tmpdir()) {
    this.path = path.join(dir, `mrb-import-${randomUUID()}.spool`);
    this.fd = fs.openSync(this.path, 'wx', 0o600);
  }

  /** Appends the next piece of `file`; pieces of different files may come interleaved. */
  add(file: string, piece: Uint8Array): void {
    if (this.fd === null) throw new Error('The import spool is closed.');
    for (let written = 0; written < piece.length; ) written += fs.writeSync(this.fd, piece, written, piece.length - written, this.end + written);
    const list = this.ranges.get(file) ?? [];
    const last = list[list.length - 1];
    if (last !== undefined && last[0] + last[1] === this.end) last[1] += piece.length;
    else list.push([this.end, piece.length]);
    this.ranges.set(file, list);
    this.end += piece.length;
  }

  /** Where `file`'s bytes are; none for a file never added (an empty one). */
  rangesOf(file: string): SpoolRanges {
    return this.ranges.get(file) ?? [];
  }

  /** Done writing: the spool is read back by its path. */
  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  /** Closes and deletes it: the import was refused or failed. */
  discard(): void {
    this.close();
    removeSpool(this.path);
  }
}

/**
 * A spooled file in pieces of at most 1 MiB, for a synchronous consumer: each piece is the
 * same buffer refilled, so it must be used (stored) before the next is asked for.
 */
export function* spooledPieces(spool: string, ranges: SpoolRanges): Generator<Buffer> {
  if (ranges.length === 0) return;
  const fd = fs.openSync(spool, 'r');
  const buffer = Buffer.allocUnsafe(PIECE_BYTES);
  try {
    for (const [offset, length] of ranges) {
      for (let at = 0; at < length; ) {
        const n = fs.readSync(fd, buffer, 0, Math.min(PIECE_BYTES, length - at), offset + at);
        if (n === 0) throw new Error(`The import spool ${spool} ends before its recorded length.`);
        at += n;
        yield buffer.subarray(0, n);
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

export function removeSpool(spool: string): void {
  fs.rmSync(spool, { force: true });
}
