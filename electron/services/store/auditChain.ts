import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** prev_hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface AuditEventBody {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: Json;
  after: Json;
}

/**
 * RFC 8785 (JSON Canonicalization Scheme): one byte string per value whatever the key
 * order or number formatting, so an auditor can re-hash an event with any JCS library.
 */
export function canonicalJson(value: Json): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
}

/** The canonical form of an event, as hashed; column names are the SQL ones. */
export function canonicalEvent(e: AuditEventBody): string {
  return canonicalJson({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    before: e.before,
    after: e.after,
  });
}

/** hash = sha256(prev_hash + canonical event), hex. */
export function chainHash(prevHash: string, e: AuditEventBody): string {
  return createHash('sha256').update(prevHash + canonicalEvent(e), 'utf8').digest('hex');
}

/**
 * The canonical event built straight from the stored columns. before/after are stored as
 * canonical JSON already, and the event's keys in JCS order are action, actor, after, at,
 * before, entity, entity_id, seq, so concatenation gives the same bytes as canonicalEvent
 * without parsing (a test holds the two equal). A stored image that is valid JSON but not
 * canonical therefore fails the hash, as an edit should.
 */
export function canonicalStoredEvent(row: StoredAuditRow): string {
  return (
    `{"action":${JSON.stringify(row.action)},"actor":${JSON.stringify(row.actor)},"after":${row.after ?? 'null'}` +
    `,"at":${JSON.stringify(row.at)},"before":${row.before ?? 'null'},"entity":${JSON.stringify(row.entity)}` +
    `,"entity_id":${JSON.stringify(row.entity_id)},"seq":${row.seq}}`
  );
}

export interface StoredAuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export interface ChainProblem {
  seq: number | null;
  reason: string;
}

function describe(row: StoredAuditRow): string {
  return `event #${row.seq} (${row.action} ${row.entity} ${row.entity_id}, ${row.at})`;
}

/**
 * Walks the rows in seq order and returns the first link that does not hold, or null.
 * Stateful so a caller can stream millions of rows without holding them.
 */
export class ChainWalker {
  private expectedSeq: number;
  private prevHash: string;
  private problem: ChainProblem | null = null;

  /** Starts after an already verified event, or at the beginning. */
  constructor(from: { seq: number; hash: string } | null = null) {
    this.expectedSeq = (from?.seq ?? 0) + 1;
    this.prevHash = from?.hash ?? GENESIS_HASH;
  }

  get head(): string | null {
    return this.expectedSeq === 1 ? null : this.prevHash;
  }

  get lastSeq(): number {
    return this.expectedSeq - 1;
  }

  get firstProblem(): ChainProblem | null {
    return this.problem;
  }

  /** Returns false once a problem is found; later rows are not looked at. */
  step(row: StoredAuditRow): boolean {
    if (this.problem) return false;
    if (row.seq !== this.expectedSeq) {
      this.problem =
        row.seq > this.expectedSeq
          ? { seq: this.expectedSeq, reason: `event #${this.expectedSeq} is missing: it was deleted (the log jumps to #${row.seq}).` }
          : { seq: row.seq, reason: `${describe(row)} is out of sequence.` };
      return false;
    }
    if (row.prev_hash !== this.prevHash) {
      this.problem = {
        seq: row.seq,
        reason: `${describe(row)} does not follow event #${row.seq - 1}: its prev_hash is not that event's hash (an event was deleted, inserted or edited before it).`,
      };
      return false;
    }
    const hash = createHash('sha256').update(row.prev_hash + canonicalStoredEvent(row), 'utf8').digest('hex');
    if (hash !== row.hash) {
      this.problem = { seq: row.seq, reason: `${describe(row)} was edited: its content no longer matches its hash.` };
      return false;
    }
    this.prevHash = hash;
    this.expectedSeq += 1;
    return true;
  }

  /** The anchor written with every event must name the last event and its hash. */
  checkAnchor(anchor: { seq: number; hash: string } | undefined): void {
    if (this.problem) return;
    if (anchor === undefined) {
      if (this.lastSeq > 0) this.problem = { seq: null, reason: 'The chain head record is missing: it was deleted behind the app.' };
      return;
    }
    if (anchor.seq > this.lastSeq) {
      this.problem = {
        seq: this.lastSeq + 1,
        reason: `The log ends at event #${this.lastSeq} but its recorded head is event #${anchor.seq}: the events after #${this.lastSeq} were deleted.`,
      };
    } else if (anchor.seq < this.lastSeq) {
      this.problem = {
        seq: anchor.seq + 1,
        reason: `Event #${anchor.seq + 1} and later were added behind the app: the recorded head is event #${anchor.seq}.`,
      };
    } else if (anchor.hash !== this.prevHash) {
      this.problem = { seq: anchor.seq, reason: `The recorded chain head does not match event #${anchor.seq}.` };
    }
  }
}
