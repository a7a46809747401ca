import { AUDIT_ROW_COLUMNS, FAST_EVENT_COLUMNS, type FastAuditRow, type RawAuditRow, type StoredAuditRow } from './auditChain';
import type { ReadDb } from './handles';

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

/** The log after `afterSeq` through `lastSeq`, oldest first, as ChainWalker.stepFast reads it. */
export function fastAuditRowsThrough(db: ReadDb, lastSeq: number, afterSeq = 0): IterableIterator<FastAuditRow> {
  return db
    .prepare(`SELECT ${FAST_EVENT_COLUMNS} FROM audit_events WHERE seq > ? AND seq <= ? ORDER BY seq`)
    .raw()
    .iterate(afterSeq, lastSeq) as IterableIterator<FastAuditRow>;
}

/** Reads one event's columns by seq, for ChainWalker.stepFast. */
export function auditRowColumns(db: ReadDb): (seq: number) => RawAuditRow {
  const statement = db.prepare(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_events WHERE seq = ?`).raw();
  return (seq) => statement.get(seq) as RawAuditRow;
}

/** The distinct values a filter can take, each sorted. */
export function auditFacets(db: ReadDb): { entities: string[]; actors: string[]; actions: string[] } {
  const column = (name: 'entity' | 'actor' | 'action') =>
    (db.prepare(`SELECT DISTINCT ${name} AS v FROM audit_events ORDER BY v`).all() as { v: string }[]).map((r) => r.v);
  return { entities: column('entity'), actors: column('actor'), actions: column('action') };
}
