import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { UserError } from '../../../shared/contract/errors';
import { moveItem, orderAgenda } from '../../../shared/sessions/agenda';
import {
  AddAgendaItemArgsSchema,
  AddAttendeeArgsSchema,
  AttendanceArgsSchema,
  BuildAgendaArgsSchema,
  CreateSessionArgsSchema,
  CurrentItemArgsSchema,
  MoveAgendaItemArgsSchema,
  NotesArgsSchema,
  RemoveAgendaItemArgsSchema,
  RemoveAttendeeArgsSchema,
  SessionIdArgsSchema,
  UpdateSessionArgsSchema,
} from '../../../shared/sessions/callSchemas';
import type { Session, SessionDetail } from '../../../shared/sessions/session';
import { heatmap } from '../scoring/scoreService';
import { decisionsOfSession } from '../store/decisionTable';
import { personByEmail } from '../store/rosterTable';
import {
  attendeeHasVotes,
  clearAgenda,
  deleteAgendaItem,
  deleteAttendee,
  getAgendaItem,
  insertAgendaItem,
  insertAttendee,
  insertSession,
  listAgenda,
  listAttendees,
  nextSessionNumber,
  putNote,
  sessionImage,
  setAgendaOrder,
  setPresence,
  updateSession,
} from '../store/sessionTable';
import type { Workspace, WriteTx } from '../store/workspace';
import { followUpReasons } from './registers';
import { dueModels } from '../cycles/dueService';
import { agendaFromDue } from '../../../shared/cycles/dueAgenda';
import { parse, requireOpen, sessionName, todayOf, write } from './sessionGuards';
import { sessionDetail, sessionSummaries } from './sessionView';

/**
 * The meeting itself: creating a session, its attendees and attendance, the agenda, the
 * item on screen, the chair's notes, and closing. Every write is one audited transaction
 * whose event images the whole session before and after (entity "session").
 */

/** Runs a change to one session and records it as one event with the session's before and after. */
function changeSession(ws: Workspace, sessionId: string, action: string, fn: (tx: WriteTx) => void): void {
  write(ws, (tx) => {
    const before = sessionImage(tx.db, sessionId);
    fn(tx);
    tx.audit({ action, entity: 'session', entityId: sessionId, before, after: sessionImage(tx.db, sessionId) });
  });
}

export function listSessionSummaries(ws: Workspace) {
  return sessionSummaries(ws);
}

export function getSessionDetail(ws: Workspace, args: z.input<typeof SessionIdArgsSchema>): SessionDetail {
  const a = parse(SessionIdArgsSchema, args);
  return sessionDetail(ws, a.sessionId, todayOf(ws.clock));
}

export function createSession(ws: Workspace, args: z.input<typeof CreateSessionArgsSchema>): SessionDetail {
  const a = parse(CreateSessionArgsSchema, args);
  const id = randomUUID();
  write(ws, (tx) => {
    const session: Session = {
      id,
      number: nextSessionNumber(tx.db),
      title: a.title,
      date: a.date,
      location: a.location,
      chair: a.chair,
      quorum: a.quorum,
      currentItemId: null,
      attendanceTakenAt: null,
      createdAt: tx.now,
      createdBy: tx.actor,
      closedAt: null,
      closedBy: null,
    };
    insertSession(tx.db, session);
    tx.audit({ action: 'session.create', entity: 'session', entityId: id, before: null, after: sessionImage(tx.db, id) });
  });
  return sessionDetail(ws, id, todayOf(ws.clock));
}

export function updateSessionDetails(ws: Workspace, args: z.input<typeof UpdateSessionArgsSchema>): SessionDetail {
  const a = parse(UpdateSessionArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, 'changing its details');
  changeSession(ws, s.id, 'session.update', (tx) => {
    updateSession(tx.db, {
      ...s,
      title: a.title ?? s.title,
      date: a.date ?? s.date,
      location: a.location ?? s.location,
      chair: a.chair ?? s.chair,
      quorum: a.quorum === undefined ? s.quorum : a.quorum,
    });
  });
  return sessionDetail(ws, s.id, todayOf(ws.clock));
}

/** An attendee picked from the roster is linked to the person by the roster's e-mail, once per session. */
function rosterEmail(ws: Workspace, email: string, attendees: { name: string; email?: string }[], session: string): string {
  const person = personByEmail(ws.reader, email);
  if (!person) throw new UserError('not_found', `${email} is not on the roster of this cycle; add the person in Settings, Roster, or type the attendee in.`, 'email');
  const taken = attendees.find((x) => x.email?.toLowerCase() === person.email.toLowerCase());
  if (taken) throw new UserError('already_exists', `${person.email} is already on the attendance list of ${session}, as ${taken.name}.`, 'email');
  return person.email;
}

