import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import forge from 'node-forge';
import { afterEach, describe, expect, it } from 'vitest';
import { createIdentity, pkcs12Bytes, readIdentity, summarize } from '../../../electron/services/signing/identity';
import { pbkdf2 } from '../../../electron/services/signing/nativePbkdf2';
import { tempDir } from '../../helpers/tempDir';

/*
 * The key of a .p12 is derived by OpenSSL's PBKDF2 in place of forge's JavaScript one: a key
 * derived any other way than forge derives it would leave an identity that no longer opens,
 * or one that other tools cannot open.
 */

const options = (forge as unknown as { options: { usePureJavaScript: boolean } }).options;

/** `fn` with forge's own JavaScript code, as the app ran before (and as forge runs in a browser). */
function inForgeJavaScript<T>(fn: () => T): T {
  options.usePureJavaScript = true;
  try {
    return fn();
  } finally {
    options.usePureJavaScript = false;
  }
}

afterEach(() => {
  options.usePureJavaScript = false;
});

const binaryString = (max: number) => fc.array(fc.integer({ min: 0, max: 0xff }), { maxLength: max }).map((codes) => String.fromCharCode(...codes));

describe('PBKDF2 for forge', () => {
  it('is installed where forge looks it up', () => {
    expect(forge.pkcs5.pbkdf2).toBe(pbkdf2);
  });

  it('gives the bytes forge gives, for any passphrase and salt of bytes, count, length and digest', () => {
    fc.assert(
      fc.property(
        binaryString(80),
        binaryString(32),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 80 }),
        fc.constantFrom('sha1', 'sha256', 'sha384', 'sha512' as const),
        (p, s, c, dkLen, digest) => {
          const md = () => forge.md[digest].create();
          expect(pbkdf2(p, s, c, dkLen, md())).toBe(inForgeJavaScript(() => pbkdf2(p, s, c, dkLen, md())));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('opens an identity written by forge alone, and forge alone opens one it writes, whatever the passphrase', () => {
    const { identity } = createIdentity({ name: 'Zoë Núñez', email: 'z.nunez@bank.example', organisation: 'Banque Étoile' }, new Date('2026-09-01T08:00:00Z'));
    const dir = tempDir('mrb-pbkdf2-');
    // Latin-1 characters go to OpenSSL; the check mark (beyond U+00FF) stays with forge.
    for (const passphrase of ['correct horse battery', 'mot de passe très sûr', 'check ✓ mark passphrase']) {
      const byForge = path.join(dir, `forge-${passphrase.length}.p12`);
      const byUs = path.join(dir, `native-${passphrase.length}.p12`);
      fs.writeFileSync(byForge, inForgeJavaScript(() => pkcs12Bytes(identity, passphrase)));
      fs.writeFileSync(byUs, pkcs12Bytes(identity, passphrase));
      expect(summarize(readIdentity(byForge, passphrase))).toEqual(summarize(identity));
      expect(summarize(inForgeJavaScript(() => readIdentity(byUs, passphrase)))).toEqual(summarize(identity));
      expect(() => readIdentity(byForge, `${passphrase}!`)).toThrow(/^The passphrase does not open forge-\d+\.p12; check it and try again\.$/);
    }
  });
});
