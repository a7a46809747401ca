import { hash as sha256Once } from 'node:crypto';

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
 * The text is the `canonicalize` package's, byte for byte (a property test holds the two
 * equal), written here because the state check of a verify canonicalises every record's
 * image and the package's per-character and per-object bookkeeping was a quarter of it.
 */
export function canonicalJson(value: Json): string {
  const text = canonicalText(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
}

/** A UTF-16 surrogate, paired or not: the first, native test before the exact one. */
const SURROGATE = /[\uD800-\uDFFF]/;

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) return true;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i += 1;
    }
  }
  return false;
}

/**
 * As `canonicalize` does: NaN, infinities and lone surrogates refused, toJSON followed, an
 * undefined or symbol member left out (null in an array), keys sorted by UTF-16 code units,
 * everything else JSON.stringify's. Images are trees (parsed or built), so no cycle check.
 */
function canonicalText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    if (SURROGATE.test(value) && hasLoneSurrogate(value)) throw new Error('Lone surrogate is not allowed');
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new Error('NaN is not allowed');
    if (!Number.isFinite(value)) throw new Error('Infinity is not allowed');
    return JSON.stringify(value);
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const object = value as { toJSON?: unknown } & Record<string, unknown>;
  if (typeof object.toJSON === 'function') return canonicalText((object.toJSON as () => unknown)());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (i > 0) out += ',';
      // A hole of a sparse array is left empty, as Array.map and join leave it.
      if (!(i in value)) continue;
      out += `${canonicalText(item === undefined || typeof item === 'symbol' ? null : item)}`;
    }
    return `${out}]`;
  }
  let out = '{';
  for (const key of sortedKeys(Object.keys(object))) {
    const member = object[key];
    if (member === undefined || typeof member === 'symbol') continue;
    if (out.length > 1) out += ',';
    out += `${quotedKey(key)}:${canonicalText(member)}`;
  }
  return `${out}}`;
}

/**
 * The exact comparison. A value JCS refuses (NaN, an infinity, a lone surrogate: what a row
 * edited behind the app can hold) has no canonical text, so no logged text is its own: it
 * differs, where throwing would end a verify with an error instead of naming the edit.
 */
function isExactlyCanonicalTextOf(text: string, value: Json): boolean {
  try {
    return canonicalJson(value) === text;
  } catch {
    return false;
  }
}

/**
 * Whether `text`, a canonical JSON text (a logged image is one: the chain vouches for it), is
 * JSON.stringify's text of `value`, and so its canonical text. JSON.stringify writes strings,
 * numbers and literals as JCS does, except that it keeps the keys' own order, writes null for
 * NaN and infinities (which JCS refuses) and escapes a lone surrogate (which JCS refuses too,
 * so no canonical text holds that escape). Like JCS it is one-to-one, so when its text is
 * `text` and each null in it stands for a null, `text` is the value's canonical text.
 */
function stringifiesTo(text: string, value: Json): boolean {
  const quick = JSON.stringify(value);
  return quick === text && (!quick.includes('null') || nullsAreNull(value));
}

/**
 * Whether every null JSON.stringify writes for `value` stands for a null: it holds no NaN or
 * infinity and no array hole (which canonicalJson writes otherwise), nor anything that is not
 * JSON (a toJSON, a function), which goes to the exact form. Records carry many nulls (a
 * follow-up not yet marked, a finding not yet closed), so refusing every text with a null
 * sent most images of a second cycle to the exact form.
 */
function nullsAreNull(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'function' || typeof value === 'symbol') return false;
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (!(i in value) || !nullsAreNull(value[i])) return false;
    return true;
  }
  const object = value as Record<string, unknown>;
  if (typeof object.toJSON === 'function') return false;
  for (const key of Object.keys(object)) if (!nullsAreNull(object[key])) return false;
  return true;
}

/**
 * Whether `text`, a logged image, is canonicalJson(value), for the images of one entity, which
 * are all built alike. JSON.stringify is tried first (stringifiesTo): an image built with its
 * keys in sorted order is compared with one native call. Once it does not give an image's
 * text (its keys are not built in order, or a null in it is not one), the rest go straight to
 * the exact form, so an entity built otherwise does not pay for writing each image twice
 * (about 50 ms a verify on the cycles bench's second cycle, of 30,000 records).
 */
export function canonicalTextMatcher(): (text: string, value: Json) => boolean {
  let quick = true;
  return (text, value) => {
    if (quick) {
      if (stringifiesTo(text, value)) return true;
      quick = false;
    }
    return isExactlyCanonicalTextOf(text, value);
  };
}

