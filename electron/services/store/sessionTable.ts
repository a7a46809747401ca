import { listConflicts } from './conflictTable';
import type { Attendee, PullReason, Session } from '../../../shared/sessions/session';
import type { Json } from './auditChain';
import type { ReadDb, WriteDb } from './handles';
import { tableExists } from './tableExists';

/**
 * Sessions and what belongs to the meeting itself: attendees, agenda items, the chair's
 * notes. Decisions and their parts live in decisionTable.ts. The audit log images a
 * session as one entity (the row with its attendees, agenda and notes), so a change to
 * any of them is one event whose before/after shows the whole meeting record.
 */

interface SessionRow {
  id: string;
  number: number;
  title: string;
  date: string;
  location: string;
  chair: string;
  quorum: number | null;
  current_item_id: string | null;
  attendance_taken_at: string | null;
  created_at: string;
  created_by: string;
  closed_at: string | null;
  closed_by: string | null;
}

interface AttendeeRow {
  id: string;
  session_id: string;
  position: number;
  name: string;
  role: string;
  voting: number;
  present: number;
  /** Absent in a workspace older than migration 011 read without upgrading. */
  email?: string | null;
}

interface AgendaRow {
  id: string;
  session_id: string;
  model_id: string;
  position: number;
  top_quartile: number;
  pulled_up: string;
}

interface NoteRow {
  session_id: string;
  item_id: string | null;
  text: string;
  updated_at: string;
  updated_by: string;
}

export interface StoredAttendee extends Attendee {
  position: number;
}

export interface StoredAgendaItem {
  id: string;
  sessionId: string;
  modelId: string;
  position: number;
  topQuartile: boolean;
  pulledUp: PullReason[];
}

export interface StoredNote {
  itemId: string | null;
  text: string;
  updatedAt: string;
  updatedBy: string;
}

function toSession(r: SessionRow): Session {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    date: r.date,
    location: r.location,
    chair: r.chair,
    quorum: r.quorum,
    currentItemId: r.current_item_id,
    attendanceTakenAt: r.attendance_taken_at,
    createdAt: r.created_at,
    createdBy: r.created_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
  };
}

export function listSessions(db: ReadDb): Session[] {
  return (db.prepare('SELECT * FROM sessions ORDER BY date DESC, number DESC').all() as SessionRow[]).map(toSession);
}

export function getSession(db: ReadDb, id: string): Session | undefined {
  const row = db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
  return row ? toSession(row) : undefined;
}

export function getSessionByNumber(db: ReadDb, n: number): Session | undefined {
  const row = db.prepare('SELECT * FROM sessions WHERE number = ?').get(n) as SessionRow | undefined;
  return row ? toSession(row) : undefined;
}

/** Sessions whose id starts with `prefix` (a person types the first few characters). */
export function sessionsWithIdPrefix(db: ReadDb, prefix: string): Session[] {
  return (db.prepare("SELECT * FROM sessions WHERE substr(id, 1, length(?)) = ? ORDER BY number").all(prefix, prefix) as SessionRow[]).map(toSession);
}

export function nextSessionNumber(db: ReadDb): number {
  return (db.prepare('SELECT ifnull(max(number), 0) + 1 AS n FROM sessions').get() as { n: number }).n;
}

function sessionParams(s: Session) {
  return {
    id: s.id,
    number: s.number,
    title: s.title,
    date: s.date,
    location: s.location,
    chair: s.chair,
    quorum: s.quorum,
    current_item_id: s.currentItemId,
    attendance_taken_at: s.attendanceTakenAt,
    created_at: s.createdAt,
    created_by: s.createdBy,
    closed_at: s.closedAt,
    closed_by: s.closedBy,
  };
}

export function insertSession(db: WriteDb, s: Session): void {
  db.prepare(
    `INSERT INTO sessions (id, number, title, date, location, chair, quorum, current_item_id, attendance_taken_at, created_at, created_by, closed_at, closed_by)
     VALUES (@id, @number, @title, @date, @location, @chair, @quorum, @current_item_id, @attendance_taken_at, @created_at, @created_by, @closed_at, @closed_by)`,
  ).run(sessionParams(s));
}

/** Writes every column but id, number and creation; the triggers refuse it once the session is closed. */
export function updateSession(db: WriteDb, s: Session): void {
  db.prepare(
    `UPDATE sessions SET title = @title, date = @date, location = @location, chair = @chair, quorum = @quorum,
       current_item_id = @current_item_id, attendance_taken_at = @attendance_taken_at, closed_at = @closed_at, closed_by = @closed_by
     WHERE id = @id`,
  ).run(sessionParams(s));
}

function toAttendee(r: AttendeeRow): StoredAttendee {
  const a: StoredAttendee = { id: r.id, name: r.name, role: r.role, voting: r.voting === 1, present: r.present === 1, position: r.position };
  // Only attendees picked from the roster carry the key, so earlier session images stay as audited.
  if (r.email != null) a.email = r.email;
  return a;
}

export function listAttendees(db: ReadDb, sessionId: string): StoredAttendee[] {
  return (db.prepare('SELECT * FROM attendees WHERE session_id = ? ORDER BY position').all(sessionId) as AttendeeRow[]).map(toAttendee);
}

export function insertAttendee(db: WriteDb, sessionId: string, a: StoredAttendee): void {
  db.prepare('INSERT INTO attendees (id, session_id, position, name, role, voting, present, email) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    a.id,
    sessionId,
    a.position,
    a.name,
    a.role,
    a.voting ? 1 : 0,
    a.present ? 1 : 0,
    a.email ?? null,
  );
}

