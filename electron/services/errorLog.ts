import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shownName } from '../../shared/contract/shownText';
import { defaultUserDataDir } from './recentCycles';

/**
 * Internal errors (bugs, not bad input) are written with their stack to a log file that
 * only the user can read, and the user is shown one sentence with the file's path: a
 * stack trace on a terminal or a page helps nobody and shows internals.
 */

/**
 * The one log of the app, the desktop's and `mrb serve`'s alike: `logs/` in the user data
 * folder (a temp folder of the user's own when that one cannot be written). Made on first use.
 */
export function logFolder(): string {
  const preferred = path.join(defaultUserDataDir(), 'logs');
  try {
    fs.mkdirSync(preferred, { recursive: true, mode: 0o700 });
    fs.accessSync(preferred, fs.constants.W_OK);
    return preferred;
  } catch {
    const fallback = path.join(os.tmpdir(), `mrb-logs-${os.userInfo().uid}`);
    fs.mkdirSync(fallback, { recursive: true, mode: 0o700 });
    return fallback;
  }
}

/** Appends the error with its stack and context to today's log (mode 0600); returns the log's path, or null if none could be written. */
export function logInternalError(where: string, err: unknown, context: Record<string, unknown> = {}): string | null {
  const now = new Date();
  const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  const entry = `${now.toISOString()} ${where} ${JSON.stringify(context)}\n${detail}\n\n`;
  try {
    const file = path.join(logFolder(), `errors-${now.toISOString().slice(0, 10)}.log`);
    const fd = fs.openSync(file, 'a', 0o600);
    try {
      // The mode given to open is cut by the umask and ignored for an existing file.
      fs.fchmodSync(fd, 0o600);
      fs.writeSync(fd, entry);
    } finally {
      fs.closeSync(fd);
    }
    return file;
  } catch {
    return null;
  }
}

/** The one sentence a user sees for an internal error: what kind, and where its details are. */
export function internalErrorSentence(err: unknown, logFile: string | null): string {
  const firstLine = err instanceof Error ? `${err.name}: ${err.message.split('\n')[0] ?? ''}` : String(err).split('\n')[0];
  const kind = shownName(firstLine ?? 'unknown error');
  return logFile === null
    ? `an internal error stopped it (${kind}) and no log could be written; it is a bug in mrb, not a fault in your input.`
    : `an internal error stopped it (${kind}); the details are in ${logFile} (a bug in mrb, not a fault in your input).`;
}
