import { storedContent } from './bundleTable';
import type { ReadDb, WriteDb } from './handles';
import { tableExists } from './tableExists';

/**
 * Conflicts of interest declared per agenda item (issue 13 §2). They belong to the
 * session's record: its audit image lists them, and closing the session locks them.
 */

export interface StoredConflict {
  itemId: string;
  attendeeId: string;
  reason: string;
  recused: boolean;
  declaredAt: string;
  declaredBy: string;
}

/** Whether the table exists: a workspace opened read-only is not upgraded. */
export function hasConflictTable(db: ReadDb): boolean {
  return tableExists(db, 'conflicts');
}

/** A session's declarations, in agenda order and then attendance order. */
export function listConflicts(db: ReadDb, sessionId: string): StoredConflict[] {
  if (!hasConflictTable(db)) return [];
  const rows = db
    .prepare(
      `SELECT c.item_id, c.attendee_id, c.reason, c.recused, c.declared_at, c.declared_by
       FROM conflicts c JOIN agenda_items i ON i.id = c.item_id JOIN attendees a ON a.id = c.attendee_id
       WHERE c.session_id = ? ORDER BY i.position, a.position, a.id`,
    )
    .all(sessionId) as { item_id: string; attendee_id: string; reason: string; recused: number; declared_at: string; declared_by: string }[];
  return rows.map((r) => ({ itemId: r.item_id, attendeeId: r.attendee_id, reason: r.reason, recused: r.recused === 1, declaredAt: r.declared_at, declaredBy: r.declared_by }));
}

/** Declares a conflict, or replaces the member's earlier declaration on the item. */
export function putConflict(db: WriteDb, sessionId: string, c: StoredConflict): void {
  db.prepare(
    `INSERT INTO conflicts (session_id, item_id, attendee_id, reason, recused, declared_at, declared_by) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (item_id, attendee_id) DO UPDATE SET reason = excluded.reason, recused = excluded.recused, declared_at = excluded.declared_at, declared_by = excluded.declared_by`,
  ).run(sessionId, c.itemId, c.attendeeId, c.reason, c.recused ? 1 : 0, c.declaredAt, c.declaredBy);
}

export function deleteConflict(db: WriteDb, itemId: string, attendeeId: string): boolean {
  return db.prepare('DELETE FROM conflicts WHERE item_id = ? AND attendee_id = ?').run(itemId, attendeeId).changes > 0;
}

/** The text of the model card and lineage files of a model's latest bundle, where people are named. */
export function cardAndLineageTexts(db: ReadDb, modelId: string): { role: string; text: string }[] {
  const rows = db
    .prepare(
      `SELECT f.role, f.sha256 FROM bundle_files f
       WHERE f.role IN ('model_card', 'lineage')
         AND f.bundle_sha256 = (SELECT sha256 FROM bundles WHERE model_id = ? ORDER BY imported_at DESC, sha256 LIMIT 1)`,
    )
    .all(modelId) as { role: string; sha256: string }[];
  return rows.map((r) => ({ role: r.role, text: storedContent(db, r.sha256).toString('utf8') }));
}
