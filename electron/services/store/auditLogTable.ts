import { AUDIT_ROW_COLUMNS, hashedEventText, type ChainWalker, type RawAuditRow, type StoredAuditRow } from './auditChain';
import type { ReadDb, ReadStatement } from './handles';

/** What the Audit place filters the log by; every field is optional and they combine with AND. */
export interface AuditLogQuery {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  /** Inclusive bounds on the event's ISO time (a date bound is widened by the caller). */
  fromAt?: string;
  toAt?: string;
  /** Only events older than this seq: the next page of a newest-first list. */
  beforeSeq?: number;
}

function where(q: AuditLogQuery): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, value: string | number | undefined) => {
    if (value === undefined) return;
    parts.push(clause);
    params.push(value);
  };
  add('entity = ?', q.entity);
  add('entity_id = ?', q.entityId);
  add('actor = ?', q.actor);
  add('action = ?', q.action);
  add('at >= ?', q.fromAt);
  add('at <= ?', q.toAt);
  add('seq < ?', q.beforeSeq);
  return { sql: parts.length === 0 ? '' : `WHERE ${parts.join(' AND ')}`, params };
}

/** The matching events, newest first, at most `limit`. */
export function auditRows(db: ReadDb, q: AuditLogQuery, limit: number): StoredAuditRow[] {
  const w = where(q);
  return db
    .prepare(`SELECT seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash FROM audit_events ${w.sql} ORDER BY seq DESC LIMIT ?`)
    .all(...w.params, limit) as StoredAuditRow[];
}

/** How many events match, whatever the page. */
export function countAuditRows(db: ReadDb, q: AuditLogQuery): number {
  const w = where({ ...q, beforeSeq: undefined });
  return (db.prepare(`SELECT count(*) AS n FROM audit_events ${w.sql}`).get(...w.params) as { n: number }).n;
}

/** The audit table's columns as the app declares them: [type, NOT NULL]; seq, the INTEGER PRIMARY KEY, is the rowid. */
const AUDIT_DECLARED = new Map<string, [type: string, notNull: number]>([
  ['seq', ['INTEGER', 0]],
  ['at', ['TEXT', 1]],
  ['actor', ['TEXT', 1]],
  ['action', ['TEXT', 1]],
  ['entity', ['TEXT', 1]],
  ['entity_id', ['TEXT', 1]],
  ['before', ['TEXT', 0]],
  ['after', ['TEXT', 0]],
  ['prev_hash', ['TEXT', 1]],
  ['hash', ['TEXT', 1]],
]);

/**
 * Whether SQLite keeps every value of the audit table to the type of its column, read in
 * the caller's snapshot: the table is STRICT, its ten columns are declared as the app
 * declares them, and none is generated or hidden. A STRICT table refuses a value of another
 * type on every write, and the workspace's open-time check (quick_check) refuses a file whose
 * bytes hold one. A table rebuilt behind the app without STRICT is not kept so: its texts
 * are read with the type checks.
 */
export function auditTypesKept(db: ReadDb): boolean {
  const table = db.prepare("SELECT strict FROM pragma_table_list WHERE schema = 'main' AND name = 'audit_events'").all() as { strict: number }[];
  if (table.length !== 1 || table[0]?.strict !== 1) return false;
  const columns = db.prepare("SELECT name, type, \"notnull\" AS required, pk, hidden FROM pragma_table_xinfo('audit_events')").all() as {
    name: string;
    type: string;
    required: number;
    pk: number;
    hidden: number;
  }[];
  return (
    columns.length === AUDIT_DECLARED.size &&
    columns.every((c) => {
      const declared = AUDIT_DECLARED.get(c.name);
      return declared !== undefined && c.hidden === 0 && c.type.toUpperCase() === declared[0] && c.required === declared[1] && (c.pk === 1) === (c.name === 'seq');
    })
  );
}

/** Events a walk reads at a time: one statement call a page, small enough to hold in memory. */
const WALK_PAGE = 2_048;