/**
 * The key list last sorted for each count of keys up to MEMO_KEYS, with its sorted order:
 * the images of an entity list the same keys in the same order, so comparing the lists
 * (the same strings, mostly compared by identity) stands for a sort. A fifth of
 * canonicalising the bench's 5,000 model images was sorting their keys.
 */
const lastSorted = new Map<number, { keys: string[]; sorted: string[] }>();
const MEMO_KEYS = 64;

function sortedKeys(keys: string[]): string[] {
  if (keys.length < 2) return keys;
  const last = lastSorted.get(keys.length);
  if (last !== undefined && last.keys.every((key, i) => key === keys[i])) return last.sorted;
  const sorted = [...keys].sort();
  if (keys.length <= MEMO_KEYS) lastSorted.set(keys.length, { keys, sorted });
  return sorted;
}

/**
 * Keys are few and repeat in every image of their entity, so each is checked and quoted
 * once (a third of canonicalising an image was its keys); a bounded cache, as keys of
 * free-form maps (regulatory mappings, report metrics) are not few.
 */
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = canonicalText(key) as string;
    if (quotedKeys.size < 4_096) quotedKeys.set(key, quoted);
  }
  return quoted;
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
  return sha256Once('sha256', prevHash + canonicalEvent(e), 'hex');
}

/**
 * The canonical event built straight from the stored columns. before/after are stored as
 * canonical JSON already, and the event's keys in JCS order are action, actor, after, at,
 * before, entity, entity_id, seq, so concatenation gives the same bytes as canonicalEvent
 * without parsing (a test holds the two equal). A stored image that is valid JSON but not
 * canonical therefore fails the hash, as an edit should.
 */
export function canonicalStoredEvent(row: StoredAuditRow): string {
  return canonicalRawEvent(rawAuditRow(row));
}

/**
 * The hash of an event whose images are canonical JSON already, as stored: a write
 * canonicalises each image once and hashes the same text it stores; the walk re-hashes it so.
 */
export function storedChainHash(prevHash: string, r: StoredEventFields): string {
  // One-shot hashing: a Hash object per event cost as much as the hashing itself.
  return sha256Once('sha256', prevHash + canonicalRawEvent(r), 'hex');
}

/** The fields of a stored event that its hash covers, in RawAuditRow order. */
type StoredEventFields = [seq: number, at: string, actor: string, action: string, entity: string, entity_id: string, before: string | null, after: string | null, ...rest: string[]];

