import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { UserError } from '../../../shared/contract/errors';
import { issuerAndSerialOf, readSignedData, type SignedData, type SignerInfo } from './cmsReader';
import { checkDecisionRecord } from './decisionRecordCheck';
import { summarize, type IdentitySummary } from './identity';
import { OID } from './oids';
import { PdfFile } from './pdfFile';
import { signatureDictionaries, type SignatureDictionary } from './signatureDictionary';
import { changeBeyondSignatures } from './signatureRevision';

/**
 * Checks a signed packet the way an auditor's validator would, and a little more. Every
 * signature in the file is checked (the CMS over its byte ranges, its signer certificate
 * and chain); each revision after the first signed one may add nothing but a signature
 * (a countersignature); the last signature covers the whole file; and the decision record
 * attached inside the first signed revision is checked against the values it states.
 * Intact is not valid: each signer must also be vouched for by a CA the verifier trusts,
 * or the workspace that exported these exact bytes; without that the verdict is
 * "signature intact, signer not trusted", since anyone can make a CA with the board's names.
 * The cryptographic checks use Node's OpenSSL rather than node-forge, which made the
 * signature, so that a mistake in one library is not confirmed by itself.
 */

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export const VERDICT = { valid: 'valid', untrusted: 'signature intact, signer not trusted', invalid: 'not valid' } as const;
export type Verdict = (typeof VERDICT)[keyof typeof VERDICT];

export interface SignatureReport {
  signer: IdentitySummary | null;
  signedAt: string | null;
  subFilter: string | null;
  byteRange: number[];
  /** What vouches for this signer (a trusted CA's name, or the workspace), or null. */
  trustedBy: string | null;
}

export interface PacketReport {
  /** Every check holds: every signature intact and trusted, the record as stated. */
  ok: boolean;
  verdict: Verdict;
  checks: Check[];
  /** The details of the checks that do not hold, as sentences. */
  problems: string[];
  /** The first signer: the one whose signature covers the packet's content. */
  signer: IdentitySummary | null;
  /** The first signature's signing time (/M), ISO 8601. */
  signedAt: string | null;
  subFilter: string | null;
  reason: string | null;
  location: string | null;
  byteRange: number[] | null;
  /** Every signature, in the order they were made. */
  signatures: SignatureReport[];
  /** What vouched for the signers, each named once. */
  trustedBy: string[];
  /** Bytes after the last signed range: an update appended after signing. */
  bytesAfterSigning: number;
  /** The attached decision record, parsed, when there is one. */
  record: unknown;
  /** The cycle the decision record names. */
  cycle: { id: string; name: string } | null;
  sha256: string;
  bytes: number;
}

/** A CA the verifier trusts, and how to name it in messages (its file, or the identity it came with). */
export interface TrustedCa {
  pem: string;
  name: string;
}

/** What a workspace recorded of the packets it exported, read beforehand (see workspaceWitness.ts). */
export interface WorkspaceWitness {
  name: string;
  cycleId: string;
  cycleName: string;
  exported: { sha256: string; fileName: string; signedAt: string; exportedBy: string }[];
}

export interface VerifyOptions {
  trusted?: TrustedCa[];
  workspace?: WorkspaceWitness;
}

type Add = (name: string, ok: boolean, detail: string) => Check;

const RSA_SIGNATURES = new Set<string>([OID.rsaEncryption, OID.sha256WithRSAEncryption]);
// A chain longer than this is not one we issue or expect from an organisation's PKI.
const MAX_CHAIN = 6;

const signedEnd = (sig: SignatureDictionary) => (sig.byteRange[2] as number) + (sig.byteRange[3] as number);

