import fs from 'node:fs';
import path from 'node:path';
import { shownName, UserError } from '../../shared/contract/errors';
import { countText } from '../../shared/text/numbers';

/**
 * Files the user names by path (a packet to verify, an identity to add, a CA certificate).
 * Reading a FIFO would block the host until someone writes to it, and a device can be
 * endless, so anything that is not a regular file is refused with a sentence before it
 * is opened, and it is opened without blocking in case it was swapped in the meantime.
 */

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refuseKind(file: string, stat: fs.Stats, field: string): never {
  const kind = kindOf(stat);
  throw new UserError('invalid_argument', `${shownName(file)} is ${kind === 'not a regular file' ? kind : `${kind}, not a regular file`}; name a file.`, field);
}

/**
 * Refuses, with a sentence for `field`, a path that is missing (`missing`, or "There is no
 * file at …") or is not a regular file (links are followed).
 */
export function requireRegularFile(file: string, field: string, missing?: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UserError('not_found', missing ?? `There is no file at ${shownName(file)}.`, field);
  }
  if (!stat.isFile()) refuseKind(file, stat, field);
  return stat;
}

/** The bytes of a regular file the user named, at most `maxBytes` of them; `missing` as for requireRegularFile. */
export function readRegularFile(file: string, field: string, maxBytes: number, missing?: string): Buffer {
  requireRegularFile(file, field, missing);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    throw new UserError('not_found', `${shownName(file)} cannot be opened for reading.`, field);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) refuseKind(file, stat, field);
    if (stat.size > maxBytes) {
      throw new UserError('invalid_argument', `${shownName(path.basename(file))} is ${countText(stat.size)} bytes; at most ${countText(maxBytes)} are read here.`, field);
    }
    const data = Buffer.alloc(stat.size);
    let done = 0;
    while (done < data.length) {
      const n = fs.readSync(fd, data, done, data.length - done, done);
      if (n === 0) break;
      done += n;
    }
    return data.subarray(0, done);
  } finally {
    fs.closeSync(fd);
  }
}

/*
 * Files the user names to write (a packet, an identity and its CA, minutes, a drawing, a
 * manifest). Where a file cannot go is found before the work that makes it, so a refusal
 * costs nothing and writes nothing; a write that fails all the same (a full disk) is a
 * sentence naming the file, with no part of it left behind.
 */

/** What the operating system's error on writing a file means, in words. */
const WRITE_PROBLEMS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is a file, not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'its name is too long',
};

/** The sentence for a file that could not be written, from the error the write gave (or the one it would give). */
export function notWritten(file: string, err: unknown, field: string): UserError {
  const code = typeof err === 'string' ? err : (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'EEXIST') return new UserError('already_exists', `${shownName(file)} already exists; choose another name, nothing was overwritten.`, field);
  const problem = (code !== undefined ? WRITE_PROBLEMS[code] : undefined) ?? code ?? 'an unknown error';
  return new UserError('invalid_argument', `${shownName(file)} cannot be written (${problem}); nothing was written.`, field);
}

/** Refuses a file whose folder is missing or is not a folder, or (unless `replace`) a file that exists. */
function checkPlace(file: string, field: string, replace: boolean): void {
  const folder = path.dirname(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw new UserError('not_found', `The folder ${shownName(folder)} does not exist; nothing was written.`, field);
  }
  if (!stat.isDirectory()) throw new UserError('invalid_argument', `${shownName(folder)} is not a folder; nothing was written.`, field);
  let existing: fs.Stats;
  try {
    existing = fs.statSync(file);
  } catch {
    return;
  }
  if (!replace) throw notWritten(file, 'EEXIST', field);
  if (existing.isDirectory()) throw notWritten(file, 'EISDIR', field);
  if (!existing.isFile()) refuseKind(file, existing, field);
}

/** Refuses, before any work, a new file that exists already or whose folder is missing. */
export function checkNewFile(file: string, field = 'out'): void {
  checkPlace(file, field, false);
}

/** Refuses, before any work, a file to write or replace whose folder is missing, or that is a folder. */
export function checkReplaceableFile(file: string, field = 'out'): void {
  checkPlace(file, field, true);
}

/** Writes a new file, never over an existing one, readable by its owner only (board data). */
export function writeNewFile(file: string, data: string | Buffer, field = 'out'): void {
  let created = false;
  try {
    const fd = fs.openSync(file, 'wx', 0o600);
    created = true;
    try {
      fs.writeFileSync(fd, data);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    if (created) fs.rmSync(file, { force: true });
    throw notWritten(file, err, field);
  }
}

/**
 * Writes a file, replacing one that exists (which keeps the mode its owner gave it). A new
 * one is its owner's only, as board data is, unless `mode` says otherwise (the umask applies).
 */
export function writeUserFile(file: string, data: string | Buffer, field = 'out', mode = 0o600): void {
  try {
    fs.writeFileSync(file, data, { mode });
  } catch (err) {
    throw notWritten(file, err, field);
  }
}
