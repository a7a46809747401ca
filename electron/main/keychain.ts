import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { writeOwnerOnlyFile } from '../services/ownerOnly';

export interface KeychainStatus {
  available: boolean;
  /** Why the keychain cannot be used, in a sentence; null when it can. */
  reason: string | null;
}

/**
 * Identity passphrases kept for the desktop app through Electron's safeStorage (the OS
 * keychain: Keychain, DPAPI, libsecret or kwallet), by certificate fingerprint, as
 * encrypted blobs in the user data folder. Never where safeStorage reports it would only
 * obscure the text (Linux's basic_text backend): a passphrase stored that way would be
 * as good as written down in clear.
 */
export class Keychain {
  private readonly file: string;

  constructor(
    private readonly safeStorage: SafeStorage,
    userDataDir: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.file = path.join(userDataDir, 'keychain.json');
  }

  status(): KeychainStatus {
    if (!this.safeStorage.isEncryptionAvailable()) return { available: false, reason: 'This system offers no keychain to the app, so the passphrase is asked each time.' };
    if (this.platform === 'linux') {
      const backend = this.safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        return { available: false, reason: `The system keychain is not available here (backend "${backend}" would store the passphrase as plain text), so it is asked each time.` };
      }
    }
    return { available: true, reason: null };
  }

  private read(): Record<string, string> {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  private write(entries: Record<string, string>): void {
    writeOwnerOnlyFile(this.file, JSON.stringify(entries, null, 2));
  }

  save(fingerprint: string, passphrase: string): boolean {
    if (!this.status().available || !/^[0-9a-f]{64}$/.test(fingerprint)) return false;
    this.write({ ...this.read(), [fingerprint]: this.safeStorage.encryptString(passphrase).toString('base64') });
    return true;
  }

  load(fingerprint: string): string | null {
    if (!this.status().available) return null;
    const blob = this.read()[fingerprint];
    if (blob === undefined) return null;
    try {
      return this.safeStorage.decryptString(Buffer.from(blob, 'base64'));
    } catch {
      return null;
    }
  }

  forget(fingerprint: string): void {
    const entries = this.read();
    if (!(fingerprint in entries)) return;
    delete entries[fingerprint];
    this.write(entries);
  }
}
