import { acceptanceState, actionStatus, daysBetween } from '../../../shared/sessions/followUp';
import { quorumStatus, tallyOf } from '../../../shared/sessions/quorum';
import type { AgendaItem, Decision, SessionDetail, SessionSummary } from '../../../shared/sessions/session';
import { heatmap } from '../scoring/scoreService';
import { decisionsInForce, decisionsOfSession, latestFindingCounts, type StoredDecision } from '../store/decisionTable';
import { hasSessionTables, listAgenda, listAttendees, listNotes, listSessions } from '../store/sessionTable';
import { versionsOf } from '../store/entityVersion';
import { cardAndLineageTexts, listConflicts } from '../store/conflictTable';
import { getModel } from '../store/modelTable';
import { suggestConflicts } from '../../../shared/sessions/conflicts';
import type { Workspace } from '../store/workspace';
import { requireSession } from './sessionGuards';

/** How the board approved an amendment, with voters by name and the quorum the vote had. */
function approvalView(d: StoredDecision, names: ReadonlyMap<string, string>, quorum: string): Decision['approval'] {
  const a = d.approval;
  if (!a) return undefined;
  if (a.basis === 'signoff') return { basis: 'signoff', chair: a.chair, secretary: a.secretary };
  return {
    basis: 'vote',
    votes: a.votes.map((v) => ({ attendeeId: v.attendeeId, name: names.get(v.attendeeId) ?? v.attendeeId, vote: v.vote, ...(v.reason ? { reason: v.reason } : {}) })),
    tally: tallyOf(a.votes),
    quorum,
  };
}

/**
 * A stored decision as people see it: voters by name, the tally, statuses as of today,
 * the members recused from the item and, for an amendment, how the board approved it.
 */
export function decisionView(
  d: StoredDecision,
  names: ReadonlyMap<string, string>,
  today: string,
  version: number,
  board: { recused: readonly string[]; quorum: string } = { recused: [], quorum: '' },
): Decision {
  return {
    id: d.id,
    kind: d.kind,
    outcome: d.outcome,
    rationale: d.rationale,
    blockingRisk: d.blockingRisk,
    heat: d.heat,
    tier: d.tier,
    decisionDate: d.decisionDate,
    decidedAt: d.decidedAt,
    decidedBy: d.decidedBy,
    amends: d.amends ? { decisionId: d.amends.decisionId, reason: d.amends.reason } : null,
    votes: d.votes.map((v) => ({
      attendeeId: v.attendeeId,
      name: names.get(v.attendeeId) ?? v.attendeeId,
      vote: v.vote,
      ...(v.reason ? { reason: v.reason } : {}),
      ...(v.dissent ? { dissent: true } : {}),
    })),
    ...(d.approval ? { approval: approvalView(d, names, board.quorum) } : {}),
    ...(d.acknowledgement ? { acknowledgement: { concerns: [...d.acknowledgement.concerns], reason: d.acknowledgement.reason } } : {}),
    recused: [...board.recused],
    tally: tallyOf(d.votes),
    conditions: d.conditions.map((c) => ({
      id: c.id,
      text: c.text,
      due: c.due,
      owner: c.owner,
      status: actionStatus(c.status, c.due, today),
      statusNote: c.statusNote,
      statusAt: c.statusAt,
      statusBy: c.statusBy,
      ...(c.rule ? { rule: c.rule } : {}),
    })),
    mitigations: d.mitigations.map((m) => ({
      id: m.id,
      action: m.action,
      owner: m.owner,
      due: m.due,
      successCriteria: m.successCriteria,
      status: actionStatus(m.status, m.due, today),
      statusNote: m.statusNote,
      statusAt: m.statusAt,
      statusBy: m.statusBy,
    })),
    acceptances: d.acceptances.map((a) => ({
      id: a.id,
      risk: a.risk,
      approver: a.approver,
      compensatingControls: a.compensatingControls,
      expiry: a.expiry,
      state: acceptanceState(a.expiry, today),
      daysLeft: daysBetween(today, a.expiry),
    })),
    version,
  };
}

/** An item's original decision and the chain of amendments after it, oldest first. */
function chainOf(decisions: readonly StoredDecision[], itemId: string): { original: StoredDecision | null; amendments: StoredDecision[] } {
  const mine = decisions.filter((d) => d.itemId === itemId);
  const original = mine.find((d) => d.kind === 'original') ?? null;
  const amendments: StoredDecision[] = [];
  let head = original;
  while (head) {
    const next = mine.find((d) => d.amends?.decisionId === head?.id);
    if (next) amendments.push(next);
    head = next ?? null;
  }
  return { original, amendments };
}

