import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { UserError } from '../../../shared/contract/errors';
import { AmendArgsSchema, DecideArgsSchema, SetActionStatusArgsSchema } from '../../../shared/sessions/callSchemas';
import { checkDecision, evidenceConcerns, type DecisionContext } from '../../../shared/sessions/decisionRules';
import { minCoverageOf } from '../../../shared/domain/taxonomy';
import { checkVotes } from '../../../shared/sessions/quorum';
import { formatConditionRule, parseConditionRule, type ConditionRule } from '../../../shared/cycles/conditionRule';
import type { ActionRow, AmendmentApprovalDraft, DecisionDraft, Session, SessionDetail } from '../../../shared/sessions/session';
import { currentTaxonomy } from '../cycles/cycleService';
import { heatmap } from '../scoring/scoreService';
import {
  actionOwner,
  decisionImage,
  decisionsOfSession,
  findingIdsOfModel,
  getDecision,
  insertDecision,
  latestDecisionOfItem,
  replaceDecision,
  setActionStatus,
  type StoredApproval,
  type StoredDecision,
} from '../store/decisionTable';
import { listConflicts } from '../store/conflictTable';
import { checkAmendmentApproval } from '../../../shared/sessions/amendmentRule';
import { checkDissents } from '../../../shared/sessions/dissent';
import { getAgendaItem, getSession, listAttendees, type StoredAgendaItem } from '../store/sessionTable';
import { lastChange, refuseStale } from '../store/entityVersion';
import { getModel } from '../store/modelTable';
import type { Workspace } from '../store/workspace';
import { actionRow } from './registers';
import { acceptanceMaxMonths, parse, refuse, requireSession, sessionName, todayOf, write } from './sessionGuards';
import { sessionDetail } from './sessionView';

/**
 * The board's decisions: recorded in the meeting (with quorum and votes), amended after
 * the session is closed (a new record naming the one it amends; the original stays), and
 * followed up (conditions and mitigations marked done). Each is one audited event on the
 * decision (entity "decision") with its whole before and after.
 */

function context(ws: Workspace, item: StoredAgendaItem, decisionDate: string, kind: DecisionContext['kind'], evidence: Evidence): DecisionContext {
  return {
    decisionDate,
    acceptanceMaxMonths: acceptanceMaxMonths(ws),
    dimensions: currentTaxonomy(ws).dimensions,
    findingIds: findingIdsOfModel(ws.reader, item.modelId),
    kind,
    concerns: evidence.concerns,
  };
}

interface Evidence extends Pick<StoredDecision, 'heat' | 'tier'> {
  /** What an approval must acknowledge, each a sentence. */
  concerns: string[];
}

/** The model's heat and tier now, and what an approval of it must acknowledge. */
function evidenceNow(ws: Workspace, modelId: string): Evidence {
  const map = heatmap(ws);
  const row = map.rows.find((r) => r.model.id === modelId);
  if (!row) return { heat: null, tier: null, concerns: [] };
  const unscored = map.taxonomy.dimensions.filter((d) => d.weight > 0 && row.scores[d.key] === undefined).map((d) => d.label);
  const concerns = evidenceConcerns({ tier: row.tier, coverage: row.coverage, openSevere: row.openSevere, unscored, minCoverage: minCoverageOf(map.taxonomy) });
  return { heat: row.heat, tier: row.tier, concerns };
}

/** The acknowledgement kept with an approval that needed one; any other decision keeps none. */
function acknowledgementOf(d: DecisionDraft, evidence: Evidence): Pick<StoredDecision, 'acknowledgement'> {
  const approving = d.outcome === 'approved' || d.outcome === 'approved_with_conditions';
  if (!approving || evidence.concerns.length === 0) return {};
  return { acknowledgement: { concerns: evidence.concerns, reason: (d.acknowledgement ?? '').trim() } };
}

