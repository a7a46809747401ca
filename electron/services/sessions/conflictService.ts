import type { z } from 'zod';
import { UserError } from '../../../shared/contract/errors';
import { DeclareConflictArgsSchema, WithdrawConflictArgsSchema } from '../../../shared/sessions/callSchemas';
import type { Session, SessionDetail } from '../../../shared/sessions/session';
import { decisionsOfSession } from '../store/decisionTable';
import { deleteConflict, listConflicts, putConflict } from '../store/conflictTable';
import { getAgendaItem, listAttendees, sessionImage } from '../store/sessionTable';
import { getModel } from '../store/modelTable';
import { parse, requireOpen, sessionName, todayOf, write } from './sessionGuards';
import { sessionDetail } from './sessionView';
import type { Workspace } from '../store/workspace';

/**
 * Conflicts of interest (issue 13 §2): declared per agenda item before or during the
 * meeting, each an audited change of the session ("conflict.declare", "conflict.withdraw").
 * A recused member neither votes on the item nor counts towards its quorum; a decision
 * already on record does not change behind the board's back, so it must be recorded again.
 */

function target(ws: Workspace, s: Session, itemId: string, attendeeId: string): { model: string; member: string } {
  const item = getAgendaItem(ws.reader, itemId);
  if (!item || item.sessionId !== s.id) throw new UserError('not_found', `"${itemId}" is not an item on the agenda of ${sessionName(s)}.`, 'itemId');
  const member = listAttendees(ws.reader, s.id).find((a) => a.id === attendeeId);
  if (!member) throw new UserError('not_found', `"${attendeeId}" is not an attendee of ${sessionName(s)}; add them first.`, 'attendeeId');
  return { model: getModel(ws.reader, item.modelId)?.name ?? item.modelId, member: member.name };
}

/** A recusal changes who may vote, so a decision already recorded on the item would rest on the wrong votes. */
function refuseIfDecided(ws: Workspace, s: Session, itemId: string, what: string, model: string): void {
  if (decisionsOfSession(ws.reader, s.id).some((d) => d.itemId === itemId)) {
    throw new UserError('invalid_argument', `A decision on ${model} is already on record, so ${what} would change who voted on it; declare conflicts before the vote.`, 'itemId');
  }
}

export function declareConflict(ws: Workspace, args: z.input<typeof DeclareConflictArgsSchema>): SessionDetail {
  const a = parse(DeclareConflictArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, 'declaring a conflict');
  const { model, member } = target(ws, s, a.itemId, a.attendeeId);
  refuseIfDecided(ws, s, a.itemId, `${member}'s declaration`, model);
  write(ws, (tx) => {
    const before = sessionImage(tx.db, s.id);
    putConflict(tx.db, s.id, { itemId: a.itemId, attendeeId: a.attendeeId, reason: a.reason, recused: a.recused, declaredAt: tx.now, declaredBy: tx.actor });
    tx.audit({ action: 'conflict.declare', entity: 'session', entityId: s.id, before, after: sessionImage(tx.db, s.id) });
  });
  return sessionDetail(ws, s.id, todayOf(ws.clock));
}

export function withdrawConflict(ws: Workspace, args: z.input<typeof WithdrawConflictArgsSchema>): SessionDetail {
  const a = parse(WithdrawConflictArgsSchema, args);
  const s = requireOpen(ws, a.sessionId, 'withdrawing a conflict');
  const { model, member } = target(ws, s, a.itemId, a.attendeeId);
  if (!listConflicts(ws.reader, s.id).some((c) => c.itemId === a.itemId && c.attendeeId === a.attendeeId)) {
    throw new UserError('not_found', `${member} has declared no conflict on ${model}.`, 'attendeeId');
  }
  refuseIfDecided(ws, s, a.itemId, `withdrawing ${member}'s declaration`, model);
  write(ws, (tx) => {
    const before = sessionImage(tx.db, s.id);
    deleteConflict(tx.db, a.itemId, a.attendeeId);
    tx.audit({ action: 'conflict.withdraw', entity: 'session', entityId: s.id, before, after: sessionImage(tx.db, s.id) });
  });
  return sessionDetail(ws, s.id, todayOf(ws.clock));
}