export function verifyPacket(pdf: Buffer, options: VerifyOptions = {}): PacketReport {
  const anchors = (options.trusted ?? []).map((t) => ({ name: t.name, x509: trustedCertificate(t.pem, t.name) }));
  const checks: Check[] = [];
  const trustChecks = new Set<Check>();
  const add: Add = (name, ok, detail) => {
    const check = { name, ok, detail };
    checks.push(check);
    return check;
  };
  const report: PacketReport = {
    ok: false,
    verdict: VERDICT.invalid,
    checks,
    problems: [],
    signer: null,
    signedAt: null,
    subFilter: null,
    reason: null,
    location: null,
    byteRange: null,
    signatures: [],
    trustedBy: [],
    bytesAfterSigning: 0,
    record: null,
    cycle: null,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    bytes: pdf.length,
  };
  const finish = () => {
    report.problems = checks.filter((c) => !c.ok).map((c) => c.detail);
    report.ok = checks.length > 0 && report.problems.length === 0;
    const intact = checks.length > 0 && checks.every((c) => c.ok || trustChecks.has(c));
    report.verdict = report.ok ? VERDICT.valid : intact ? VERDICT.untrusted : VERDICT.invalid;
    report.trustedBy = [...new Set(report.signatures.flatMap((s) => (s.trustedBy ? [s.trustedBy] : [])))];
    return report;
  };

  // The parsers below read untrusted bytes: whatever they cannot read is a finding, not a crash.
  let sigs: SignatureDictionary[];
  try {
    sigs = signatureDictionaries(pdf);
  } catch (err) {
    add('signature present', false, `A signature dictionary cannot be read: ${(err as Error).message}.`);
    return finish();
  }
  if (sigs.length === 0) {
    add('signature present', false, 'The file has no signature (no signature dictionary with a /ByteRange).');
    return finish();
  }
  const first = sigs[0] as SignatureDictionary;
  const last = sigs[sigs.length - 1] as SignatureDictionary;
  Object.assign(report, { subFilter: first.subFilter, signedAt: first.signedAt?.toISOString() ?? null, reason: first.reason, location: first.location, byteRange: first.byteRange });
  report.bytesAfterSigning = Math.max(0, pdf.length - signedEnd(last));

  // The decision record and the workspace's word are about the content, which the first signature covers.
  let record: unknown = null;
  const recordChecks: Check[] = [];
  try {
    const result = checkDecisionRecord(new PdfFile(pdf.subarray(0, Math.min(pdf.length, signedEnd(first)))));
    recordChecks.push(...result.checks);
    record = result.record;
  } catch (err) {
    recordChecks.push({ name: 'decision record attached', ok: false, detail: `The signed file cannot be read to find its attachments: ${(err as Error).message}.` });
  }
  report.record = record;
  report.cycle = cycleOf(record);
  // A countersigned packet is no longer the bytes the workspace exported; the revision the board signed still is.
  const boardRevision = sigs.length > 1 ? createHash('sha256').update(pdf.subarray(0, Math.min(pdf.length, signedEnd(first)))).digest('hex') : null;
  const vouched = options.workspace ? workspaceVouches(options.workspace, report, boardRevision) : null;
  const vouchesEverySigner = vouched?.ok === true && options.workspace?.exported.some((p) => p.sha256 === report.sha256) === true;

  for (const [i, sig] of sigs.entries()) {
    const prefix = sigs.length === 1 ? '' : `signature ${i + 1}: `;
    const named: Add = (name, ok, detail) => add(`${prefix}${name}`, ok, detail);
    const previous = i === 0 ? null : (sigs[i - 1] as SignatureDictionary);
    const entry: SignatureReport = { signer: null, signedAt: sig.signedAt?.toISOString() ?? null, subFilter: sig.subFilter, byteRange: sig.byteRange, trustedBy: null };
    report.signatures.push(entry);
    if (/^\0*$/.test(sig.contents.bytes.toString('latin1'))) {
      named('signature present', false, 'The signature field is an empty placeholder: the file was never signed.');
      continue;
    }
    named('signature present', true, `A signature (${sig.subFilter ?? 'no /SubFilter'})${sig.name ? ` by ${sig.name}` : ''}.`);
    checkCoverage(sig, pdf.length, sig === last, previous ? signedEnd(previous) : null, named);
    if (previous) checkOnlySignatureAdded(pdf, signedEnd(previous), signedEnd(sig), new Set(sigs.map((s) => s.num)), named);

    let cms: SignedData;
    try {
      cms = readSignedData(sig.contents.bytes);
    } catch (err) {
      named('signature readable', false, `The signature cannot be read as CMS: ${(err as Error).message}.`);
      continue;
    }
    const found = findSigner(cms, named);
    if (!found) continue;
    const { signer, others } = found;
    entry.signer = summarize({ certificate: signer.forge, chain: others.flatMap((c) => (c.forge ? [c.forge] : [])) });
    const [a, b, c] = sig.byteRange as [number, number, number, number];
    checkSignature(cms.signer, Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, signedEnd(sig))]), signer.x509, named);
    checkSigningCertificate(cms.signer, signer.der, sig.subFilter, named);
    checkSigningTime(sig.signedAt, signer.x509, named);
    const path = chainOf(signer.x509, others.map((o) => o.x509), named);
    const workspaceName = `workspace ${options.workspace?.name ?? ''}`;
    const byWorkspace = vouched?.ok === true && (i === 0 || vouchesEverySigner);
    if (anchors.length > 0) {
      const check = checkAnchor(path, signer.x509, anchors, named);
      // Either anchor is enough: the board's signature vouched for by its workspace, a member's by their CA.
      if (!check.check.ok && byWorkspace) Object.assign(check.check, { ok: true, detail: `${check.check.detail} The ${workspaceName} vouches for this signer instead.` });
      trustChecks.add(check.check);
      entry.trustedBy = check.by;
    }
    if (!entry.trustedBy && byWorkspace) entry.trustedBy = workspaceName;
    if (!entry.trustedBy && vouched?.ok && anchors.length === 0) {
      trustChecks.add(named('signer trusted', false, `The workspace vouches for the packet it exported, not for this countersigner; give the countersigner's CA with --trust ca.pem.`));
    }
  }
  report.signer = report.signatures[0]?.signer ?? null;
  checks.push(...recordChecks);
  if (vouched) {
    checks.push(vouched);
    trustChecks.add(vouched);
  }
  if (anchors.length === 0 && !options.workspace) {
    trustChecks.add(
      add('signer trusted', false, 'No trusted CA or workspace was given, so nothing vouches that the signer is the board: anyone can make a CA that carries the board\'s names.'),
    );
  }
  return finish();
}