/**
 * SQLite's page cache during a long walk, in KiB (a negative cache_size; in pages it would
 * mean four times as much in a file of 16 KiB pages): the walk reads each page of the log
 * once, in order, so a cache only keeps the b-tree's inner pages, and filling the
 * connection's usual 16 MB one costs more than it saves. Measured on a fresh connection (as
 * the CLI's and the verify worker's are) over the bench's 50,000 events: 148 ms against
 * 185 ms, the difference being the first touch of 16 MB of new memory (about 12 µs a 4 KiB
 * page on the 2-core test VM).
 */
const WALK_CACHE_KIB = 256;

/** Walks the events after `afterSeq` through `lastSeq` with `walker`, as walkAuditChain does. */
export type StretchWalk = (walker: ChainWalker, afterSeq: number, lastSeq: number, between?: (walked: number) => boolean) => void;

function walkStatements(db: ReadDb): { texts: ReadStatement; columns: ReadStatement; newest: number } {
  return {
    texts: db.prepare(`SELECT ${hashedEventText(!auditTypesKept(db))} FROM audit_events WHERE seq > ? AND seq <= ? ORDER BY seq`).pluck(),
    columns: db.prepare(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT -1 OFFSET ?`).raw(),
    newest: (db.prepare('SELECT max(seq) FROM audit_events').pluck().get() as number | null) ?? 0,
  };
}

/** Runs `fn` with the page cache at WALK_CACHE_KIB, given back after. */
function withWalkCache<T>(db: ReadDb, fn: () => T): T {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${WALK_CACHE_KIB}`);
  try {
    return fn();
  } finally {
    db.pragma(`cache_size = ${cache}`);
  }
}

/**
 * Runs `fn` with a walk of stretches of the log, its statements prepared once, in the caller's
 * snapshot and with the walk's page cache: a verify on two threads walks the log a stretch
 * at a time.
 */
export function withStretchWalk<T>(db: ReadDb, fn: (walk: StretchWalk) => T): T {
  const { texts, columns, newest } = walkStatements(db);
  return withWalkCache(db, () => fn((walker, afterSeq, lastSeq, between) => walkPages(texts, columns, walker, afterSeq, Math.min(lastSeq, newest), between)));
}

/**
 * Walks the events after `afterSeq` through `lastSeq` (or the last one), oldest first, until
 * the walker finds a problem or `between` (called after each page with the events walked so
 * far) says stop. A page is read as hashedEventText values; from the first event of a page
 * they do not vouch for, the rest of that page is stepped from its columns, in the same order.
 */
export function walkAuditChain(db: ReadDb, walker: ChainWalker, afterSeq: number, lastSeq: number, between?: (walked: number) => boolean): void {
  const { texts, columns, newest } = walkStatements(db);
  const last = Math.min(lastSeq, newest);
  // A short walk (the newest events, the Audit place's check) keeps the pages the app has cached.
  if (last - afterSeq <= WALK_PAGE) return walkPages(texts, columns, walker, afterSeq, last, between);
  withWalkCache(db, () => walkPages(texts, columns, walker, afterSeq, last, between));
}

function walkPages(texts: ReadStatement, columns: ReadStatement, walker: ChainWalker, afterSeq: number, last: number, between?: (walked: number) => boolean): void {
  let walked = 0;
  for (let from = afterSeq; from < last; from += WALK_PAGE) {
    const to = Math.min(from + WALK_PAGE, last);
    const page = texts.all(from, to) as (string | null)[];
    let taken = 0;
    while (taken < page.length && walker.take(page[taken] as string | null)) taken += 1;
    if (taken < page.length) {
      for (const row of columns.iterate(from, to, taken) as IterableIterator<RawAuditRow>) {
        if (!walker.step(row)) return;
      }
    }
    walked += page.length;
    if (between !== undefined && !between(walked)) return;
  }
}

/** The distinct values a filter can take, each sorted. */
export function auditFacets(db: ReadDb): { entities: string[]; actors: string[]; actions: string[] } {
  const column = (name: 'entity' | 'actor' | 'action') =>
    (db.prepare(`SELECT DISTINCT ${name} AS v FROM audit_events ORDER BY v`).all() as { v: string }[]).map((r) => r.v);
  return { entities: column('entity'), actors: column('actor'), actions: column('action') };
}