function canonicalRawEvent(r: StoredEventFields): string {
  return (
    `{"action":${JSON.stringify(r[3])},"actor":${JSON.stringify(r[2])},"after":${r[7] ?? 'null'}` +
    `,"at":${JSON.stringify(r[1])},"before":${r[6] ?? 'null'},"entity":${JSON.stringify(r[4])}` +
    `,"entity_id":${JSON.stringify(r[5])},"seq":${r[0]}}`
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

/** The columns of a stored event in the order of RawAuditRow, for `SELECT ${AUDIT_ROW_COLUMNS}` with `.raw()`. */
export const AUDIT_ROW_COLUMNS = 'seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash';

/**
 * A stored event as an array: a walk over the whole log reads rows this way because
 * better-sqlite3 builds an array per row faster than an object (about a third of the walk).
 */
export type RawAuditRow = [
  seq: number,
  at: string,
  actor: string,
  action: string,
  entity: string,
  entity_id: string,
  before: string | null,
  after: string | null,
  prev_hash: string,
  hash: string,
];

function rawAuditRow(row: StoredAuditRow): RawAuditRow {
  return [row.seq, row.at, row.actor, row.action, row.entity, row.entity_id, row.before, row.after, row.prev_hash, row.hash];
}

/**
 * The text a walk hashes, put together by SQLite from the stored columns, with the stored hash
 * in front: hash, then prev_hash and the canonical event, the very string storedChainHash
 * hashes. One string a row, read a page of rows at a time, is about half the cost of reading
 * the columns into JS and assembling the text there. json_quote writes a string as
 * JSON.stringify does (quote, backslash and control characters escaped, \b \t \n \f \r
 * by name and the rest as a lowercase \u00xx; all else as it is), so the short fields need no
 * check. NULL where the text could not vouch for the event: a hash or prev_hash not 64
 * bytes long (the walk compares them by position, and length() would stop at a NUL), or,
 * with `checkTypes`, a column of another type than the schema gives it (json_quote would
 * refuse a blob and write a float its own way). Such an event is stepped from its columns.
 * The types need checking only where SQLite does not keep them (auditTypesKept): in a table
 * declared as the app declares it, every value has its column's type, and the ten checks
 * were a fifth of reading the texts.
 */
export function hashedEventText(checkTypes: boolean): string {
  const types = checkTypes
    ? ` AND typeof(seq) = 'integer'
  AND typeof(at) = 'text' AND typeof(actor) = 'text' AND typeof(action) = 'text' AND typeof(entity) = 'text'
  AND typeof(entity_id) = 'text' AND typeof(before) IN ('text', 'null') AND typeof(after) IN ('text', 'null')`
    : '';
  return `CASE WHEN octet_length(hash) = 64 AND octet_length(prev_hash) = 64${types}
  THEN concat(hash, prev_hash, '{"action":', json_quote(action), ',"actor":', json_quote(actor), ',"after":', coalesce(after, 'null'),
  ',"at":', json_quote(at), ',"before":', coalesce(before, 'null'), ',"entity":', json_quote(entity),
  ',"entity_id":', json_quote(entity_id), ',"seq":', seq, '}') END`;
}

/** Where the hashed text begins in a hashedEventText value: after the stored hash. */
const TEXT_AT = 64;

/**
 * Whether a hashedEventText value ends in `,"seq":<seq>}`, read digit by digit from its
 * end: as exact as endsWith on the written-out suffix, without making that string a row.
 */
function endsWithSeq(text: string, seq: number): boolean {
  let at = text.length - 1;
  if (text.charCodeAt(at) !== 125) return false;
  let n = seq;
  do {
    at -= 1;
    if (text.charCodeAt(at) !== 48 + (n % 10)) return false;
    n = Math.floor(n / 10);
  } while (n > 0);
  return text.startsWith(',"seq":', at - 7);
}

export interface ChainProblem {
  seq: number | null;
  reason: string;
}

function describe(r: RawAuditRow): string {
  return `event #${r[0]} (${r[3]} ${r[4]} ${r[5]}, ${r[1]})`;
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

  /** Checks one event from its columns; false once a problem is found. */
  step(r: RawAuditRow): boolean {
    if (this.problem) return false;
    const seq = r[0];
    if (seq !== this.expectedSeq) {
      this.problem =
        seq > this.expectedSeq
          ? { seq: this.expectedSeq, reason: `event #${this.expectedSeq} is missing: it was deleted (the log jumps to #${seq}).` }
          : { seq, reason: `${describe(r)} is out of sequence.` };
      return false;
    }
    if (r[8] !== this.prevHash) {
      this.problem = {
        seq,
        reason: `${describe(r)} does not follow event #${seq - 1}: its prev_hash is not that event's hash (an event was deleted, inserted or edited before it).`,
      };
      return false;
    }
    const hash = storedChainHash(r[8], r);
    if (hash !== r[9]) {
      this.problem = { seq, reason: `${describe(r)} was edited: its content no longer matches its hash.` };
      return false;
    }
    this.prevHash = hash;
    this.expectedSeq += 1;
    return true;
  }

  /**
   * Takes the next event from its hashedEventText value when the value vouches for it: the
   * event is the next in sequence, its prev_hash is the previous hash, and its text hashes to
   * its stored hash. The lengths the SQL checked make each comparison exact: the stored
   * hashes are 64 bytes, so where the hex ones compared at their places match, they are
   * the whole values (a byte that is not ASCII hex would not match).
   * False with nothing taken otherwise; the caller then steps the event from its columns, so
   * every verdict and sentence is `step`'s. The hashes are compared as whole strings and the
   * seq digit by digit: startsWith at an offset and a suffix written out for each row were a
   * sixth of a walk.
   */
  take(value: string | null): boolean {
    if (this.problem !== null || value === null) return false;
    const hash = sha256Once('sha256', value.slice(TEXT_AT), 'hex');
    if (value.slice(0, TEXT_AT) !== hash || value.slice(TEXT_AT, 2 * TEXT_AT) !== this.prevHash || !endsWithSeq(value, this.expectedSeq)) return false;
    this.prevHash = hash;
    this.expectedSeq += 1;
    return true;
  }

  /**
   * Takes the events after this walk's last one as a stretch checked on the other thread in
   * the same snapshot (walkBeside.ts): every event of the stretch hashed to its stored hash
   * and followed the one before it, and its first event's prev_hash is this walk's head.
   * An empty stretch (this walk took every claim) fits when it begins where this walk ends.
   * False, with nothing taken, when that does not fit; the caller then walks them itself.
   */
  join(stretch: { afterSeq: number; prevHash: string; lastSeq: number; head: string }): boolean {
    if (this.problem !== null || stretch.afterSeq !== this.lastSeq) return false;
    if (stretch.afterSeq === stretch.lastSeq) return true;
    if (stretch.prevHash !== this.prevHash) return false;
    this.expectedSeq = stretch.lastSeq + 1;
    this.prevHash = stretch.head;
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