/** A decision's rows from a checked draft: text trimmed, every action open. */
function stored(base: Omit<StoredDecision, 'votes' | 'conditions' | 'mitigations' | 'acceptances' | 'outcome' | 'rationale' | 'blockingRisk'>, d: DecisionDraft): StoredDecision {
  const open = { status: 'open' as const, statusNote: null, statusAt: null, statusBy: null };
  return {
    ...base,
    outcome: d.outcome,
    rationale: d.rationale.trim(),
    blockingRisk: d.blockingRisk === null ? null : 'dimension' in d.blockingRisk ? { dimension: d.blockingRisk.dimension } : { findingId: d.blockingRisk.findingId },
    votes: d.votes.map((v) => ({
      attendeeId: v.attendeeId,
      vote: v.vote,
      ...(v.reason ? { reason: v.reason } : {}),
      ...(v.dissent ? { dissent: true as const } : {}),
    })),
    conditions: d.conditions.map((c, position) => ({
      id: randomUUID(),
      position,
      text: c.text.trim(),
      owner: (c.owner ?? '').trim(),
      due: c.due,
      ...open,
      ...(c.rule ? { rule: formatConditionRule(parseConditionRule(c.rule) as ConditionRule) } : {}),
    })),
    mitigations: d.mitigations.map((m, position) => ({
      id: randomUUID(),
      position,
      action: m.action.trim(),
      owner: m.owner.trim(),
      due: m.due,
      successCriteria: m.successCriteria.trim(),
      ...open,
    })),
    acceptances: d.acceptances.map((a, position) => ({
      id: randomUUID(),
      position,
      risk: a.risk.trim(),
      approver: a.approver.trim(),
      compensatingControls: a.compensatingControls.trim(),
      expiry: a.expiry,
    })),
  };
}

/** Members who declared a conflict on the item and stepped aside. */
function recusedFrom(ws: Workspace, sessionId: string, itemId: string): Set<string> {
  return new Set(listConflicts(ws.reader, sessionId).filter((c) => c.itemId === itemId && c.recused).map((c) => c.attendeeId));
}

/** The board's approval as stored: names trimmed, a vote's empty reason left out. */
function approvedBy(a: AmendmentApprovalDraft): StoredApproval {
  if (a.basis === 'signoff') return { basis: 'signoff', chair: a.chair, secretary: a.secretary };
  return { basis: 'vote', votes: a.votes.map((v) => ({ attendeeId: v.attendeeId, vote: v.vote, ...(v.reason ? { reason: v.reason } : {}) })) };
}

/** The model an agenda item is about, by the name people know it by. */
function modelName(ws: Workspace, item: StoredAgendaItem): string {
  return getModel(ws.reader, item.modelId)?.name ?? item.modelId;
}

/**
 * Records the board's decision on an agenda item: refused, with a sentence naming the
 * field, while quorum is not met, when a vote does not count (not an attendee, not a
 * voting member, not present, twice) or any outcome rule fails. Recording again while the
 * session is open replaces the decision; the audit log keeps what it replaced.
 */
export function recordDecision(ws: Workspace, args: z.input<typeof DecideArgsSchema>): SessionDetail {
  const { sessionId, itemId, expectedVersion, ...draft } = parse(DecideArgsSchema, args);
  const s = requireSession(ws, sessionId);
  if (s.closedAt !== null) {
    throw new UserError('invalid_argument', `${sessionName(s)} is closed, so its decisions are locked; record an amendment of the decision instead.`, 'sessionId');
  }
  const item = getAgendaItem(ws.reader, itemId);
  if (!item || item.sessionId !== s.id) throw new UserError('not_found', `"${itemId}" is not an item on the agenda of ${sessionName(s)}.`, 'itemId');
  const recorded = decisionsOfSession(ws.reader, s.id).filter((d) => d.itemId === item.id && d.kind === 'original');
  refuseStale(`The decision on ${modelName(ws, item)}`, expectedVersion, lastChange(ws.reader, 'decision', recorded.map((d) => d.id)));
  const evidence = evidenceNow(ws, item.modelId);
  refuse([...checkVotes(draft.votes, listAttendees(ws.reader, s.id), s.quorum, recusedFrom(ws, s.id, item.id)),
    ...checkDissents(draft.votes, draft.outcome, new Map(listAttendees(ws.reader, s.id).map((a) => [a.id, a.name]))),
    ...checkDecision(draft, context(ws, item, s.date, 'original', evidence))]);
  const existing = decisionsOfSession(ws.reader, s.id).find((d) => d.itemId === item.id && d.kind === 'original');
  const decision = stored(
    {
      id: existing?.id ?? randomUUID(),
      sessionId: s.id,
      itemId: item.id,
      kind: 'original',
      heat: evidence.heat,
      tier: evidence.tier,
      ...acknowledgementOf(draft, evidence),
      decisionDate: s.date,
      decidedAt: '',
      decidedBy: '',
      amends: null,
    },
    draft,
  );
  write(ws, (tx) => {
    const row = { ...decision, decidedAt: tx.now, decidedBy: tx.actor };
    if (existing) replaceDecision(tx.db, row);
    else insertDecision(tx.db, row);
    const after = getDecision(tx.db, row.id);
    tx.audit({ action: 'decision.record', entity: 'decision', entityId: row.id, before: existing ? decisionImage(existing) : null, after: after ? decisionImage(after) : null });
  });
  return sessionDetail(ws, s.id, todayOf(ws.clock));
}

