import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { signDetached } from './cms';
import type { Identity } from './identity';

/** Hands @signpdf the bytes to sign and takes back our CMS (see cms.ts for why it is ours). */
class CadesSigner extends Signer {
  constructor(private readonly identity: Identity) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return signDetached(pdfBuffer, this.identity);
  }
}

export interface SignOptions {
  signedAt: Date;
  reason: string;
  location: string;
  contact: string;
}

/**
 * Adds a signature field and signs the whole file: /ByteRange covers every byte but the
 * /Contents hex string, /SubFilter /ETSI.CAdES.detached, /M the signing time.
 */
export async function signPdf(unsigned: Buffer, identity: Identity, o: SignOptions): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: unsigned,
    reason: o.reason,
    contactInfo: o.contact,
    name: identity.certificate.subject.getField('CN')?.value ?? 'signer',
    location: o.location,
    signingTime: o.signedAt,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: 16384,
    appName: 'ModelReviewBoard',
  });
  return new SignPdf().sign(pointStartxrefAtXref(withPlaceholder), new CadesSigner(identity), o.signedAt);
}

/**
 * @signpdf's plain placeholder points its startxref at the line break before the new
 * "xref" keyword; readers cope, but qpdf --check warns. The offset is set right before
 * signing, so the signature covers the corrected file.
 */
function pointStartxrefAtXref(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const at = text.lastIndexOf('startxref');
  const m = /^startxref\s+(\d+)/.exec(text.slice(at));
  const xref = text.lastIndexOf('xref', at - 1);
  if (!m || xref < 0 || Number(m[1]) === xref) return pdf;
  const between = text.slice(Number(m[1]), xref);
  if (!/^\s+$/.test(between)) return pdf;
  return Buffer.concat([pdf.subarray(0, at), Buffer.from(text.slice(at).replace(/^startxref\s+\d+/, `startxref\n${xref}`), 'latin1')]);
}
