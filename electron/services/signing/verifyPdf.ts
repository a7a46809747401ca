import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { UserError } from '../../../shared/contract/errors';
import { issuerAndSerialOf, readSignedData, type SignedData, type SignerInfo } from './cmsReader';
import { checkDecisionRecord } from './decisionRecordCheck';
import { summarize, type IdentitySummary } from './identity';
import { OID } from './oids';
import { PdfFile } from './pdfFile';
import { lastSignatureDictionary, type SignatureDictionary } from './signatureDictionary';

/**
 * Checks a signed packet the way an auditor's validator would, and a little more: the CMS
 * signature over the byte ranges, that the ranges cover the whole file (an update appended
 * after signing is named), the signer and its chain to a trusted CA when one is given,
 * and the decision record attached inside against the values the signed file states.
 * The cryptographic checks use Node's OpenSSL rather than node-forge, which made the
 * signature, so that a mistake in one library is not confirmed by itself.
 */

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface PacketReport {
  /** Every check holds. */
  ok: boolean;
  checks: Check[];
  /** The details of the checks that do not hold, as sentences. */
  problems: string[];
  signer: IdentitySummary | null;
  /** The signing time stated in the signature dictionary (/M), ISO 8601. */
  signedAt: string | null;
  subFilter: string | null;
  reason: string | null;
  location: string | null;
  byteRange: number[] | null;
  /** Bytes after the signed ranges: an incremental update appended after signing. */
  bytesAfterSigning: number;
  /** The attached decision record, parsed, when there is one. */
  record: unknown;
  bytes: number;
}

export interface VerifyOptions {
  trustedCaPem?: string;
  /** How to name the trusted CA in messages, e.g. its file name. */
  trustedCaName?: string;
}

type Add = (name: string, ok: boolean, detail: string) => void;

const RSA_SIGNATURES = new Set<string>([OID.rsaEncryption, OID.sha256WithRSAEncryption]);
// A chain longer than this is not one we issue or expect from an organisation's PKI.
const MAX_CHAIN = 6;

export function verifyPacket(pdf: Buffer, options: VerifyOptions = {}): PacketReport {
  const trustedName = options.trustedCaName ?? 'the trusted CA';
  const trusted = options.trustedCaPem === undefined ? null : trustedCertificate(options.trustedCaPem, trustedName);
  const checks: Check[] = [];
  const add: Add = (name, ok, detail) => checks.push({ name, ok, detail });
  const report: PacketReport = { ok: false, checks, problems: [], signer: null, signedAt: null, subFilter: null, reason: null, location: null, byteRange: null, bytesAfterSigning: 0, record: null, bytes: pdf.length };
  const finish = () => {
    report.problems = checks.filter((c) => !c.ok).map((c) => c.detail);
    report.ok = checks.length > 0 && report.problems.length === 0;
    return report;
  };

  // The parsers below read untrusted bytes: whatever they cannot read is a finding, not a crash.
  let sig: SignatureDictionary | null;
  try {
    sig = lastSignatureDictionary(pdf);
  } catch (err) {
    add('signature present', false, `The signature dictionary cannot be read: ${(err as Error).message}.`);
    return finish();
  }
  if (!sig) {
    add('signature present', false, 'The file has no signature (no signature dictionary with a /ByteRange).');
    return finish();
  }
  if (/^\0*$/.test(sig.contents.bytes.toString('latin1'))) {
    add('signature present', false, 'The signature field is an empty placeholder: the file was never signed.');
    return finish();
  }
  Object.assign(report, { subFilter: sig.subFilter, signedAt: sig.signedAt?.toISOString() ?? null, reason: sig.reason, location: sig.location, byteRange: sig.byteRange });
  add('signature present', true, `A signature (${sig.subFilter ?? 'no /SubFilter'})${sig.name ? ` by ${sig.name}` : ''}.`);
  const [a, b, c, d] = sig.byteRange as [number, number, number, number];
  const signedEnd = c + d;
  report.bytesAfterSigning = Math.max(0, pdf.length - signedEnd);
  checkCoverage(sig, pdf.length, add);

  let cms: SignedData;
  try {
    cms = readSignedData(sig.contents.bytes);
  } catch (err) {
    add('signature readable', false, `The signature cannot be read as CMS: ${(err as Error).message}.`);
    return finish();
  }
  const found = findSigner(cms, add);
  if (found) {
    const { signer, others } = found;
    report.signer = summarize({ certificate: signer.forge, chain: others.flatMap((c) => (c.forge ? [c.forge] : [])) });
    checkSignature(cms.signer, Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, signedEnd)]), signer.x509, add);
    checkSigningCertificate(cms.signer, signer.der, sig.subFilter, add);
    checkSigningTime(sig.signedAt, signer.x509, add);
    checkChain(signer.x509, others.map((o) => o.x509), trusted, trustedName, add);
  }
  // The record as signed: the revision the signature covers, without anything appended.
  let revision: PdfFile | null = null;
  try {
    revision = new PdfFile(pdf.subarray(0, Math.min(pdf.length, signedEnd)));
  } catch (err) {
    add('decision record attached', false, `The signed file cannot be read to find its attachments: ${(err as Error).message}.`);
  }
  if (revision) {
    const result = checkDecisionRecord(revision);
    checks.push(...result.checks);
    report.record = result.record;
  }
  return finish();
}