export function addAttendee(ws: Workspace, args: z.input<typeof AddAttendeeArgsSchema>): SessionDetail {
  const a = parse(AddAttendeeArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, 'adding attendees');
  const attendees = listAttendees(ws.reader, s.id);
  const same = attendees.find((x) => x.name.toLocaleLowerCase() === a.name.toLocaleLowerCase());
  if (same) throw new UserError('already_exists', `${same.name} is already on the attendance list of ${sessionName(s)}.`, 'name');
  const email = a.email === undefined ? undefined : rosterEmail(ws, a.email, attendees, sessionName(s));
  changeSession(ws, s.id, 'attendee.add', (tx) => {
    const position = attendees.reduce((m, x) => Math.max(m, x.position + 1), 0);
    insertAttendee(tx.db, s.id, { id: randomUUID(), name: a.name, role: a.role, voting: a.voting, present: a.present, position, ...(email === undefined ? {} : { email }) });
  });
  return sessionDetail(ws, s.id, todayOf(ws.clock));
}

export function removeAttendee(ws: Workspace, args: z.input<typeof RemoveAttendeeArgsSchema>): SessionDetail {
  const a = parse(RemoveAttendeeArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, 'removing attendees');
  const who = listAttendees(ws.reader, s.id).find((x) => x.id === a.attendeeId);
  if (!who) throw new UserError('not_found', `"${a.attendeeId}" is not an attendee of ${sessionName(s)}.`, 'attendeeId');
  if (attendeeHasVotes(ws.reader, who.id)) {
    throw new UserError('invalid_argument', `${who.name} has voted on a decision of this session, so they stay on the attendance list; mark them absent instead.`, 'attendeeId');
  }
  changeSession(ws, s.id, 'attendee.remove', (tx) => deleteAttendee(tx.db, who.id));
  return sessionDetail(ws, s.id, todayOf(ws.clock));
}

/** Marks attendees present or absent; the quorum follows. */
export function takeAttendance(ws: Workspace, args: z.input<typeof AttendanceArgsSchema>): SessionDetail {
  const a = parse(AttendanceArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, 'taking attendance');
  const ids = new Set(listAttendees(ws.reader, s.id).map((x) => x.id));
  a.marks.forEach((m, i) => {
    if (!ids.has(m.attendeeId)) throw new UserError('not_found', `Attendee ${i + 1}: "${m.attendeeId}" is not an attendee of ${sessionName(s)}; add them first.`, `marks[${i}].attendeeId`);
  });
  changeSession(ws, s.id, 'attendance.take', (tx) => {
    for (const m of a.marks) setPresence(tx.db, m.attendeeId, m.present);
    updateSession(tx.db, { ...s, attendanceTakenAt: tx.now });
  });
  return sessionDetail(ws, s.id, todayOf(ws.clock));
}

/**
 * Builds the agenda from the cycle's models in heatmap order, pulling up those with an
 * expired risk acceptance or an overdue action, and flagging the top quartile. Replaces
 * the agenda, so it is refused once a decision is on record: then items are added,
 * removed and moved one by one.
 */
export function buildAgenda(ws: Workspace, args: z.input<typeof BuildAgendaArgsSchema>): SessionDetail {
  const a = parse(BuildAgendaArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, 'building its agenda');
  const today = todayOf(ws.clock);
  const rows = heatmap(ws).rows;
  const known = new Set(rows.map((r) => r.model.id));
  a.modelIds?.forEach((id, i) => {
    if (!known.has(id)) throw new UserError('not_found', `Model ${i + 1}: there is no model "${id}" in this cycle.`, `modelIds[${i}]`);
  });
  if (decisionsOfSession(ws.reader, s.id).length > 0) {
    throw new UserError('invalid_argument', `${sessionName(s)} already has decisions on record, so its agenda cannot be rebuilt; add, remove or move items instead.`, 'sessionId');
  }
  const byHeat = orderAgenda(
    rows.map((r) => ({ id: r.model.id, heat: r.heat, impact: r.impact })),
    followUpReasons(ws, today, s.id),
    a.modelIds ? new Set(a.modelIds) : undefined,
  );
  // Issue 11: from the due list, only the models that need the board, most urgent first.
  const entries = (a.from === 'due' ? agendaFromDue(byHeat, dueModels(ws, { asOf: today })) : byHeat).slice(0, a.cap);
  changeSession(ws, s.id, 'agenda.build', (tx) => {
    updateSession(tx.db, { ...s, currentItemId: null });
    clearAgenda(tx.db, s.id);
    entries.forEach((e, position) =>
      insertAgendaItem(tx.db, { id: randomUUID(), sessionId: s.id, modelId: e.modelId, position, topQuartile: e.topQuartile, pulledUp: e.pulledUp }),
    );
  });
  return sessionDetail(ws, s.id, today);
}

