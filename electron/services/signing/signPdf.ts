import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { signDetached } from './cms';
import { summarize, type Identity } from './identity';

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
  /** The signing time written as /M; injected so that tests and re-exports are reproducible. */
  signedAt: Date;
  reason?: string;
  location?: string;
  contact?: string;
  /** /Name; the signer certificate's common name when not given. */
  name?: string;
}

/**
 * Adds an invisible signature field to the first page and signs the whole file as an
 * incremental update: /ByteRange covers every byte but the /Contents hex string,
 * /SubFilter /ETSI.CAdES.detached, /M the signing time. pdfkit writes classic
 * cross-reference tables, which is what @signpdf's plain placeholder can extend.
 */
export async function signPdf(unsigned: Buffer, identity: Identity, o: SignOptions): Promise<Buffer> {
  // The placeholder holds the CMS as hex; its size does not depend on the content (the
  // digest is fixed-length), so a trial signature measures it exactly, whatever chain a
  // .p12 from elsewhere carries.
  const room = signDetached(Buffer.alloc(0), identity).length + 64;
  const texts = new TextStandIns();
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: unsigned,
    reason: texts.add('R', o.reason ?? ''),
    contactInfo: texts.add('C', o.contact ?? ''),
    name: texts.add('N', o.name ?? summarize(identity).name),
    location: texts.add('L', o.location ?? ''),
    signingTime: o.signedAt,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: room,
    // Written as a PDF name, so no spaces.
    appName: 'ModelReviewBoard',
  });
  const prepared = sizeFromObjects(pointStartXrefAtXref(texts.replace(withPlaceholder, unsigned.length - 1)), unsigned);
  return new SignPdf().sign(prepared, new CadesSigner(identity), o.signedAt);
}

/**
 * placeholder-plain's startxref points at the newline before its "xref" keyword (it takes
 * the length before appending that newline). Readers cope, but qpdf --check warns and
 * exits 3; an auditor's first check should be clean. Only that exact slip is corrected.
 */
function pointStartXrefAtXref(pdf: Buffer): Buffer {
  const tailFrom = Math.max(0, pdf.length - 64);
  const m = /startxref\n(\d+)\n%%EOF$/.exec(pdf.toString('latin1', tailFrom));
  if (!m) return pdf;
  const offset = Number(m[1]);
  if (pdf[offset] !== 0x0a || pdf.toString('latin1', offset + 1, offset + 5) !== 'xref') return pdf;
  return Buffer.concat([pdf.subarray(0, tailFrom + m.index), Buffer.from(`startxref\n${offset + 1}\n%%EOF`)]);
}

/**
 * placeholder-plain counts the form it rewrites as a new object, so an update to a signed
 * file states a /Size one past its highest object. The number between is then reserved by
 * that revision, and the verifier refuses a later countersignature that uses it (a number a
 * signed revision left undefined must stay so: a reference to it reads as null). The
 * appended trailer's /Size is set to one past the highest object the file defines; the
 * trailer comes after everything startxref and the cross-reference table point at, so no
 * offset moves.
 */
function sizeFromObjects(pdf: Buffer, unsigned: Buffer): Buffer {
  const tail = pdf.toString('latin1', unsigned.length);
  const trailerAt = tail.lastIndexOf('trailer');
  const section = tail.slice(tail.lastIndexOf('xref', trailerAt), trailerAt);
  const added = [...section.matchAll(/^(\d+) 1\n\d{10} \d{5} n/gm)].map((m) => Number(m[1]));
  const before = unsigned.toString('latin1');
  const previous = Number(/\/Size\s+(\d+)/.exec(before.slice(before.lastIndexOf('trailer')))?.[1] ?? 0);
  const size = Math.max(previous, ...added.map((n) => n + 1));
  const m = /\/Size (\d+)\n/.exec(tail.slice(trailerAt));
  if (!m || Number(m[1]) === size) return pdf;
  const at = unsigned.length + trailerAt + m.index;
  return Buffer.concat([pdf.subarray(0, at), Buffer.from(`/Size ${size}\n`), pdf.subarray(at + m[0].length)]);
}

/**
 * @signpdf/placeholder-plain garbles text that is not ASCII (it writes UTF-16 bytes through
 * a UTF-8 Buffer.from; vbuch/node-signpdf#174, closed unfixed) and copies a value holding
 * "<<" unescaped. So it is given an ASCII stand-in exactly as long as the proper text
 * string, a UTF-16BE hex string with its byte-order mark (ISO 32000-1 §7.9.2.2), which then
 * takes the stand-in's place: no byte moves, so its offsets stay right.
 */
class TextStandIns {
  private readonly pending: { literal: string; hex: string }[] = [];

  add(tag: string, text: string): string {
    if (text === '') return '';
    const hex = `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
    // "(" + stand-in + ")" is as long as the hex string; 4 or more characters of UTF-16 give room for the tag.
    const standIn = `Mrb${tag}`.padEnd(hex.length - 2, '_');
    this.pending.push({ literal: `(${standIn})`, hex });
    return standIn;
  }

  replace(pdf: Buffer, appendedFrom: number): Buffer {
    const out = Buffer.from(pdf);
    for (const { literal, hex } of this.pending) {
      const at = out.indexOf(literal, appendedFrom, 'latin1');
      if (at < 0 || out.indexOf(literal, at + 1, 'latin1') >= 0) throw new Error(`the signature dictionary does not hold exactly one ${literal}`);
      out.write(hex, at, 'latin1');
    }
    return out;
  }
}