function trustedCertificate(pem: string, name: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new UserError('invalid_argument', `${name} is not a PEM certificate.`, 'trustedCa');
  }
}

/** /ByteRange [0 b c d]: from the first byte to the /Contents string, and from its end to the file's. */
function checkCoverage(sig: SignatureDictionary, length: number, add: Add): void {
  const [a, b, c, d] = sig.byteRange as [number, number, number, number];
  const end = c + d;
  let problem: string | null = null;
  if (a !== 0) problem = `The signed ranges start at byte ${a}, not at the beginning of the file.`;
  else if (b !== sig.contents.start || c !== sig.contents.end || !sig.contents.hex) {
    problem = `The gap between the signed ranges (bytes ${b} to ${c}) is not exactly the signature's /Contents string (bytes ${sig.contents.start} to ${sig.contents.end}).`;
  } else if (end < length) problem = `Not the whole file: ${length - end} bytes were added after signing.`;
  else if (end > length) problem = `The signed ranges end at byte ${end}, past the end of the file (${length} bytes): the file was cut short.`;
  add('whole file signed', problem === null, problem ?? `The signature covers every byte of the file (${length}) but its own /Contents.`);
}

interface Certificate {
  der: Buffer;
  x509: X509Certificate;
  /** forge's reading, for the summary shared with identities; null when forge cannot read it. */
  forge: forge.pki.Certificate | null;
}

