import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import forge from 'node-forge';
import { certificateDer, displayFingerprint, fingerprintOf, summarize, type IdentitySummary } from './identity';
import { OID } from './cms';

/**
 * Checks a signed packet the way an auditor's validator would, and a little more: the
 * CMS signature over the byte ranges, that the ranges cover the whole file (an update
 * appended after signing is named), the signer and its chain to a trusted CA when one is
 * given, and the decision record attached inside against the values the signed file
 * states. Parsing is limited to what a PDF needs for this: the last signature dictionary,
 * the Info dictionary and the embedded-file streams.
 */

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface PacketReport {
  ok: boolean;
  checks: Check[];
  signer: IdentitySummary | null;
  signedAt: string | null;
  subFilter: string | null;
  /** The attached decision record, parsed, when there is one. */
  record: unknown;
  bytes: number;
}

const latin1 = (b: Buffer) => b.toString('latin1');

interface SignatureDict {
  byteRange: [number, number, number, number];
  contents: Buffer;
  subFilter: string | null;
  signedAt: string | null;
}

function findSignature(pdf: Buffer): SignatureDict | null {
  const text = latin1(pdf);
  const at = text.lastIndexOf('/ByteRange');
  if (at < 0) return null;
  const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text.slice(at, at + 200));
  if (!range) return null;
  const byteRange = range.slice(1, 5).map(Number) as [number, number, number, number];
  const hex = text.slice(byteRange[1], byteRange[2]).replace(/^<|>$/g, '');
  const contents = Buffer.from(hex.replace(/(00)+$/, ''), 'hex');
  // The dictionary around the ByteRange: from the last "<<" before it to a generous end.
  const dictStart = text.lastIndexOf('<<', at);
  const dict = text.slice(dictStart, byteRange[1]) + text.slice(byteRange[2], byteRange[2] + 2000);
  const subFilter = /\/SubFilter\s*\/([\w.]+)/.exec(dict)?.[1] ?? null;
  const m = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(dict);
  const signedAt = m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : null;
  return { byteRange, contents, subFilter, signedAt };
}

/** The value of a key in the Info dictionary: a literal string, given directly or as an indirect object. */
export function infoValue(pdf: Buffer, key: string): string | null {
  const text = latin1(pdf);
  const direct = new RegExp(`/${key}\\s*\\(([^)]*)\\)`).exec(text);
  if (direct) return direct[1] ?? null;
  const ref = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(text);
  if (!ref) return null;
  const obj = new RegExp(`\\n${ref[1]} 0 obj\\s*\\(([^)]*)\\)`).exec(text);
  return obj ? (obj[1] ?? null) : null;
}

/** Embedded files by name (the /EmbeddedFiles name tree's Filespecs), their streams decoded. */
export function embeddedFiles(pdf: Buffer): Map<string, Buffer> {
  const text = latin1(pdf);
  const files = new Map<string, Buffer>();
  const spec = /\/Type\s*\/Filespec[\s\S]*?\/F\s*\(([^)]+)\)[\s\S]*?\/EF\s*<<\s*\/F\s+(\d+)\s+0\s+R/g;
  for (const m of text.matchAll(spec)) {
    const name = m[1] as string;
    const objAt = text.lastIndexOf(`\n${m[2]} 0 obj`);
    if (objAt < 0) continue;
    const header = text.slice(objAt, text.indexOf('stream', objAt));
    const start = text.indexOf('stream', objAt) + 'stream'.length;
    const bodyStart = text[start] === '\r' ? start + 2 : start + 1;
    const length = Number(/\/Length\s+(\d+)/.exec(header)?.[1] ?? -1);
    const end = length >= 0 ? bodyStart + length : text.indexOf('endstream', bodyStart);
    const raw = pdf.subarray(bodyStart, end);
    files.set(name, /\/FlateDecode/.test(header) ? zlib.inflateSync(raw) : Buffer.from(raw));
  }
  return files;
}

interface ParsedCms {
  certificates: forge.pki.Certificate[];
  signedAttrs: forge.asn1.Asn1[];
  signature: string;
  issuerDer: string;
  serialHex: string;
}

