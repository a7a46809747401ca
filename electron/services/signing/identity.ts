import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { UserError } from '../../../shared/contract/errors';

/**
 * Signing identities: a board's offline root (a local CA) and a signer certificate it
 * issues to the analyst, kept as one passphrase-protected PKCS#12 (AES-256); or a .p12 /
 * .pfx issued by the organisation. An identity is named by its signer certificate's
 * SHA-256 fingerprint. The private key only ever exists decrypted in memory.
 */

export const MIN_PASSPHRASE = 8;

export interface Identity {
  key: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  /** The rest of the chain in the file (the issuing CA), signer first excluded. */
  chain: forge.pki.Certificate[];
}

export interface IdentitySummary {
  subject: string;
  name: string;
  email: string | null;
  organisation: string | null;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER certificate, lowercase hex without separators. */
  fingerprint: string;
  /** The same, as people compare it: AB:CD:... */
  fingerprintDisplay: string;
  selfIssuedBy: 'local signing CA' | 'organisation';
}

function der(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

export function certificateDer(cert: forge.pki.Certificate): Buffer {
  return der(cert);
}

export function fingerprintOf(cert: forge.pki.Certificate): string {
  return createHash('sha256').update(der(cert)).digest('hex');
}

export function displayFingerprint(hex: string): string {
  return hex.toUpperCase().match(/.{2}/g)?.join(':') ?? hex;
}

function field(cert: forge.pki.Certificate, short: string): string | null {
  const f = cert.subject.getField(short) as { value: string } | null;
  return f ? f.value : null;
}

function dn(attrs: forge.pki.CertificateField[]): string {
  return attrs.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', ');
}

export function summarize(identity: Pick<Identity, 'certificate' | 'chain'>): IdentitySummary {
  const c = identity.certificate;
  const fingerprint = fingerprintOf(c);
  return {
    subject: dn(c.subject.attributes),
    name: field(c, 'CN') ?? dn(c.subject.attributes),
    email: (c.subject.getField({ name: 'emailAddress' }) as { value: string } | null)?.value ?? null,
    organisation: field(c, 'O'),
    issuer: dn(c.issuer.attributes),
    notBefore: c.validity.notBefore.toISOString(),
    notAfter: c.validity.notAfter.toISOString(),
    fingerprint,
    fingerprintDisplay: displayFingerprint(fingerprint),
    selfIssuedBy: identity.chain.some((ca) => field(ca, 'OU') === 'Model Review Board signing CA') ? 'local signing CA' : 'organisation',
  };
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE) {
    throw new UserError('invalid_argument', `The passphrase has ${passphrase.length} characters; use at least ${MIN_PASSPHRASE}, since it alone protects the private key.`, 'passphrase');
  }
}

function serial(): string {
  // A positive 16-byte serial: the top bit clear keeps the DER INTEGER positive.
  const bytes = forge.random.getBytesSync(16);
  return (bytes.charCodeAt(0) & 0x7f).toString(16).padStart(2, '0') + forge.util.bytesToHex(bytes.slice(1));
}

function years(from: Date, n: number): Date {
  const d = new Date(from);
  d.setUTCFullYear(d.getUTCFullYear() + n);
  return d;
}

export interface NewIdentity {
  name: string;
  email: string;
  organisation: string;
}

/**
 * A fresh local CA and a signer certificate issued by it. The CA's own key is not kept:
 * the CA exists to be trusted once by auditors and to vouch for this signer, and a key
 * that is never stored cannot be stolen.
 */
export function createIdentity(who: NewIdentity, now = new Date()): { identity: Identity; caCertificate: forge.pki.Certificate } {
  for (const [key, value] of Object.entries(who)) {
    if (value.trim() === '') throw new UserError('invalid_argument', `The ${key} of the signer is empty; it is printed on every packet the identity signs.`, key);
  }
  if (!/^[^@\s]+@[^@\s]+$/.test(who.email)) throw new UserError('invalid_argument', `"${who.email}" is not an email address.`, 'email');
  const caKeys = forge.pki.rsa.generateKeyPair({ bits: 3072, e: 0x10001 });
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serial();
  ca.validity.notBefore = now;
  ca.validity.notAfter = years(now, 10);
  const caName = [
    { name: 'commonName', value: `${who.organisation} model review board root` },
    { name: 'organizationName', value: who.organisation },
    { shortName: 'OU', value: 'Model Review Board signing CA' },
  ];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = now;
  cert.validity.notAfter = years(now, 3);
  cert.setSubject([
    { name: 'commonName', value: who.name },
    { name: 'emailAddress', value: who.email },
    { name: 'organizationName', value: who.organisation },
  ]);
  cert.setIssuer(caName);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectAltName', altNames: [{ type: 1, value: who.email }] },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(caKeys.privateKey, forge.md.sha256.create());
  return { identity: { key: keys.privateKey, certificate: cert, chain: [ca] }, caCertificate: ca };
}

export function pkcs12Bytes(identity: Identity, passphrase: string): Buffer {
  checkPassphrase(passphrase);
  const p12 = forge.pkcs12.toPkcs12Asn1(identity.key, [identity.certificate, ...identity.chain], passphrase, {
    algorithm: 'aes256',
    friendlyName: summarize(identity).name,
    generateLocalKeyId: true,
  });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

export function certificatePem(cert: forge.pki.Certificate): string {
  return forge.pki.certificateToPem(cert);
}

/** Writes a new file, never over an existing one; readable by its owner only. */
export function writeNewFile(file: string, data: string | Buffer): void {
  try {
    fs.writeFileSync(file, data, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError('already_exists', `${file} already exists; choose another name, nothing was overwritten.`, 'out');
    throw err;
  }
}

/** Opens a .p12 / .pfx; a wrong passphrase or a file that is not PKCS#12 is a sentence naming the file. */
export function readIdentity(file: string, passphrase: string): Identity {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new UserError('not_found', `There is no identity file at ${file}.`, 'identity');
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn, false, passphrase);
  } catch (err) {
    const message = (err as Error).message ?? '';
    if (/mac|password|decrypt|invalid/i.test(message) && !/Too few bytes|not a sequence|unknown/i.test(message)) {
      throw new UserError('invalid_argument', `The passphrase does not open ${path.basename(file)}; check it and try again.`, 'passphrase');
    }
    throw new UserError('invalid_argument', `${path.basename(file)} is not a PKCS#12 (.p12 / .pfx) identity file.`, 'identity');
  }
  const bagsOf = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keyBags = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag as string), ...bagsOf(forge.pki.oids.keyBag as string)];
  const key = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  const certs = bagsOf(forge.pki.oids.certBag as string)
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => c !== undefined && c !== null);
  if (!key) throw new UserError('invalid_argument', `${path.basename(file)} holds no private key, so it cannot sign.`, 'identity');
  const publicOf = forge.pki.rsa.setPublicKey(key.n, key.e);
  const mine = certs.find((c: forge.pki.Certificate) => forge.pki.publicKeyToPem(c.publicKey) === forge.pki.publicKeyToPem(publicOf));
  if (!mine) throw new UserError('invalid_argument', `${path.basename(file)} has no certificate for its private key.`, 'identity');
  return { key, certificate: mine, chain: certs.filter((c: forge.pki.Certificate) => c !== mine) };
}
