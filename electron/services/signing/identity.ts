import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { UserError } from '../../../shared/contract/errors';
import { useNativePbkdf2 } from './nativePbkdf2';
import { checkNewFile, writeNewFile } from '../userFiles';
import { readKeyFile } from './packetFiles';

/**
 * Signing identities: a board's offline root (a local CA) and a signer certificate it
 * issues to the analyst, kept as one passphrase-protected PKCS#12 (AES-256); or a .p12 /
 * .pfx issued by the organisation. An identity is named by its signer certificate's
 * SHA-256 fingerprint. The private key only ever exists decrypted in memory.
 */

// The key of every .p12 is derived with 60,000 iterations of PBKDF2, in OpenSSL rather than in forge's JavaScript (nativePbkdf2.ts).
useNativePbkdf2();

export const MIN_PASSPHRASE = 8;

/** id-kp-documentSigning (RFC 9336). */
const DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';
const PKCS12_ITERATIONS = 60_000;
/** The organisational unit that marks a CA made by createIdentity. */
const LOCAL_CA_UNIT = 'Model Review Board signing CA';

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

/** forge keeps a parsed certificate's original to-be-signed bytes, so this is the DER as issued. */
export function certificateDer(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

export function fingerprintOf(cert: forge.pki.Certificate): string {
  return createHash('sha256').update(certificateDer(cert)).digest('hex');
}

export function displayFingerprint(hex: string): string {
  return hex.toUpperCase().match(/.{2}/g)?.join(':') ?? hex;
}

// forge writes attribute values as PrintableString unless told otherwise: names are written
// as UTF8String (RFC 5280 §4.1.2.6) so that "Zoë Núñez" survives, e-mail addresses as
// IA5String. @types/node-forge types valueTagClass as a tag class; forge reads it as the
// value's universal type.
const valueType = (type: forge.asn1.Type) => type as number as forge.asn1.Class;
const utf8 = (attr: forge.pki.CertificateFieldOptions, value: string): forge.pki.CertificateField => ({ ...attr, value, valueTagClass: valueType(forge.asn1.Type.UTF8) });

/** forge leaves a parsed UTF8String as its bytes. */
function textOf(attr: forge.pki.CertificateField | null): string | null {
  if (!attr || typeof attr.value !== 'string') return null;
  if (attr.valueTagClass !== valueType(forge.asn1.Type.UTF8)) return attr.value;
  try {
    return forge.util.decodeUtf8(attr.value);
  } catch {
    return attr.value;
  }
}

function field(cert: forge.pki.Certificate, short: string): string | null {
  return textOf(cert.subject.getField(short) as forge.pki.CertificateField | null);
}

function dn(attrs: forge.pki.CertificateField[]): string {
  return attrs.map((a) => `${a.shortName ?? a.name}=${textOf(a) ?? ''}`).join(', ');
}

export function summarize(identity: Pick<Identity, 'certificate' | 'chain'>): IdentitySummary {
  const c = identity.certificate;
  const fingerprint = fingerprintOf(c);
  return {
    subject: dn(c.subject.attributes),
    name: field(c, 'CN') ?? dn(c.subject.attributes),
    email: textOf(c.subject.getField({ name: 'emailAddress' }) as forge.pki.CertificateField | null),
    organisation: field(c, 'O'),
    issuer: dn(c.issuer.attributes),
    notBefore: c.validity.notBefore.toISOString(),
    notAfter: c.validity.notAfter.toISOString(),
    fingerprint,
    fingerprintDisplay: displayFingerprint(fingerprint),
    selfIssuedBy: identity.chain.some((ca) => field(ca, 'OU') === LOCAL_CA_UNIT) ? 'local signing CA' : 'organisation',
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
export function createIdentity(who: NewIdentity, now: Date): { identity: Identity; caCertificate: forge.pki.Certificate } {
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
  const caName = [utf8({ name: 'commonName' }, `${who.organisation} model review board root`), utf8({ name: 'organizationName' }, who.organisation), utf8({ shortName: 'OU' }, LOCAL_CA_UNIT)];
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
    utf8({ name: 'commonName' }, who.name),
    { name: 'emailAddress', value: who.email, valueTagClass: valueType(forge.asn1.Type.IA5STRING) },
    utf8({ name: 'organizationName' }, who.organisation),
  ]);
  cert.setIssuer(caName);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    // emailProtection is what NSS (pdfsig) and Adobe check for a signer; the RFC 9336
    // document-signing purpose says what the key is for. forge writes a dotted key as an OID.
    { name: 'extKeyUsage', emailProtection: true, [DOCUMENT_SIGNING]: true },
    { name: 'subjectAltName', altNames: [{ type: 1, value: who.email }] },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKeys.privateKey, forge.md.sha256.create());
  // Parsed back from DER, the certificates are what readIdentity will later return.
  const reparse = (c: forge.pki.Certificate) => forge.pki.certificateFromPem(forge.pki.certificateToPem(c));
  const caCertificate = reparse(ca);
  return { identity: { key: keys.privateKey, certificate: reparse(cert), chain: [caCertificate] }, caCertificate };
}

