import fs from 'node:fs';
import path from 'node:path';

/**
 * Board data and per-user state are readable by their owner only, whatever the umask:
 * the mode given at creation is only narrowed by the umask, so files are made 0600 and
 * folders 0700, and a file is set to 0600 again through its descriptor in case it was
 * left from before (a crashed write's temp file keeps the mode it was made with).
 */
export const OWNER_ONLY_FILE = 0o600;
export const OWNER_ONLY_DIR = 0o700;

/** Creates the folder (and any missing parents) owner-only; an existing folder is left as it is. */
export function makeOwnerOnlyDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
}

/**
 * Opens a file owner-only for writing, creating it; `exclusive` refuses a file that
 * exists. Returns the descriptor, whose file is 0600 whatever it was.
 */
export function openOwnerOnly(file: string, exclusive: boolean): number {
  const fd = fs.openSync(file, exclusive ? 'wx' : 'w', OWNER_ONLY_FILE);
  try {
    fs.fchmodSync(fd, OWNER_ONLY_FILE);
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
  return fd;
}

/** Creates an empty owner-only file unless one exists (then leaves it alone), e.g. for SQLite to open. */
export function touchOwnerOnly(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', OWNER_ONLY_FILE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw err;
  }
  try {
    fs.fchmodSync(fd, OWNER_ONLY_FILE);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces a file's content at once (a temp file beside it, renamed), owner-only. */
export function writeOwnerOnlyFile(file: string, data: string | Uint8Array): void {
  makeOwnerOnlyDir(path.dirname(file));
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = openOwnerOnly(temp, false);
  try {
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}
