import type { Json } from './auditChain';
import type { ReadDb } from './handles';

/**
 * Every entity's last `after` image as of a moment, from the audit log alone: the state
 * the time control redraws. An entity whose last event deleted it is absent.
 */
export function imagesAsOf(db: ReadDb, entity: string, asOf: string): Map<string, Json> {
  const rows = db
    .prepare('SELECT entity_id, after FROM audit_events WHERE entity = ? AND at <= ? ORDER BY seq')
    .all(entity, asOf) as { entity_id: string; after: string | null }[];
  const images = new Map<string, Json>();
  for (const r of rows) {
    if (r.after === null) images.delete(r.entity_id);
    else images.set(r.entity_id, JSON.parse(r.after) as Json);
  }
  return images;
}

export interface HistoryEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
}

/** The events of the given entities, oldest first. */
export function eventsOf(db: ReadDb, entities: readonly string[]): HistoryEvent[] {
  const marks = entities.map(() => '?').join(', ');
  return db
    .prepare(`SELECT seq, at, actor, action, entity, entity_id AS entityId FROM audit_events WHERE entity IN (${marks}) ORDER BY seq`)
    .all(...entities) as HistoryEvent[];
}

export interface RecordedEvent extends HistoryEvent {
  hash: string;
}

/** The events of the named entities (a session and its decisions), oldest first, with their hashes. */
export function eventsOfEntities(db: ReadDb, entities: readonly { entity: string; id: string }[]): RecordedEvent[] {
  if (entities.length === 0) return [];
  const where = entities.map(() => '(entity = ? AND entity_id = ?)').join(' OR ');
  return db
    .prepare(`SELECT seq, at, actor, action, entity, entity_id AS entityId, hash FROM audit_events WHERE ${where} ORDER BY seq`)
    .all(...entities.flatMap((e) => [e.entity, e.id])) as RecordedEvent[];
}
