import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecentCycle } from '../../shared/contract/calls';
import { writeOwnerOnlyFile } from './ownerOnly';
import { systemClock, type Clock } from './clock';

const KEEP = 12;

/**
 * Where per-user state lives (recent cycles, window state): `MRB_USER_DATA` when set
 * (tests give each run its own), else the platform's config folder.
 */
export function defaultUserDataDir(): string {
  if (process.env.MRB_USER_DATA) return process.env.MRB_USER_DATA;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Model Review Board');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Model Review Board');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'model-review-board');
}

interface StoredRecent {
  path: string;
  name: string;
  openedAt: string;
}

/** The recent-cycles list, a small JSON file in the user data folder, owner-only (it names the user's cycles). */
export class RecentCycles {
  private readonly file: string;

  constructor(
    userDataDir: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.file = path.join(userDataDir, 'recent-cycles.json');
  }

  private read(): StoredRecent[] {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (r): r is StoredRecent =>
          typeof r === 'object' && r !== null && typeof r.path === 'string' && typeof r.name === 'string' && typeof r.openedAt === 'string',
      );
    } catch {
      // A missing or damaged list is only a convenience lost; start a new one.
      return [];
    }
  }

  list(): RecentCycle[] {
    return this.read().map((r) => ({ ...r, exists: fs.existsSync(r.path) }));
  }

  remember(entry: { path: string; name: string }): void {
    const rest = this.read().filter((r) => r.path !== entry.path);
    const next = [{ ...entry, openedAt: this.clock.now().toISOString() }, ...rest].slice(0, KEEP);
    writeOwnerOnlyFile(this.file, JSON.stringify(next, null, 2));
  }
}
