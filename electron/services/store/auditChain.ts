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

function parseImage(text: string | null): Json | undefined {
  if (text === null) return null;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/**
 * Walks the rows in seq order and returns the first link that does not hold, or null.
 * Stateful so a caller can stream millions of rows without holding them.
 */
export class ChainWalker {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private problem: ChainProblem | null = null;
  count = 0;

  get head(): string | null {
    return this.count === 0 ? null : this.prevHash;
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
    this.count += 1;
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
    const before = parseImage(row.before);
    const after = parseImage(row.after);
    if (before === undefined || after === undefined) {
      this.problem = { seq: row.seq, reason: `${describe(row)} was edited: its before/after is not valid JSON.` };
      return false;
    }
    const body: AuditEventBody = {
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      before,
      after,
    };
    const hash = chainHash(row.prev_hash, body);
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
      if (this.count > 0) this.problem = { seq: null, reason: 'The chain head record is missing: it was deleted behind the app.' };
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
