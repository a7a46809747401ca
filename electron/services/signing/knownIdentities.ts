import fs from 'node:fs';
import path from 'node:path';
import { writeOwnerOnlyFile } from '../ownerOnly';
import type { IdentitySummary } from './identity';

export interface KnownIdentity extends IdentitySummary {
  path: string;
  /**
   * The CA certificates (PEM) that came with the identity: the local CA made with it, or
   * the chain in an organisation's .p12. The app trusts these, and only these, as the
   * issuers of packet signers.
   */
  caCertificates?: string[];
}

/**
 * The signing identities this user has created or opened, remembered by certificate
 * fingerprint in a small JSON file in the user data folder: only where the .p12 is, what
 * its certificate says and its CA certificates, never the key or the passphrase.
 */
export class KnownIdentities {
  private readonly file: string;

  constructor(userDataDir: string) {
    this.file = path.join(userDataDir, 'identities.json');
  }

  list(): KnownIdentity[] {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      const valid = (i: KnownIdentity) =>
        typeof i?.fingerprint === 'string' && typeof i.path === 'string' && (i.caCertificates === undefined || (Array.isArray(i.caCertificates) && i.caCertificates.every((c) => typeof c === 'string')));
      return Array.isArray(parsed) ? (parsed as KnownIdentity[]).filter(valid) : [];
    } catch {
      return [];
    }
  }

  remember(identity: KnownIdentity): KnownIdentity[] {
    const list = [identity, ...this.list().filter((i) => i.fingerprint !== identity.fingerprint)];
    writeOwnerOnlyFile(this.file, JSON.stringify(list, null, 2));
    return list;
  }

  find(fingerprint: string): KnownIdentity | undefined {
    return this.list().find((i) => i.fingerprint === fingerprint);
  }

  /** The CAs to trust for packet signers, each once, named by the identity it came with. */
  trustedCas(): { pem: string; name: string }[] {
    const byPem = new Map<string, string>();
    for (const i of this.list()) {
      for (const pem of i.caCertificates ?? []) if (!byPem.has(pem)) byPem.set(pem, `the CA of your identity ${i.name} (${i.fingerprintDisplay.slice(0, 11)}…)`);
    }
    return [...byPem].map(([pem, name]) => ({ pem, name }));
  }
}