export function deleteAttendee(db: WriteDb, id: string): void {
  // Their declarations of conflict go with them; the session's audit image shows both.
  db.prepare('DELETE FROM conflicts WHERE attendee_id = ?').run(id);
  db.prepare('DELETE FROM attendees WHERE id = ?').run(id);
}

export function setPresence(db: WriteDb, id: string, present: boolean): void {
  db.prepare('UPDATE attendees SET present = ? WHERE id = ?').run(present ? 1 : 0, id);
}

/** Whether the attendee has a vote on record (then they stay on the list). */
export function attendeeHasVotes(db: ReadDb, id: string): boolean {
  return db.prepare('SELECT 1 FROM votes WHERE attendee_id = ? LIMIT 1').get(id) !== undefined;
}

function toItem(r: AgendaRow): StoredAgendaItem {
  return {
    id: r.id,
    sessionId: r.session_id,
    modelId: r.model_id,
    position: r.position,
    topQuartile: r.top_quartile === 1,
    pulledUp: JSON.parse(r.pulled_up) as PullReason[],
  };
}

export function listAgenda(db: ReadDb, sessionId: string): StoredAgendaItem[] {
  return (db.prepare('SELECT * FROM agenda_items WHERE session_id = ? ORDER BY position, id').all(sessionId) as AgendaRow[]).map(toItem);
}

export function getAgendaItem(db: ReadDb, id: string): StoredAgendaItem | undefined {
  const row = db.prepare('SELECT * FROM agenda_items WHERE id = ?').get(id) as AgendaRow | undefined;
  return row ? toItem(row) : undefined;
}

export function insertAgendaItem(db: WriteDb, item: StoredAgendaItem): void {
  db.prepare('INSERT INTO agenda_items (id, session_id, model_id, position, top_quartile, pulled_up) VALUES (?, ?, ?, ?, ?, ?)').run(
    item.id,
    item.sessionId,
    item.modelId,
    item.position,
    item.topQuartile ? 1 : 0,
    JSON.stringify(item.pulledUp),
  );
}

export function deleteAgendaItem(db: WriteDb, id: string): void {
  db.prepare('DELETE FROM chair_notes WHERE item_id = ?').run(id);
  db.prepare('DELETE FROM conflicts WHERE item_id = ?').run(id);
  db.prepare('DELETE FROM agenda_items WHERE id = ?').run(id);
}

/** Every item of the session removed (rebuilding an agenda without decisions). */
export function clearAgenda(db: WriteDb, sessionId: string): void {
  db.prepare('DELETE FROM chair_notes WHERE session_id = ? AND item_id IS NOT NULL').run(sessionId);
  db.prepare('DELETE FROM conflicts WHERE session_id = ?').run(sessionId);
  db.prepare('DELETE FROM agenda_items WHERE session_id = ?').run(sessionId);
}

/** Positions 0..n-1 in the order of `itemIds`. */
export function setAgendaOrder(db: WriteDb, itemIds: readonly string[]): void {
  const set = db.prepare('UPDATE agenda_items SET position = ? WHERE id = ? AND position IS NOT ?');
  itemIds.forEach((id, i) => set.run(i, id, i));
}

export function listNotes(db: ReadDb, sessionId: string): StoredNote[] {
  const rows = db.prepare("SELECT * FROM chair_notes WHERE session_id = ? ORDER BY ifnull(item_id, ''), id").all(sessionId) as NoteRow[];
  return rows.map((r) => ({ itemId: r.item_id, text: r.text, updatedAt: r.updated_at, updatedBy: r.updated_by }));
}

/** Sets the chair's note on the session (itemId null) or on one item; empty text removes it. */
export function putNote(db: WriteDb, sessionId: string, note: StoredNote): void {
  db.prepare("DELETE FROM chair_notes WHERE session_id = ? AND ifnull(item_id, '') = ifnull(?, '')").run(sessionId, note.itemId);
  if (note.text.trim() === '') return;
  db.prepare('INSERT INTO chair_notes (session_id, item_id, text, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)').run(
    sessionId,
    note.itemId,
    note.text,
    note.updatedAt,
    note.updatedBy,
  );
}

/** What the audit log records of a session: the row, its attendees, agenda and notes. */
export function sessionImage(db: ReadDb, id: string): Json | null {
  const s = getSession(db, id);
  if (!s) return null;
  const conflicts = listConflicts(db, id);
  return {
    ...s,
    attendees: listAttendees(db, id).map((a) => ({ ...a })),
    agenda: listAgenda(db, id).map((i) => ({ id: i.id, modelId: i.modelId, position: i.position, topQuartile: i.topQuartile, pulledUp: [...i.pulledUp] })),
    notes: listNotes(db, id).map((n) => ({ ...n })),
    // Only when some were declared, so sessions recorded before conflicts existed keep their image.
    ...(conflicts.length > 0 ? { conflicts: conflicts.map((c) => ({ ...c })) } : {}),
  };
}

/** Whether the session tables exist: a workspace opened read-only is not migrated. */
export function hasSessionTables(db: ReadDb): boolean {
  return tableExists(db, 'sessions');
}

export function allSessionImages(db: ReadDb): Map<string, Json> {
  if (!hasSessionTables(db)) return new Map();
  const ids = db.prepare('SELECT id FROM sessions').pluck().all() as string[];
  return new Map(ids.map((id) => [id, sessionImage(db, id) as Json]));
}
