import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { certificateDer, type Identity } from './identity';

/**
 * A detached CMS SignedData (RFC 5652) over the PDF's byte ranges, as PAdES baseline B-B
 * asks for it (ETSI EN 319 142-1): SHA-256, the signer's certificate and its CA embedded,
 * signed attributes content-type, message-digest and ESS signing-certificate-v2 (which
 * binds the signature to this exact certificate), and no signing-time attribute (PAdES
 * takes the time from the signature dictionary's /M). node-forge's PKCS#7 writer knows
 * no signing-certificate-v2, so the structure is written here with its ASN.1 helpers.
 */

const { asn1 } = forge;
const T = asn1.Type;
const U = asn1.Class.UNIVERSAL;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

const seq = (items: forge.asn1.Asn1[]) => asn1.create(U, T.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(U, T.SET, true, items);
const oid = (o: string) => asn1.create(U, T.OID, false, asn1.oidToDer(o).getBytes());
const octets = (bytes: string) => asn1.create(U, T.OCTETSTRING, false, bytes);
const int = (bytes: string) => asn1.create(U, T.INTEGER, false, bytes);
const nul = () => asn1.create(U, T.NULL, false, '');
const derOf = (node: forge.asn1.Asn1) => asn1.toDer(node).getBytes();

function attribute(type: string, value: forge.asn1.Asn1) {
  return seq([oid(type), set([value])]);
}

/** DER orders a SET OF by the encodings of its members. */
function derSet(items: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  const sorted = [...items].sort((a, b) => Buffer.compare(Buffer.from(derOf(a), 'binary'), Buffer.from(derOf(b), 'binary')));
  return set(sorted);
}

export function signDetached(content: Buffer, identity: Identity): Buffer {
  const cert = identity.certificate;
  const digest = createHash('sha256').update(content).digest().toString('binary');
  const certHash = createHash('sha256').update(certificateDer(cert)).digest().toString('binary');
  const issuerAndSerial = seq([forge.pki.distinguishedNameToAsn1(cert.issuer), int(forge.util.hexToBytes(cert.serialNumber))]);
  const essCertIdV2 = seq([octets(certHash), seq([seq([asn1.create(asn1.Class.CONTEXT_SPECIFIC, 4, true, [forge.pki.distinguishedNameToAsn1(cert.issuer)])]), int(forge.util.hexToBytes(cert.serialNumber))])]);
  const signedAttrs = derSet([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(digest)),
    attribute(OID.signingCertificateV2, seq([seq([essCertIdV2])])),
  ]);
  // The signature covers the attributes encoded as a SET; they are stored as [0] IMPLICIT.
  const md = forge.md.sha256.create();
  md.update(derOf(signedAttrs));
  const signature = identity.key.sign(md);
  const storedAttrs = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, signedAttrs.value as forge.asn1.Asn1[]);
  const algorithm = (o: string) => seq([oid(o), nul()]);
  const signerInfo = seq([int(String.fromCharCode(1)), issuerAndSerial, algorithm(OID.sha256), storedAttrs, algorithm(OID.rsaEncryption), octets(signature)]);
  const certificates = asn1.create(
    asn1.Class.CONTEXT_SPECIFIC,
    0,
    true,
    [cert, ...identity.chain].map((c) => forge.pki.certificateToAsn1(c)),
  );
  const signedData = seq([int(String.fromCharCode(1)), set([algorithm(OID.sha256)]), seq([oid(OID.data)]), certificates, set([signerInfo])]);
  const contentInfo = seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]);
  return Buffer.from(derOf(contentInfo), 'binary');
}
