import { createHash } from 'node:crypto';
import { embeddedFiles } from './embeddedFiles';
import type { PdfFile } from './pdfFile';
import { textOf } from './pdfSyntax';
import type { Check } from './verifyPdf';

/**
 * The content check of a packet: the decision record attached as decision-record.json
 * is the one the packet states (its SHA-256 in the Info key /MrbRecordSha256), it parses,
 * and its audit chain head is the one printed (the Info key /MrbChainHead, which the
 * packet builder writes beside the head it prints on the pages, whose text is compressed).
 * It reads the signed revision only, so an update appended after signing cannot swap
 * the record or the stated values.
 */

export const DECISION_RECORD = 'decision-record.json';

export function checkDecisionRecord(signed: PdfFile): { checks: Check[]; record: unknown } {
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  let attached: Buffer | undefined;
  try {
    attached = embeddedFiles(signed).get(DECISION_RECORD);
  } catch (err) {
    add('decision record attached', false, `The attachments of the signed file cannot be read: ${(err as Error).message}.`);
    return { checks, record: null };
  }
  if (!attached) {
    add('decision record attached', false, `No ${DECISION_RECORD} is attached; every packet carries its decision record.`);
    return { checks, record: null };
  }
  add('decision record attached', true, `${DECISION_RECORD} is attached (${attached.length} bytes).`);
  // pdfkit writes each Info value as an object of its own; one that cannot be read states nothing.
  const stated = (key: string) => {
    try {
      return textOf(signed.resolve(signed.dict(signed.trailer.entries.get('Info'))?.entries.get(key)));
    } catch {
      return null;
    }
  };
  const sha = createHash('sha256').update(attached).digest('hex');
  const statedSha = stated('MrbRecordSha256');
  add(
    'decision record intact',
    statedSha === sha,
    statedSha === sha ? `${DECISION_RECORD} has the SHA-256 the packet states (${sha}).` : `${DECISION_RECORD} hashes to ${sha}, not the ${statedSha ?? 'missing'} the packet states.`,
  );
  let record: { audit?: { head?: unknown } };
  try {
    record = JSON.parse(attached.toString('utf8')) as typeof record;
  } catch {
    add('decision record readable', false, `${DECISION_RECORD} is not valid JSON.`);
    return { checks, record: null };
  }
  const head = record.audit?.head;
  const printed = stated('MrbChainHead');
  const same = typeof head === 'string' && /^[0-9a-fA-F]+$/.test(head) && head === printed;
  add(
    'chain head matches',
    same,
    same
      ? `The record's audit chain head is the one printed: ${head}.`
      : typeof head !== 'string'
        ? `${DECISION_RECORD} states no audit chain head (audit.head).`
        : `The record's chain head ${head} differs from the ${printed ?? 'missing'} the packet prints.`,
  );
  return { checks, record };
}