/** The whole record of a session as the app, the CLI and the minutes show it. */
export function sessionDetail(ws: Workspace, sessionId: string, today: string): SessionDetail {
  const db = ws.reader;
  const session = requireSession(ws, sessionId);
  const attendees = listAttendees(db, sessionId).map(({ position: _p, ...a }) => a);
  const names = new Map(attendees.map((a) => [a.id, a.name]));
  const rows = new Map(heatmap(ws).rows.map((r) => [r.model.id, r]));
  const findings = latestFindingCounts(db);
  const decisions = decisionsOfSession(db, sessionId);
  const inForce = decisionsInForce(db);
  const notes = listNotes(db, sessionId);
  const versions = versionsOf(db, 'decision', decisions.map((d) => d.id));
  const conflicts = listConflicts(db, sessionId);
  const items: AgendaItem[] = listAgenda(db, sessionId).map((item) => {
    const row = rows.get(item.modelId);
    const { original, amendments } = chainOf(decisions, item.id);
    const last = amendments[amendments.length - 1] ?? original;
    const declared = conflicts.filter((c) => c.itemId === item.id);
    const recusedIds = new Set(declared.filter((c) => c.recused).map((c) => c.attendeeId));
    const quorum = quorumStatus(attendees, session.quorum, recusedIds);
    const board = { recused: attendees.filter((a) => recusedIds.has(a.id)).map((a) => a.name), quorum: quorum.message };
    const model = getModel(db, item.modelId);
    return {
      id: item.id,
      position: item.position,
      modelId: item.modelId,
      modelName: row?.model.name ?? item.modelId,
      owner: row?.model.owner ?? '',
      heat: row?.heat ?? null,
      tier: row?.tier ?? null,
      topQuartile: row?.topQuartile ?? item.topQuartile,
      pulledUp: item.pulledUp,
      findings: findings.get(item.modelId) ?? { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      priorDecisions: inForce
        .filter((x) => x.modelId === item.modelId && x.decision.sessionId !== sessionId && (x.sessionDate < session.date || (x.sessionDate === session.date && x.sessionNumber < session.number)))
        .map((x) => ({ sessionId: x.decision.sessionId, sessionNumber: x.sessionNumber, date: x.sessionDate, outcome: x.decision.outcome })),
      decision: original ? decisionView(original, names, today, versions.get(original.id) ?? 0, board) : null,
      amendments: amendments.map((a) => decisionView(a, names, today, versions.get(a.id) ?? 0, board)),
      outcome: last?.outcome ?? null,
      note: notes.find((n) => n.itemId === item.id)?.text ?? null,
      conflicts: declared.map((c) => ({
        attendeeId: c.attendeeId,
        name: names.get(c.attendeeId) ?? c.attendeeId,
        reason: c.reason,
        recused: c.recused,
        declaredAt: c.declaredAt,
        declaredBy: c.declaredBy,
      })),
      suggestedConflicts:
        session.closedAt === null && model
          ? suggestConflicts(attendees, { owner: model.owner, team: model.team, texts: cardAndLineageTexts(db, item.modelId) }, new Set(declared.map((c) => c.attendeeId)))
          : [],
      quorum,
    };
  });
  return {
    session,
    status: session.closedAt === null ? 'open' : 'closed',
    attendees,
    quorum: quorumStatus(attendees, session.quorum),
    items,
    notes: notes.find((n) => n.itemId === null)?.text ?? null,
  };
}

/** Every session of the cycle, newest first, with its counts. */
export function sessionSummaries(ws: Workspace): SessionSummary[] {
  const db = ws.reader;
  if (!hasSessionTables(db)) return [];
  return listSessions(db).map((s) => {
    const attendees = listAttendees(db, s.id);
    const items = listAgenda(db, s.id);
    const decided = new Set(decisionsOfSession(db, s.id).map((d) => d.itemId));
    return {
      ...s,
      status: s.closedAt === null ? ('open' as const) : ('closed' as const),
      items: items.length,
      decided: items.filter((i) => decided.has(i.id)).length,
      attendees: attendees.length,
      present: attendees.filter((a) => a.present).length,
      quorumMet: quorumStatus(attendees, s.quorum).met,
    };
  });
}
