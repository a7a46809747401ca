import os from 'node:os';
import Database from 'better-sqlite3';
import { UserError } from '../../../shared/contract/errors';
import { touchOwnerOnly } from '../ownerOnly';
import type { Clock } from '../clock';

/**
 * One writer per workspace, across processes. The lock is an SQLite file beside the
 * workspace (`<file>.lock`) on which the writer keeps a write transaction open: SQLite's
 * own file locks do the exclusion, the OS drops them if the process dies (so a crash
 * never leaves a stale lock), and other processes can still read who holds it.
 * The file is never deleted: unlinking a lock file races with the next opener.
 */

interface Owner {
  pid: number;
  host: string;
  user: string;
  since: string;
  app: string;
}

export interface LockOptions {
  nativeBinding?: string | undefined;
  app: string;
  /** Dates the lock's "since", which the refusal shows to whoever finds the workspace taken. */
  clock: Clock;
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

export class WriterLock {
  private constructor(private readonly db: Database.Database) {}

  static lockPathFor(workspacePath: string): string {
    return `${workspacePath}.lock`;
  }

  static acquire(workspacePath: string, options: LockOptions): WriterLock {
    const lockPath = WriterLock.lockPathFor(workspacePath);
    try {
      // Made owner-only before SQLite opens it: it names who has the workspace open.
      touchOwnerOnly(lockPath);
    } catch {
      // A folder we cannot write in: SQLite's open below says so, as it always did.
    }
    const db = new Database(lockPath, { timeout: 0, nativeBinding: options.nativeBinding });
    try {
      db.exec('CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER, host TEXT, user TEXT, since TEXT, app TEXT)');
      const me: Owner = {
        pid: process.pid,
        host: os.hostname(),
        user: os.userInfo().username,
        since: options.clock.now().toISOString(),
        app: options.app,
      };
      // Record who we are, then take the lock; if someone takes it in between, they
      // overwrote the owner row first, so the message below names the real holder.
      db.prepare('INSERT OR REPLACE INTO owner (id, pid, host, user, since, app) VALUES (1, @pid, @host, @user, @since, @app)').run(me);
      db.exec('BEGIN IMMEDIATE');
      return new WriterLock(db);
    } catch (err) {
      if (!isBusy(err)) {
        db.close();
        throw err;
      }
      const owner = WriterLock.readOwner(db);
      db.close();
      const who = owner
        ? `${owner.app} (process ${owner.pid} of ${owner.user} on ${owner.host}, since ${owner.since})`
        : 'another process';
      throw new UserError(
        'open_elsewhere',
        `${workspacePath} is open elsewhere for writing, by ${who}. Close it there first; only one window or process may change a workspace at a time.`,
      );
    }
  }

  private static readOwner(db: Database.Database): Owner | undefined {
    try {
      return db.prepare('SELECT pid, host, user, since, app FROM owner WHERE id = 1').get() as Owner | undefined;
    } catch {
      return undefined;
    }
  }

  release(): void {
    if (!this.db.open) return;
    this.db.exec('ROLLBACK');
    this.db.close();
  }
}
