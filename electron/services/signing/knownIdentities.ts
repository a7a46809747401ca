import fs from 'node:fs';
import path from 'node:path';
import type { IdentitySummary } from './identity';

export interface KnownIdentity extends IdentitySummary {
  path: string;
}

/**
 * The signing identities this user has created or opened, remembered by certificate
 * fingerprint in a small JSON file in the user data folder: only where the .p12 is and
 * what its certificate says, never the key or the passphrase.
 */
export class KnownIdentities {
  private readonly file: string;

  constructor(userDataDir: string) {
    this.file = path.join(userDataDir, 'identities.json');
  }

  list(): KnownIdentity[] {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(parsed) ? (parsed as KnownIdentity[]).filter((i) => typeof i?.fingerprint === 'string' && typeof i.path === 'string') : [];
    } catch {
      return [];
    }
  }

  remember(identity: KnownIdentity): KnownIdentity[] {
    const list = [identity, ...this.list().filter((i) => i.fingerprint !== identity.fingerprint)];
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(list, null, 2), { mode: 0o600 });
    fs.renameSync(temp, this.file);
    return list;
  }

  find(fingerprint: string): KnownIdentity | undefined {
    return this.list().find((i) => i.fingerprint === fingerprint);
  }
}
