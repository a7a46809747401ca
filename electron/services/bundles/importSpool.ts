import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../../shared/contract/errors';
import type { SourceFile } from './bundleSource';
import { processAlive } from '../processAlive';

/**
 * Where an import's file bytes wait between the reading (in a worker, as they stream
 * through hashing and parsing) and the one transaction that stores them, on the thread
 * that owns the workspace. A temporary file rather than memory, so that no file is held
 * whole; rather than the workspace itself, so that a refused bundle changes nothing there.
 *
 * Each spool lives in a folder of its own (with the Parquet parts unpacked beside it),
 * named for the process that made it: a process killed mid-import cannot remove it, so the
 * next spool made in the same place removes the folders of processes that are gone.
 */

/** Ranges of the spool, [offset, length], that make one file in order. */
export type SpoolRanges = [offset: number, length: number][];

/** A place in a spool kept for one file of known length, written by whoever reads that file (the drift worker). */
export interface SpoolSlot {
  spool: string;
  offset: number;
  length: number;
}

/** Takes the bytes of each file of the bundle, piece by piece in order (an ImportSpool). */
export interface ContentSink {
  add(path: string, piece: Uint8Array): void;
  /** Keeps `length` bytes of the spool for `path`, to be written by a reader elsewhere (SlotWriter). */
  reserve(path: string, length: number): SpoolSlot;
}

const PIECE_BYTES = 1024 * 1024;
const FOLDER_PREFIX = 'mrb-spool-';

/** Removes the spool folders under `root` whose process is gone (killed mid-import); those of running processes stay. */
function sweepSpools(root: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = new RegExp(`^${FOLDER_PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || processAlive(Number(pid))) continue;
    fs.rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

/** A fresh spool folder under `root`, named for this process, after sweeping those of processes gone. */
export function makeSpoolFolder(root: string = os.tmpdir()): string {
  sweepSpools(root);
  return fs.mkdtempSync(path.join(root, `${FOLDER_PREFIX}${process.pid}-`));
}

/**
 * A write to an import's temporary files refused for want of room is the user's to act on,
 * with a sentence naming the folder; any other failure of the disk stays a failure.
 */
export function spoolFailure(err: unknown, spool: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return err;
  const why = code === 'EDQUOT' ? 'your disk quota there is used up' : 'the disk is full';
  return new UserError('workspace_refused', `The import cannot keep its temporary copy of the bundle in ${path.dirname(spool)}: ${why}. Nothing was stored; free some space and import again.`);
}

function writeAt(fd: number, piece: Uint8Array, position: number, spool: string): void {
  try {
    for (let written = 0; written < piece.length; ) written += fs.writeSync(fd, piece, written, piece.length - written, position + written);
  } catch (err) {
    throw spoolFailure(err, spool);
  }
}

export class ImportSpool implements ContentSink {
  /** The spool file, in a folder of its own (`folder`). */
  readonly path: string;
  readonly folder: string;
  private fd: number | null;
  private end = 0;
  private readonly ranges = new Map<string, SpoolRanges>();

  constructor(root: string = os.tmpdir()) {
    this.folder = makeSpoolFolder(root);
    this.path = path.join(this.folder, 'bundle.spool');
    this.fd = fs.openSync(this.path, 'wx', 0o600);
  }

  private open(): number {
    if (this.fd === null) throw new Error('The import spool is closed.');
    return this.fd;
  }

  private record(file: string, length: number): number {
    const at = this.end;
    const list = this.ranges.get(file) ?? [];
    const last = list[list.length - 1];
    if (last !== undefined && last[0] + last[1] === at) last[1] += length;
    else list.push([at, length]);
    this.ranges.set(file, list);
    this.end += length;
    return at;
  }

  /** Appends the next piece of `file`; pieces of different files may come interleaved. */
  add(file: string, piece: Uint8Array): void {
    writeAt(this.open(), piece, this.end, this.path);
    this.record(file, piece.length);
  }

  reserve(file: string, length: number): SpoolSlot {
    this.open();
    return { spool: this.path, offset: this.record(file, length), length };
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
 * Writes one file's bytes into its slot, on whatever thread reads that file: the pieces must
 * fill the slot exactly (a file that changed length while read is refused by its hash first).
 */
export class SlotWriter {
  private fd: number | null = null;
  private written = 0;

  constructor(
    private readonly slot: SpoolSlot,
    private readonly file: string,
  ) {}

  add(piece: Uint8Array): void {
    if (this.written + piece.length > this.slot.length) throw new Error(`${this.file} is longer than the ${this.slot.length} bytes kept for it in the import spool.`);
    this.fd ??= fs.openSync(this.slot.spool, 'r+');
    writeAt(this.fd, piece, this.slot.offset + this.written, this.slot.spool);
    this.written += piece.length;
  }

  /** The file was read to its end and held to its hash: every byte of the slot must be written. */
  finish(): void {
    this.close();
    if (this.written !== this.slot.length) throw new Error(`${this.file} filled ${this.written} of the ${this.slot.length} bytes kept for it in the import spool.`);
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * `file` with its first walk given to `add` as it passes: the walk that is hashed (hashedRead
 * hashes the first walk to its end), so what is stored is what was hashed. Later walks (to
 * place an error) are not given.
 */
export function teed(file: SourceFile, add: ((piece: Uint8Array) => void) | undefined): SourceFile {
  if (add === undefined) return file;
  let walked = false;
  return {
    size: file.size,
    pieces() {
      if (walked) return file.pieces();
      walked = true;
      return (async function* () {
        for await (const piece of file.pieces()) {
          add(piece);
          yield piece;
        }
      })();
    },
  };
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

/** Removes a spool with its folder (and whatever was unpacked there). */
export function removeSpool(spool: string): void {
  fs.rmSync(path.dirname(spool), { recursive: true, force: true });
}
