import forge from 'node-forge';
import { OID } from './oids';

/**
 * Reads a CMS SignedData (RFC 5652 §5) as a PDF signature carries it: the embedded
 * certificates, and the one SignerInfo's identifiers, algorithms, signed attributes and
 * signature. Only the structure is read here; verifyPdf decides what holds.
 */

export interface SignerInfo {
  /** The signer named by issuer and serial (the sid form our signer and most others use). */
  issuerDer: Buffer;
  serial: Buffer;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  /** The signed attributes re-tagged as the SET OF that the signature covers (§5.4). */
  signedAttributesDer: Buffer;
  attributes: Map<string, forge.asn1.Asn1>;
  signature: Buffer;
}

export interface SignedData {
  certificates: Buffer[];
  signer: SignerInfo;
}

const { asn1 } = forge;

// @types/node-forge declares only the old boolean third argument; forge 1.x takes options.
// decodeBitStrings off keeps a certificate's bytes exactly as they were when re-encoded.
const fromDer = asn1.fromDer as unknown as (bytes: forge.util.ByteStringBuffer, options: { parseAllBytes?: boolean; decodeBitStrings?: boolean }) => forge.asn1.Asn1;

export function parseDer(der: Buffer): forge.asn1.Asn1 {
  return fromDer(forge.util.createBuffer(der.toString('binary')), { decodeBitStrings: false });
}
const binary = (s: string) => Buffer.from(s, 'binary');
const children = (node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] => (Array.isArray(node?.value) ? node.value : []);
const isContext = (node: forge.asn1.Asn1 | undefined, tag: number) => node?.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === tag;
const oidOf = (node: forge.asn1.Asn1 | undefined) => {
  if (node?.type !== asn1.Type.OID || typeof node.value !== 'string') throw new Error('an object identifier is missing');
  return asn1.derToOid(node.value);
};
const algorithmOf = (node: forge.asn1.Asn1 | undefined) => oidOf(children(node)[0]);

/** The issuer and serial of a certificate as they are encoded in it, to match a sid byte for byte. */
export function issuerAndSerialOf(certificateDer: Buffer): { issuerDer: Buffer; serial: Buffer } {
  const cert = parseDer(certificateDer);
  const tbs = children(children(cert)[0]);
  const at = isContext(tbs[0], 0) ? 1 : 0;
  const serial = tbs[at];
  const issuer = tbs[at + 2];
  if (!serial || !issuer || typeof serial.value !== 'string') throw new Error('a certificate without issuer or serial number');
  return { issuerDer: binary(asn1.toDer(issuer).getBytes()), serial: binary(serial.value) };
}

/** Reads the DER; the zero bytes a PDF pads /Contents with after it are allowed, nothing else. */
export function readSignedData(der: Buffer): SignedData {
  const buffer = forge.util.createBuffer(der.toString('binary'));
  let root: forge.asn1.Asn1;
  try {
    root = fromDer(buffer, { parseAllBytes: false, decodeBitStrings: false });
  } catch (err) {
    throw new Error(`it is not DER (${(err as Error).message})`);
  }
  if (!/^\0*$/.test(buffer.bytes())) throw new Error('bytes other than padding follow it');
  const [type, wrapped] = children(root);
  if (oidOf(type) !== OID.signedData) throw new Error('it is not a CMS SignedData');
  const parts = children(children(wrapped)[0]);
  // A PDF signature's content is the byte ranges, never carried inside (ISO 32000-1 §12.8.3.3).
  if (children(parts[2]).length > 1) throw new Error('it carries its content instead of being detached');
  const certificates = children(parts.find((p) => isContext(p, 0))).map((c) => binary(asn1.toDer(c).getBytes()));
  const signerInfos = children(parts[parts.length - 1]);
  const si = children(signerInfos[0]);
  if (si.length < 5) throw new Error('it has no SignerInfo');
  const sid = children(si[1]);
  if (sid.length !== 2 || typeof sid[1]?.value !== 'string') throw new Error('its signer is not named by issuer and serial number');
  const attrsNode = si.find((p) => isContext(p, 0));
  if (!attrsNode) throw new Error('it has no signed attributes');
  const attributes = new Map<string, forge.asn1.Asn1>();
  for (const attribute of children(attrsNode)) {
    const [attrType, values] = children(attribute);
    const first = children(values)[0];
    if (first) attributes.set(oidOf(attrType), first);
  }
  const attrsDer = binary(asn1.toDer(attrsNode).getBytes());
  attrsDer[0] = 0x31; // [0] IMPLICIT → SET OF: what the signature covers (RFC 5652 §5.4).
  const afterAttrs = si.indexOf(attrsNode);
  const signature = si[afterAttrs + 2];
  if (typeof signature?.value !== 'string') throw new Error('its signature value is missing');
  return {
    certificates,
    signer: {
      issuerDer: binary(asn1.toDer(sid[0] as forge.asn1.Asn1).getBytes()),
      serial: binary(sid[1].value),
      digestAlgorithm: algorithmOf(si[2]),
      signatureAlgorithm: algorithmOf(si[afterAttrs + 1]),
      signedAttributesDer: attrsDer,
      attributes,
      signature: binary(signature.value),
    },
  };
}
