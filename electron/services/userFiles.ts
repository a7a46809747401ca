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

/** The bytes of a regular file the user named, at most `maxBytes` of them. */
export function readRegularFile(file: string, field: string, maxBytes: number): Buffer {
  requireRegularFile(file, field);
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