function readCertificate(der: Buffer): Certificate | null {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch {
    return null;
  }
  try {
    return { der, x509, forge: forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')))) };
  } catch {
    return { der, x509, forge: null };
  }
}

/** The embedded certificate the SignerInfo names by issuer and serial number, and the others. */
function findSigner(cms: SignedData, add: Add): { signer: Certificate & { forge: forge.pki.Certificate }; others: Certificate[] } | null {
  const certificates = cms.certificates.map(readCertificate).filter((c): c is Certificate => c !== null);
  const signer = certificates.find((c) => {
    const id = issuerAndSerialOf(c.der);
    return id.issuerDer.equals(cms.signer.issuerDer) && id.serial.equals(cms.signer.serial);
  });
  if (!signer) {
    add('signer certificate embedded', false, 'The signature names a signer certificate that the file does not carry.');
    return null;
  }
  if (!signer.forge) {
    add('signer certificate embedded', false, `The signer certificate of ${nameOf(signer.x509)} has a key that is not RSA; only RSA signatures are checked.`);
    return null;
  }
  return { signer: { ...signer, forge: signer.forge }, others: certificates.filter((c) => c !== signer) };
}

function checkSignature(si: SignerInfo, signedBytes: Buffer, signer: X509Certificate, add: Add): void {
  const claimed = si.attributes.get(OID.messageDigest)?.value;
  const digest = createHash('sha256').update(signedBytes).digest().toString('binary');
  if (si.digestAlgorithm !== OID.sha256) add('digest matches', false, `The signature uses the digest algorithm ${si.digestAlgorithm}; packets are signed with SHA-256.`);
  else add('digest matches', claimed === digest, claimed === digest ? 'The SHA-256 of the signed bytes equals the signed message digest.' : 'Digest mismatch: the signed bytes were changed after signing.');

  if (!RSA_SIGNATURES.has(si.signatureAlgorithm)) {
    add('signature valid', false, `The signature algorithm ${si.signatureAlgorithm} is not RSA with SHA-256, which is what this verifier checks.`);
    return;
  }
  let valid: boolean;
  try {
    valid = verifySignature('sha256', si.signedAttributesDer, signer.publicKey, si.signature);
  } catch {
    valid = false;
  }
  add('signature valid', valid, valid ? `The signature verifies with the certificate of ${nameOf(signer)} (SHA-256 ${signer.fingerprint256}).` : "The signature does not verify with the signer's certificate.");
}

/** PAdES binds the signature to the certificate through a signed hash of it (ETSI EN 319 142-1 §5.2.2.3). */
function checkSigningCertificate(si: SignerInfo, signerDer: Buffer, subFilter: string | null, add: Add): void {
  const essV2 = si.attributes.get(OID.signingCertificateV2);
  if (essV2) {
    const bound = essCertHash(essV2) === createHash('sha256').update(signerDer).digest().toString('binary');
    add('signing certificate bound', bound, bound ? 'The signed signing-certificate-v2 attribute names this certificate.' : 'The signing-certificate-v2 attribute names another certificate than the one embedded.');
  } else if (subFilter === 'ETSI.CAdES.detached') {
    add('signing certificate bound', false, 'A PAdES (ETSI.CAdES.detached) signature must carry the signing-certificate-v2 attribute; this one does not.');
  }
}

function checkSigningTime(signedAt: Date | null, signer: X509Certificate, add: Add): void {
  if (!signedAt) {
    add('signing time', false, 'The signature dictionary states no signing time (/M).');
    return;
  }
  const from = new Date(signer.validFrom);
  const to = new Date(signer.validTo);
  const within = signedAt >= from && signedAt <= to;
  add('signing time', within, `Signed at ${signedAt.toISOString()}, ${within ? 'within' : 'outside'} the certificate's validity (${from.toISOString()} to ${to.toISOString()}).`);
}

/** certHash of the first ESSCertIDv2 (RFC 5035 §5.4.1.1); the hash algorithm defaults to SHA-256. */
function essCertHash(attribute: forge.asn1.Asn1): string | null {
  const certs = Array.isArray(attribute.value) ? attribute.value[0] : undefined;
  const first = Array.isArray(certs?.value) ? certs.value[0] : undefined;
  const parts = Array.isArray(first?.value) ? first.value : [];
  const algorithm = parts[0]?.type === forge.asn1.Type.SEQUENCE ? parts[0] : null;
  if (algorithm && Array.isArray(algorithm.value) && forge.asn1.derToOid(algorithm.value[0]?.value as string) !== OID.sha256) return null;
  const hash = parts.find((p) => p.type === forge.asn1.Type.OCTETSTRING);
  return typeof hash?.value === 'string' ? hash.value : null;
}

const issues = (issuer: X509Certificate, subject: X509Certificate) => issuer.ca && subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
const nameOf = (cert: X509Certificate) => /^CN=(.*)$/m.exec(cert.subject)?.[1] ?? cert.subject.replace(/\n/g, ', ');

/** The path from the signer up through the embedded CA certificates, then its end against the trusted CA. */
function checkChain(signer: X509Certificate, embedded: X509Certificate[], trusted: X509Certificate | null, trustedName: string, add: Add): void {
  const path: X509Certificate[] = [];
  let current = signer;
  while (path.length < MAX_CHAIN) {
    const issuer = embedded.find((ca) => !path.includes(ca) && ca !== current && issues(ca, current));
    if (!issuer) break;
    path.push(issuer);
    current = issuer;
  }
  const first = path[0];
  add(
    'issued by the embedded CA',
    first !== undefined,
    first ? `Issued by ${nameOf(first)} (SHA-256 ${first.fingerprint256}), whose certificate the file carries.` : 'No CA certificate in the file vouches for the signer.',
  );
  if (!trusted) return;
  const anchored = path.some((ca) => ca.fingerprint256 === trusted.fingerprint256) || issues(trusted, current);
  add(
    'chains to the trusted CA',
    anchored,
    anchored
      ? `Chains to the trusted CA ${nameOf(trusted)} (SHA-256 ${trusted.fingerprint256}).`
      : `The signer does not chain to ${trustedName} (${nameOf(trusted)}, SHA-256 ${trusted.fingerprint256})${first ? `; its CA is ${nameOf(first)} (SHA-256 ${first.fingerprint256})` : ''}.`,
  );
}
