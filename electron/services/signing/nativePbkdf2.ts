import { pbkdf2Sync } from 'node:crypto';
import forge from 'node-forge';

/**
 * forge's PBKDF2 runs in JavaScript whenever its PRF comes as a digest object, which is how
 * its PBES2 code passes it: the HMAC-SHA256 that protects the key of every .p12 this app
 * writes, at 60,000 iterations, took about 330 ms of the services' thread at each export
 * and each identity opened or created. OpenSSL's PBKDF2 gives the same bytes in a few ms.
 *
 * forge's own native path (which it takes when the PRF is named by a string) hands the
 * passphrase and salt over as binary strings. For characters up to U+00FF that is byte for
 * byte what its JavaScript HMAC reads, so identities written either way open either way. A
 * passphrase with a character beyond that, a digest OpenSSL is not asked for, a callback or
 * forge's pure-JavaScript option keep forge's own code.
 */

const forgePbkdf2 = forge.pkcs5.pbkdf2;

const NATIVE_DIGESTS = new Set(['sha1', 'sha256', 'sha384', 'sha512']);

/** Each character a byte, as forge's strings of bytes are. */
function isBinaryString(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

/** forge's own switch to its JavaScript code, absent from its type definitions. */
const forgeOptions = (forge as unknown as { options: { usePureJavaScript?: boolean } }).options;

/** The PBKDF2 of forge's signature, native when the bytes are certain to be the same. */
export function pbkdf2(p: string, s: string, c: number, dkLen: number, md?: unknown, callback?: unknown): string {
  const algorithm = typeof md === 'object' && md !== null ? (md as { algorithm?: unknown }).algorithm : undefined;
  if (
    forgeOptions.usePureJavaScript !== true &&
    callback === undefined &&
    typeof algorithm === 'string' &&
    NATIVE_DIGESTS.has(algorithm) &&
    typeof p === 'string' &&
    typeof s === 'string' &&
    isBinaryString(p) &&
    isBinaryString(s)
  ) {
    return pbkdf2Sync(Buffer.from(p, 'binary'), Buffer.from(s, 'binary'), c, dkLen, algorithm).toString('binary');
  }
  return (forgePbkdf2 as (...args: unknown[]) => string)(p, s, c, dkLen, md, callback);
}

/** forge's PBES2 looks the function up on each use, so setting it here is enough. */
export function useNativePbkdf2(): void {
  (forge.pkcs5 as { pbkdf2: unknown }).pbkdf2 = pbkdf2;
}
