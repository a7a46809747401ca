import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { issuerAndSerialOf, parseDer } from './cmsReader';
import { certificateDer, type Identity } from './identity';
import { OID } from './oids';

/**
 * A detached CMS SignedData (RFC 5652) over the PDF's byte ranges, as PAdES baseline B-B
 * asks for it (ETSI EN 319 142-1 §6.3): SHA-256; the signer's certificate and its CA
 * embedded; signed attributes content-type, message-digest and ESS signing-certificate-v2
 * (RFC 5035, which binds the signature to this exact certificate). No signing-time
 * attribute: EN 319 142-1 Table 1 forbids it in PAdES baseline signatures and ISO 32000-2
 * §12.8.3.4.3 says /M must then not carry the time; the time is the signature
 * dictionary's /M. node-forge's PKCS#7 writer knows no signing-certificate-v2, so the
 * structure is written here with its ASN.1 helpers.
 */

const { asn1 } = forge;
const T = asn1.Type;
const U = asn1.Class.UNIVERSAL;
const CONTEXT = asn1.Class.CONTEXT_SPECIFIC;

const seq = (items: forge.asn1.Asn1[]) => asn1.create(U, T.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(U, T.SET, true, items);
const oid = (o: string) => asn1.create(U, T.OID, false, asn1.oidToDer(o).getBytes());
const octets = (bytes: Buffer) => asn1.create(U, T.OCTETSTRING, false, bytes.toString('binary'));
const int = (bytes: Buffer) => asn1.create(U, T.INTEGER, false, bytes.toString('binary'));
const nul = () => asn1.create(U, T.NULL, false, '');
const derOf = (node: forge.asn1.Asn1) => asn1.toDer(node).getBytes();
const algorithm = (o: string) => seq([oid(o), nul()]);
const attribute = (type: string, value: forge.asn1.Asn1) => seq([oid(type), set([value])]);

/** DER orders a SET OF by the encodings of its members (X.690 §11.6). */
function derSet(items: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  const encoded = items.map((item) => ({ item, der: Buffer.from(derOf(item), 'binary') }));
  return set(encoded.sort((a, b) => Buffer.compare(a.der, b.der)).map((e) => e.item));
}

export function signDetached(content: Buffer, identity: Identity): Buffer {
  const signerDer = certificateDer(identity.certificate);
  // The issuer exactly as the certificate encodes it: a re-encoded name could differ in
  // string types from a certificate issued elsewhere, and then name nobody.
  const { issuerDer, serial } = issuerAndSerialOf(signerDer);
  const issuer = parseDer(issuerDer);
  const essCertIdV2 = seq([
    // hashAlgorithm is omitted: its DEFAULT is SHA-256, and DER leaves defaults out.
    octets(createHash('sha256').update(signerDer).digest()),
    seq([seq([asn1.create(CONTEXT, 4, true, [issuer])]), int(serial)]),
  ]);
  const signedAttrs = derSet([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(createHash('sha256').update(content).digest())),
    attribute(OID.signingCertificateV2, seq([seq([essCertIdV2])])),
  ]);
  const md = forge.md.sha256.create();
  md.update(derOf(signedAttrs));
  const signature = Buffer.from(identity.key.sign(md), 'binary');
  const signerInfo = seq([
    int(Buffer.from([1])),
    seq([issuer, int(serial)]),
    algorithm(OID.sha256),
    // Stored as [0] IMPLICIT; the signature covers the same bytes tagged as a SET.
    asn1.create(CONTEXT, 0, true, signedAttrs.value as forge.asn1.Asn1[]),
    algorithm(OID.rsaEncryption),
    octets(signature),
  ]);
  const certificates = asn1.create(CONTEXT, 0, true, [signerDer, ...identity.chain.map(certificateDer)].map(parseDer));
  const signedData = seq([int(Buffer.from([1])), set([algorithm(OID.sha256)]), seq([oid(OID.data)]), certificates, set([signerInfo])]);
  return Buffer.from(derOf(seq([oid(OID.signedData), asn1.create(CONTEXT, 0, true, [signedData])])), 'binary');
}