function parseCms(der: Buffer): ParsedCms {
  const root = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')), false);
  const top = root.value as forge.asn1.Asn1[];
  if (forge.asn1.derToOid((top[0] as forge.asn1.Asn1).value as string) !== OID.signedData) throw new Error('not CMS SignedData');
  const signedData = ((top[1] as forge.asn1.Asn1).value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1;
  const parts = signedData.value as forge.asn1.Asn1[];
  const certNode = parts.find((p) => p.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  const certificates = ((certNode?.value as forge.asn1.Asn1[]) ?? []).map((c) => forge.pki.certificateFromAsn1(c));
  const signerInfos = parts[parts.length - 1] as forge.asn1.Asn1;
  const si = ((signerInfos.value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1).value as forge.asn1.Asn1[];
  const sid = (si[1] as forge.asn1.Asn1).value as forge.asn1.Asn1[];
  const attrsNode = si.find((p) => p.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  const signature = (si[si.length - 1] as forge.asn1.Asn1).value as string;
  return {
    certificates,
    signedAttrs: (attrsNode?.value as forge.asn1.Asn1[]) ?? [],
    signature,
    issuerDer: forge.asn1.toDer(sid[0] as forge.asn1.Asn1).getBytes(),
    serialHex: forge.util.bytesToHex((sid[1] as forge.asn1.Asn1).value as string),
  };
}

function attributeValue(attrs: forge.asn1.Asn1[], oid: string): forge.asn1.Asn1 | undefined {
  for (const a of attrs) {
    const [type, values] = a.value as forge.asn1.Asn1[];
    if (type && forge.asn1.derToOid(type.value as string) === oid) return ((values as forge.asn1.Asn1).value as forge.asn1.Asn1[])[0];
  }
  return undefined;
}

const stripZeros = (hex: string) => hex.replace(/^(00)+/, '');

export function verifyPacket(pdf: Buffer, options: { trustedCaPem?: string } = {}): PacketReport {
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const report: PacketReport = { ok: false, checks, signer: null, signedAt: null, subFilter: null, record: null, bytes: pdf.length };
  const sig = findSignature(pdf);
  if (!sig || sig.contents.length === 0) {
    add('signature present', false, 'The file has no signature (no /ByteRange with a signature).');
    return report;
  }
  report.subFilter = sig.subFilter;
  report.signedAt = sig.signedAt;
  const [a, b, c, d] = sig.byteRange;
  const whole = a === 0 && c + d === pdf.length && sig.contents.length > 0;
  const added = pdf.length - (c + d);
  add(
    'whole file signed',
    whole,
    whole ? `The signature covers every byte but its own (${pdf.length} bytes).` : added > 0 ? `Not the whole file: ${added} bytes were added after signing.` : `The signed ranges [${a} ${b} ${c} ${d}] do not match the file's ${pdf.length} bytes.`,
  );
  let cms: ParsedCms;
  try {
    cms = parseCms(sig.contents);
  } catch (err) {
    add('signature readable', false, `The signature is not a CMS SignedData structure (${(err as Error).message}).`);
    return report;
  }
  const signer = cms.certificates.find((cert) => stripZeros(cert.serialNumber) === stripZeros(cms.serialHex) && forge.asn1.toDer(forge.pki.distinguishedNameToAsn1(cert.issuer)).getBytes() === cms.issuerDer);
  if (!signer) {
    add('signer certificate embedded', false, 'The signature names a certificate that the file does not carry.');
    return report;
  }
  const chain = cms.certificates.filter((x) => x !== signer);
  report.signer = summarize({ certificate: signer, chain });
  const signedBytes = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, Math.min(pdf.length, c + d))]);
  const digest = createHash('sha256').update(signedBytes).digest('binary');
  const claimed = attributeValue(cms.signedAttrs, OID.messageDigest)?.value as string | undefined;
  add('digest matches', claimed === digest, claimed === digest ? 'The SHA-256 of the signed bytes equals the signed message digest.' : 'Digest mismatch: the signed bytes were changed after signing.');
  const md = forge.md.sha256.create();
  md.update(forge.asn1.toDer(forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, cms.signedAttrs)).getBytes());
  let valid = false;
  try {
    valid = (signer.publicKey as forge.pki.rsa.PublicKey).verify(md.digest().bytes(), cms.signature);
  } catch {
    valid = false;
  }
  add('signature valid', valid, valid ? `Signed by ${report.signer.name} (${displayFingerprint(report.signer.fingerprint)}).` : "The signature does not verify with the signer's certificate.");
  const essV2 = attributeValue(cms.signedAttrs, OID.signingCertificateV2);
  if (essV2) {
    const certHash = (((((essV2.value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1).value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1).value as forge.asn1.Asn1[])[0]?.value as string;
    const bound = certHash === createHash('sha256').update(certificateDer(signer)).digest('binary');
    add('signing certificate bound', bound, bound ? 'The signed signing-certificate-v2 attribute names this certificate.' : 'The signing-certificate-v2 attribute names another certificate.');
  }
  const issuer = chain.find((ca) => ca.subject.hash === signer.issuer.hash);
  let issued = false;
  try {
    issued = issuer !== undefined && issuer.verify(signer);
  } catch {
    issued = false;
  }
  add('issued by the embedded CA', issued, issued ? `Issued by ${issuer?.subject.getField('CN')?.value ?? 'the embedded CA'}.` : 'No embedded CA certificate vouches for the signer.');
  if (options.trustedCaPem !== undefined) {
    let trusted = false;
    let detail = '';
    try {
      const ca = forge.pki.certificateFromPem(options.trustedCaPem);
      trusted = ca.verify(signer);
      detail = trusted ? `Chains to the trusted CA ${displayFingerprint(fingerprintOf(ca))}.` : `The signer was not issued by the trusted CA ${displayFingerprint(fingerprintOf(ca))}.`;
    } catch (err) {
      detail = `The trusted CA could not be read or does not vouch for the signer (${(err as Error).message}).`;
    }
    add('chains to the trusted CA', trusted, detail);
  }
  checkRecord(pdf, report, add);
  report.ok = checks.every((x) => x.ok);
  return report;
}

function checkRecord(pdf: Buffer, report: PacketReport, add: (name: string, ok: boolean, detail: string) => void): void {
  const record = embeddedFiles(pdf).get('decision-record.json');
  if (!record) {
    add('decision record attached', false, 'No decision-record.json is attached.');
    return;
  }
  const stated = infoValue(pdf, 'MrbRecordSha256');
  const sha = createHash('sha256').update(record).digest('hex');
  add('decision record intact', stated === sha, stated === sha ? `decision-record.json has the SHA-256 the packet states (${sha.slice(0, 16)}…).` : `decision-record.json hashes to ${sha}, not the ${stated ?? 'missing'} the packet states.`);
  try {
    const parsed = JSON.parse(record.toString('utf8')) as { audit?: { head?: string } };
    report.record = parsed;
    const head = infoValue(pdf, 'MrbChainHead');
    const same = typeof parsed.audit?.head === 'string' && parsed.audit.head === head;
    add('chain head matches', same, same ? `The record's audit chain head is the one printed: ${head}.` : `The record's chain head ${parsed.audit?.head ?? 'is missing'}; the packet prints ${head ?? 'none'}.`);
  } catch {
    add('decision record readable', false, 'decision-record.json is not valid JSON.');
  }
}