export function addAgendaItem(ws: Workspace, args: z.input<typeof AddAgendaItemArgsSchema>): SessionDetail {
  const a = parse(AddAgendaItemArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, 'changing its agenda');
  const today = todayOf(ws.clock);
  const rows = heatmap(ws).rows;
  if (!rows.some((r) => r.model.id === a.modelId)) throw new UserError('not_found', `There is no model "${a.modelId}" in this cycle.`, 'modelId');
  const items = listAgenda(ws.reader, s.id);
  if (items.some((i) => i.modelId === a.modelId)) throw new UserError('already_exists', `The model "${a.modelId}" is already on the agenda of ${sessionName(s)}.`, 'modelId');
  const [entry] = orderAgenda(
    rows.map((r) => ({ id: r.model.id, heat: r.heat, impact: r.impact })),
    followUpReasons(ws, today, s.id),
    new Set([a.modelId]),
  );
  changeSession(ws, s.id, 'agenda.add', (tx) => {
    const id = randomUUID();
    insertAgendaItem(tx.db, { id, sessionId: s.id, modelId: a.modelId, position: items.length, topQuartile: entry?.topQuartile ?? false, pulledUp: entry?.pulledUp ?? [] });
    const order = items.map((i) => i.id);
    order.splice(Math.min(a.position ?? order.length, order.length), 0, id);
    setAgendaOrder(tx.db, order);
  });
  return sessionDetail(ws, s.id, today);
}

function requireItem(ws: Workspace, s: Session, itemId: string) {
  const item = getAgendaItem(ws.reader, itemId);
  if (!item || item.sessionId !== s.id) throw new UserError('not_found', `"${itemId}" is not an item on the agenda of ${sessionName(s)}.`, 'itemId');
  return item;
}

export function removeAgendaItem(ws: Workspace, args: z.input<typeof RemoveAgendaItemArgsSchema>): SessionDetail {
  const a = parse(RemoveAgendaItemArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, 'changing its agenda');
  const item = requireItem(ws, s, a.itemId);
  if (decisionsOfSession(ws.reader, s.id).some((d) => d.itemId === item.id)) {
    throw new UserError('invalid_argument', `The board has recorded a decision on "${item.modelId}", so the item stays on the agenda; record the decision again to change it.`, 'itemId');
  }
  changeSession(ws, s.id, 'agenda.remove', (tx) => {
    if (s.currentItemId === item.id) updateSession(tx.db, { ...s, currentItemId: null });
    deleteAgendaItem(tx.db, item.id);
    setAgendaOrder(tx.db, listAgenda(tx.db, s.id).map((i) => i.id));
  });
  return sessionDetail(ws, s.id, todayOf(ws.clock));
}

/** Moves an item to a new 0-based position (drag and drop, or the keyboard's up and down). */
export function moveAgendaItem(ws: Workspace, args: z.input<typeof MoveAgendaItemArgsSchema>): SessionDetail {
  const a = parse(MoveAgendaItemArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, 'changing its agenda');
  const item = requireItem(ws, s, a.itemId);
  const order = listAgenda(ws.reader, s.id).map((i) => i.id);
  if (a.position > order.length - 1) {
    throw new UserError('invalid_argument', `position is ${a.position}, but the agenda has ${order.length} item${order.length === 1 ? '' : 's'}; use 0 to ${order.length - 1}.`, 'position');
  }
  changeSession(ws, s.id, 'agenda.move', (tx) => setAgendaOrder(tx.db, moveItem(order, order.indexOf(item.id), a.position)));
  return sessionDetail(ws, s.id, todayOf(ws.clock));
}

/**
 * The item the board is discussing, which the presenter view follows. Audited like any
 * change: the log then shows when each item came up, which is how long it was discussed.
 */
export function setCurrentItem(ws: Workspace, args: z.input<typeof CurrentItemArgsSchema>): SessionDetail {
  const a = parse(CurrentItemArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, 'changing the current item');
  if (a.itemId !== null) requireItem(ws, s, a.itemId);
  if (s.currentItemId !== a.itemId) changeSession(ws, s.id, 'session.current', (tx) => updateSession(tx.db, { ...s, currentItemId: a.itemId }));
  return sessionDetail(ws, s.id, todayOf(ws.clock));
}

/** The chair's note on the session (itemId null) or on one item; empty text removes it. */
export function setNotes(ws: Workspace, args: z.input<typeof NotesArgsSchema>): SessionDetail {
  const a = parse(NotesArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, "changing the chair's notes");
  if (a.itemId !== null) requireItem(ws, s, a.itemId);
  changeSession(ws, s.id, 'notes.set', (tx) => putNote(tx.db, s.id, { itemId: a.itemId, text: a.text, updatedAt: tx.now, updatedBy: tx.actor }));
  return sessionDetail(ws, s.id, todayOf(ws.clock));
}

/** Closes the session: from now on the store refuses any change to its record but follow-up. */
export function closeSession(ws: Workspace, args: z.input<typeof SessionIdArgsSchema>): SessionDetail {
  const a = parse(SessionIdArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, 'closing it again');
  changeSession(ws, s.id, 'session.close', (tx) => updateSession(tx.db, { ...s, currentItemId: null, closedAt: tx.now, closedBy: tx.actor }));
  return sessionDetail(ws, s.id, todayOf(ws.clock));
}