function cycleOf(record: unknown): { id: string; name: string } | null {
  const cycle = (record as { cycle?: { id?: unknown; name?: unknown } } | null)?.cycle;
  return typeof cycle?.id === 'string' ? { id: cycle.id, name: typeof cycle.name === 'string' ? cycle.name : '' } : null;
}

/**
 * The workspace vouches for these exact bytes when it recorded exporting them, for its own
 * cycle; for a countersigned packet, for the revision the board signed when those are the bytes it exported.
 */
function workspaceVouches(ws: WorkspaceWitness, report: PacketReport, boardRevision: string | null): Check {
  const name = 'recorded by the workspace';
  const exported = ws.exported.find((p) => p.sha256 === report.sha256) ?? ws.exported.find((p) => p.sha256 === boardRevision);
  const cycle = report.cycle;
  const otherCycle = cycle && cycle.id !== ws.cycleId ? `its decision record is of another cycle, ${cycle.name || 'unnamed'} (id ${cycle.id}), not ${ws.cycleName} (id ${ws.cycleId})` : null;
  if (!exported) {
    return { name, ok: false, detail: `${ws.name} has no record of exporting this file (SHA-256 ${report.sha256})${otherCycle ? `, and ${otherCycle}` : ''}.` };
  }
  if (!cycle || otherCycle) return { name, ok: false, detail: `${ws.name} recorded exporting this file, but ${otherCycle ?? 'its decision record names no cycle'}.` };
  return {
    name,
    ok: true,
    detail: `${ws.name} recorded exporting ${exported.sha256 === report.sha256 ? 'this exact file' : 'the revision the board signed, before the countersignatures,'} (SHA-256 ${exported.sha256}) as ${exported.fileName}, signed at ${exported.signedAt} by ${exported.exportedBy}, for its cycle ${ws.cycleName}.`,
  };
}

