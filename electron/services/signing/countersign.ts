import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../shared/contract/errors';
import { summarize, type Identity, type IdentitySummary } from './identity';
import { signPdf } from './signPdf';
import { verifyPacket, VERDICT, type PacketReport, type TrustedCa } from './verifyPdf';
import { checkReplaceableFile, notWritten } from '../userFiles';
import { refuseNotPdf } from './packetFiles';

/**
 * A board member's countersignature (issue 13 §4): the member's signature appended to a
 * signed packet as an incremental update, through the same signing path as the board's
 * first signature (signPdf.ts), so that the update holds exactly what the verifier allows
 * after a signature: the signature dictionary, its invisible field-widget, the form's
 * /Fields and the page's /Annots. Nothing else of the packet changes, and every earlier
 * signature stays intact over the bytes it signed.
 */

export interface CountersignOptions {
  /** The signing time written as /M. */
  signedAt: Date;
  /** How the file is named in sentences (its file name). */
  fileName: string;
  /** CAs whose trust the reports state; countersigning itself needs intact signatures, not trusted ones. */
  trusted?: TrustedCa[];
}

export interface Countersigned {
  pdf: Buffer;
  /** The countersigner, as the certificate names them. */
  signer: IdentitySummary;
  /** Which signature of the packet this one is, 1-based (the board's is 1). */
  position: number;
  /** The countersigned file's verification. */
  report: PacketReport;
}

const sameEmail = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Refuses, with a sentence, a file that is not a signed packet whose signatures hold, and a member who signed it already. */
function checkCountersignable(pdf: Buffer, me: IdentitySummary, o: CountersignOptions): PacketReport {
  const name = o.fileName;
  refuseNotPdf(pdf, name, 'path');
  const report = verifyPacket(pdf, { trusted: o.trusted ?? [] });
  if (report.signatures.length === 0) throw new UserError('invalid_argument', `${name} is not a signed decision packet: it has no signature to countersign.`, 'path');
  if (report.record === null) throw new UserError('invalid_argument', `${name} is not a decision packet: it carries no readable decision record.`, 'path');
  if (report.verdict === VERDICT.invalid) {
    throw new UserError(
      'invalid_argument',
      `The signatures already in ${name} are not valid (${report.problems[0] ?? 'a check does not hold'}); run mrb verify on it first, nothing was signed.`,
      'path',
    );
  }
  const earlier = report.signatures.findIndex((s) => s.signer !== null && (s.signer.fingerprint === me.fingerprint || sameEmail(s.signer.email, me.email)));
  if (earlier >= 0) {
    const s = report.signatures[earlier] as PacketReport['signatures'][number];
    throw new UserError(
      'invalid_argument',
      `${s.signer?.name ?? me.name}${me.email ? ` <${me.email}>` : ''} already signed ${name} (signature ${earlier + 1}${s.signedAt ? `, at ${s.signedAt}` : ''}); each member signs a packet once.`,
      'identity',
    );
  }
  return report;
}

export async function countersignPacket(pdf: Buffer, identity: Identity, o: CountersignOptions): Promise<Countersigned> {
  const me = summarize(identity);
  const before = checkCountersignable(pdf, me, o);
  const signed = await signPdf(pdf, identity, { signedAt: o.signedAt, name: me.name, reason: 'Countersignature of a member of the review board' });
  const report = verifyPacket(signed, { trusted: o.trusted ?? [] });
  // The file checked before was intact; if the update broke that, the signing path is wrong and nothing may be written.
  if (report.verdict === VERDICT.invalid || report.signatures.length !== before.signatures.length + 1) {
    throw new Error(`the countersigned file does not verify: ${report.problems.join(' ') || 'the new signature was not found'}`);
  }
  return { pdf: signed, signer: me, position: report.signatures.length, report };
}

const sameFile = (a: string, b: string) => {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
};

/** The output may be the packet itself (signed in place) or a new file; another existing file is never overwritten. */
export function checkCountersignOutput(packet: string, out: string): void {
  checkReplaceableFile(out, 'out');
  if (fs.existsSync(out) && !sameFile(out, packet)) {
    throw new UserError('already_exists', `${out} already exists; choose another name, or give the packet itself to add the signature in place. Nothing was written.`, 'out');
  }
}

/** Writes beside the target and renames, so the packet is never half written, even when it is replaced. */
export function writeCountersigned(out: string, bytes: Buffer): void {
  const temp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.countersign.tmp`);
  try {
    fs.writeFileSync(temp, bytes, { flag: 'wx' });
    fs.renameSync(temp, out);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw notWritten(out, err, 'out');
  }
}
