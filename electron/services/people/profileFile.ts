import fs from 'node:fs';
import path from 'node:path';
import { writeOwnerOnlyFile } from '../ownerOnly';

/**
 * The person using the app on this machine, kept as one roster e-mail in
 * `<userData>/profile.json` (owner-only). The desktop app, `mrb serve` and the CLI find the
 * same folder (defaultUserDataDir), so a choice made in one is the choice of all. The file
 * is read at every write rather than cached: another of them may have changed it.
 */
export class ProfileFile {
  readonly file: string;

  constructor(userDataDir: string) {
    this.file = path.join(userDataDir, 'profile.json');
  }

  /** The chosen e-mail, or null when none is chosen (a missing or damaged file chooses nobody). */
  email(): string | null {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as { email?: unknown };
      return typeof parsed?.email === 'string' && parsed.email.trim() !== '' ? parsed.email.trim() : null;
    } catch {
      return null;
    }
  }

  choose(email: string | null): void {
    if (email === null) fs.rmSync(this.file, { force: true });
    else writeOwnerOnlyFile(this.file, JSON.stringify({ email }, null, 2));
  }
}