/**
 * Amends a decision of a closed session: a new decision naming the one it amends and
 * why, counted from today (an acceptance's 12 months start at the amendment). The
 * amended decision stays as it was. Only the decision in force is amended, so the
 * amendments of an item form one line.
 */
export function amendDecision(ws: Workspace, args: z.input<typeof AmendArgsSchema>): SessionDetail {
  const { decisionId, reason, expectedVersion, approval, ...parts } = parse(AmendArgsSchema, args);
  const draft: DecisionDraft = { ...parts, votes: [] };
  const original = getDecision(ws.reader, decisionId);
  if (!original) throw new UserError('not_found', `There is no decision "${decisionId}" in this cycle.`, 'decisionId');
  const s = getSession(ws.reader, original.sessionId) as Session;
  if (s.closedAt === null) {
    throw new UserError('invalid_argument', `${sessionName(s)} is still open, so its decision is not amended but recorded again.`, 'decisionId');
  }
  const latest = latestDecisionOfItem(ws.reader, original.itemId);
  refuseStale(
    `The decision on ${modelName(ws, getAgendaItem(ws.reader, original.itemId) as StoredAgendaItem)}`,
    expectedVersion,
    lastChange(ws.reader, 'decision', [original.id, ...(latest && latest.id !== original.id ? [latest.id] : [])]),
  );
  if (latest && latest.id !== original.id) {
    throw new UserError('invalid_argument', `The decision "${decisionId}" has already been amended; amend the decision in force, "${latest.id}", instead.`, 'decisionId');
  }
  if (reason.trim() === '') throw new UserError('invalid_argument', 'An amendment says why the decision is amended: give a reason.', 'reason');
  const item = getAgendaItem(ws.reader, original.itemId) as StoredAgendaItem;
  const today = todayOf(ws.clock);
  const decisionDate = today > s.date ? today : s.date;
  const evidence = evidenceNow(ws, item.modelId);
  refuse(checkDecision(draft, context(ws, item, decisionDate, 'amendment', evidence)));
  refuse(checkAmendmentApproval(approval, { attendees: listAttendees(ws.reader, s.id), fixed: s.quorum, recused: recusedFrom(ws, s.id, item.id), chair: s.chair }));
  const id = randomUUID();
  write(ws, (tx) => {
    const row = stored(
      {
        id,
        sessionId: s.id,
        itemId: item.id,
        kind: 'amendment',
        heat: evidence.heat,
        tier: evidence.tier,
        ...acknowledgementOf(draft, evidence),
        decisionDate,
        decidedAt: tx.now,
        decidedBy: tx.actor,
        amends: { decisionId: original.id, reason: reason.trim(), amendedAt: tx.now, amendedBy: tx.actor },
      },
      draft,
    );
    row.approval = approvedBy(approval as AmendmentApprovalDraft);
    insertDecision(tx.db, row);
    const after = getDecision(tx.db, id);
    tx.audit({ action: 'decision.amend', entity: 'decision', entityId: id, before: null, after: after ? decisionImage(after) : null });
  });
  return sessionDetail(ws, s.id, today);
}

/**
 * Marks a condition or mitigation done (or open again), with an optional note: the
 * follow-up after the meeting, so it is allowed on a closed session and audited like
 * every change. Overdue is never set; it is derived from the due date.
 */
export function setFollowUpStatus(ws: Workspace, args: z.input<typeof SetActionStatusArgsSchema>): ActionRow {
  const a = parse(SetActionStatusArgsSchema, args);
  const owner = actionOwner(ws.reader, a.kind, a.id);
  if (!owner) throw new UserError('not_found', `There is no ${a.kind} "${a.id}" in this cycle.`, 'id');
  refuseStale(`The decision this ${a.kind} belongs to`, a.expectedVersion, lastChange(ws.reader, 'decision', [owner.decisionId]));
  const today = todayOf(ws.clock);
  if (!actionRow(ws, a.kind, a.id, today)) {
    throw new UserError('invalid_argument', `The ${a.kind} "${a.id}" belongs to a decision that has since been amended; follow up the amendment's ${a.kind}s instead.`, 'id');
  }
  write(ws, (tx) => {
    const before = getDecision(tx.db, owner.decisionId);
    setActionStatus(tx.db, a.kind, a.id, { status: a.status, note: a.note && a.note !== '' ? a.note : null, at: tx.now, by: tx.actor });
    const after = getDecision(tx.db, owner.decisionId);
    tx.audit({
      action: `${a.kind}.status`,
      entity: 'decision',
      entityId: owner.decisionId,
      before: before ? decisionImage(before) : null,
      after: after ? decisionImage(after) : null,
    });
  });
  return actionRow(ws, a.kind, a.id, today) as ActionRow;
}