export function pkcs12Bytes(identity: Identity, passphrase: string): Buffer {
  checkPassphrase(passphrase);
  // PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the key. The same count slows the MAC,
  // which forge computes with SHA-1 and the PKCS#12 KDF only; forge reads counts below
  // 65,536, and 60,000 is thirty times OpenSSL 3's default of 2,048.
  // @types/node-forge omits prfAlgorithm, which forge's PBES2 reads.
  const options: Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3] & { prfAlgorithm: 'sha256' } = {
    algorithm: 'aes256',
    prfAlgorithm: 'sha256',
    count: PKCS12_ITERATIONS,
    saltSize: 16,
    friendlyName: summarize(identity).name,
    generateLocalKeyId: true,
  };
  const p12 = forge.pkcs12.toPkcs12Asn1(identity.key, [identity.certificate, ...identity.chain], passphrase, options);
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

/** PEM with plain newlines (forge writes CRLF), as OpenSSL and certutil write it. */
export function certificatePem(cert: forge.pki.Certificate): string {
  return forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
}

/**
 * Creates an identity (createIdentity) and saves it as the new .p12 `out`, with its CA
 * certificate as the new PEM `caOut` when given. Both places are checked before the key is
 * made, and a CA that cannot be written takes the .p12 with it, so a refusal leaves no half identity.
 */
export function saveNewIdentity(who: NewIdentity, passphrase: string, now: Date, out: string, caOut: string | null): { identity: Identity; caCertificate: forge.pki.Certificate } {
  checkNewFile(out, 'out');
  if (caOut !== null) checkNewFile(caOut, 'caOut');
  if (caOut !== null && path.resolve(caOut) === path.resolve(out)) throw new UserError('invalid_argument', `The identity and its CA certificate need two files, not both ${out}.`, 'caOut');
  const made = createIdentity(who, now);
  writeNewFile(out, pkcs12Bytes(made.identity, passphrase), 'out');
  if (caOut !== null) {
    try {
      writeNewFile(caOut, certificatePem(made.caCertificate), 'caOut');
    } catch (err) {
      fs.rmSync(out, { force: true });
      throw err;
    }
  }
  return made;
}

/** Opens a .p12 / .pfx; a wrong passphrase or a file that is not PKCS#12 is a sentence naming the file. */
export function readIdentity(file: string, passphrase: string, field = 'identity'): Identity {
  const name = path.basename(file);
  const bytes = readKeyFile(file, field, `There is no identity file at ${file}.`);
  const notPkcs12 = () => new UserError('invalid_argument', `${name} is not a PKCS#12 (.p12 / .pfx) identity file.`, 'identity');
  let der: forge.asn1.Asn1;
  try {
    der = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
  } catch {
    throw notPkcs12();
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(der, false, passphrase);
  } catch (err) {
    const message = (err as Error).message;
    if (/PFX/.test(message)) throw notPkcs12();
    // forge says so through the MAC, or, in a file without one, through a failed decryption.
    if (/MAC could not be verified|wrong password|Invalid password|Failed to decrypt/i.test(message)) {
      throw new UserError('invalid_argument', `The passphrase does not open ${name}; check it and try again.`, 'passphrase');
    }
    throw new UserError('invalid_argument', `${name} could not be opened: ${message}`, 'identity');
  }
  const bagsOf = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keyBags = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag as string), ...bagsOf(forge.pki.oids.keyBag as string)];
  if (keyBags.length === 0) throw new UserError('invalid_argument', `${name} holds no private key, so it cannot sign.`, 'identity');
  // forge decodes RSA keys only; it leaves the key of any other kind undecoded.
  const key = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new UserError('invalid_argument', `${name} holds a private key that is not RSA; packets are signed with RSA keys only.`, 'identity');
  const certs = bagsOf(forge.pki.oids.certBag as string)
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => c !== undefined && c !== null);
  const publicOf = forge.pki.publicKeyToPem(forge.pki.rsa.setPublicKey(key.n, key.e));
  const mine = certs.find((c) => forge.pki.publicKeyToPem(c.publicKey) === publicOf);
  if (!mine) throw new UserError('invalid_argument', `${name} has no certificate for its private key.`, 'identity');
  return { key, certificate: mine, chain: certs.filter((c) => c !== mine) };
}
