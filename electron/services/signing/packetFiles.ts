import path from 'node:path';
import { UserError } from '../../../shared/contract/errors';
import { readRegularFile } from '../userFiles';

/**
 * The packet, identity and CA files a user names (to verify, countersign, sign with or
 * trust), read as userFiles reads them: a regular file only, so that a named pipe or a
 * device is refused with a sentence instead of holding the command until someone writes.
 */

/** A packet carries its decision record and its evidence manifest: far under this. */
const PACKET_MAX_BYTES = 1024 ** 3;
/** A .p12 or a PEM certificate is a few kilobytes, a long chain tens of them. */
const KEY_FILE_MAX_BYTES = 1024 * 1024;

const PDF_MAGIC = Buffer.from('%PDF-');

/** The sentence for bytes that are not a PDF, named by their file. */
export function refuseNotPdf(pdf: Buffer, name: string, field: string): void {
  if (!pdf.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) throw new UserError('invalid_argument', `${name} is not a PDF (it does not start with %PDF-).`, field);
}

/** A packet the user names: a regular file that starts as a PDF does. */
export function readPacketFile(file: string, field: string, missing: string): Buffer {
  const pdf = readRegularFile(file, field, PACKET_MAX_BYTES, missing);
  refuseNotPdf(pdf, path.basename(file), field);
  return pdf;
}

/** An identity (.p12 / .pfx) or a CA certificate (PEM) the user names. */
export function readKeyFile(file: string, field: string, missing: string): Buffer {
  return readRegularFile(file, field, KEY_FILE_MAX_BYTES, missing);
}