/** A later revision adds a countersignature and nothing else (see signatureRevision.ts). */
function checkOnlySignatureAdded(pdf: Buffer, from: number, to: number, checked: Set<number>, add: Add): void {
  let problem: string | null;
  try {
    problem = changeBeyondSignatures(new PdfFile(pdf.subarray(0, from)), new PdfFile(pdf.subarray(0, to)), checked);
  } catch (err) {
    problem = `The revisions cannot be read: ${(err as Error).message}.`;
  }
  add('only a signature added', problem === null, problem ? `After the earlier signature, more than a signature was added: ${problem}` : 'The revision after the earlier signature adds this signature and nothing else.');
}

function trustedCertificate(pem: string, name: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new UserError('invalid_argument', `${name} is not a PEM certificate.`, 'trustedCa');
  }
}

/**
 * /ByteRange [0 b c d]: from the first byte to the /Contents string, and from its end to
 * the end of its revision; the last signature's revision is the whole file. A later
 * signature's /Contents lies in its own revision, after what the earlier one signed.
 */
function checkCoverage(sig: SignatureDictionary, length: number, isLast: boolean, previousEnd: number | null, add: Add): void {
  const [a, b, c] = sig.byteRange as [number, number, number, number];
  const end = signedEnd(sig);
  let problem: string | null = null;
  if (a !== 0) problem = `The signed ranges start at byte ${a}, not at the beginning of the file.`;
  else if (b !== sig.contents.start || c !== sig.contents.end || !sig.contents.hex) {
    problem = `The gap between the signed ranges (bytes ${b} to ${c}) is not exactly the signature's /Contents string (bytes ${sig.contents.start} to ${sig.contents.end}).`;
  } else if (end > length) problem = `The signed ranges end at byte ${end}, past the end of the file (${length} bytes): the file was cut short.`;
  else if (previousEnd !== null && sig.objectAt < previousEnd) problem = `The signature sits inside the bytes the earlier signature signed (it starts at byte ${sig.objectAt}).`;
  else if (isLast && end < length) problem = `Not the whole file: ${length - end} bytes were added after signing.`;
  const detail = isLast ? `The signature covers every byte of the file (${length}) but its own /Contents.` : `The signature covers its revision, bytes 0 to ${end}, but its own /Contents.`;
  add('whole file signed', problem === null, problem ?? detail);
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

/** The path from the signer up through the embedded CA certificates. */
function chainOf(signer: X509Certificate, embedded: X509Certificate[], add: Add): X509Certificate[] {
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
  return path;
}

/** The end of the path against the trusted CAs: one of them is on it, or issued its top. */
function checkAnchor(path: X509Certificate[], signer: X509Certificate, anchors: { name: string; x509: X509Certificate }[], add: Add): { check: Check; by: string | null } {
  const top = path[path.length - 1] ?? signer;
  const anchor = anchors.find((t) => path.some((ca) => ca.fingerprint256 === t.x509.fingerprint256) || issues(t.x509, top));
  const described = (t: { name: string; x509: X509Certificate }) => `${t.name} (${nameOf(t.x509)}, SHA-256 ${t.x509.fingerprint256})`;
  const own = path[0];
  const check = add(
    'chains to the trusted CA',
    anchor !== undefined,
    anchor
      ? `Chains to the trusted CA ${nameOf(anchor.x509)} (SHA-256 ${anchor.x509.fingerprint256}), trusted as ${anchor.name}.`
      : `The signer does not chain to ${anchors.map(described).join(', nor to ')}${own ? `; its CA is ${nameOf(own)} (SHA-256 ${own.fingerprint256})` : ''}.`,
  );
  return { check, by: anchor?.name ?? null };
}
