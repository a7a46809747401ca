import type { CallArgs } from '../../../shared/contract/calls';
import type { Dimension } from '../../../shared/domain/taxonomy';
import type { ApiError } from '../../../shared/contract/errors';
import type { FieldProblem } from '../../../shared/scoring/fieldProblem';
import { fieldPath, placeError, type FormErrors } from '../forms/fieldErrors';
import { checkDecision } from '../../../shared/sessions/decisionRules';
import { checkVotes } from '../../../shared/sessions/quorum';
import { checkAmendmentApproval } from '../../../shared/sessions/amendmentRule';
import { checkDissents, opposes } from '../../../shared/sessions/dissent';
import type { AcceptanceDraft, AgendaItem, Decision, DecisionDraft, MitigationDraft, Outcome, SessionDetail, VoteChoice } from '../../../shared/sessions/session';

/** The decision form's state: text as typed, one entry per row the chair added. */
export interface DecisionFormState {
  outcome: Outcome;
  rationale: string;
  /** A dimension key, or '' for none. */
  blockingDimension: string;
  /** Votes by attendee id; absent until the member's vote is given. */
  votes: Record<string, VoteChoice>;
  /** `rule`: a metric rule the next bundle is checked against (issue 11); empty for none. */
  conditions: { text: string; due: string; owner: string; rule: string }[];
  mitigations: MitigationDraft[];
  acceptances: AcceptanceDraft[];
  /** Amendments only: why the decision is changed. */
  reason: string;
  /** The chair's reason for approving on thin or adverse evidence; absent in drafts kept before it existed. */
  acknowledgement?: string;
  /** Why each member voted so, by attendee id; absent in drafts kept before reasons existed. */
  voteReasons?: Record<string, string>;
  /** Members recording a dissent from the outcome, by attendee id. */
  dissents?: Record<string, boolean>;
  /** Amendments only: how the board approves it. */
  approval?: ApprovalFormState;
}

/** The board's approval of an amendment as the form holds it. */
export interface ApprovalFormState {
  basis: 'signoff' | 'vote';
  chair: string;
  secretary: string;
  votes: Record<string, VoteChoice>;
}

/** A sign-off by the session's chair and the attendee listed as secretary, to start from. */
export function initialApproval(detail: SessionDetail): ApprovalFormState {
  const secretary = detail.attendees.find((a) => a.role.trim().toLowerCase() === 'secretary');
  return { basis: 'signoff', chair: detail.session.chair, secretary: secretary?.name ?? '', votes: {} };
}

/** Members recused from the item: they neither vote nor count in its quorum. */
export function recusedIds(item: AgendaItem): Set<string> {
  return new Set((item.conflicts ?? []).filter((c) => c.recused).map((c) => c.attendeeId));
}

export const EMPTY_CONDITION = { text: '', due: '', owner: '', rule: '' };
export const EMPTY_MITIGATION: MitigationDraft = { action: '', owner: '', due: '', successCriteria: '' };
export const EMPTY_ACCEPTANCE: AcceptanceDraft = { risk: '', approver: '', compensatingControls: '', expiry: '' };

/**
 * The form for an outcome, starting from the decision already on record when there is one
 * (recording again while the session is open replaces it; an amendment starts from the
 * decision in force). "Approved with conditions" opens with one empty condition row,
 * because it needs at least one.
 */
export function initialState(outcome: Outcome, from: Decision | null): DecisionFormState {
  const state: DecisionFormState = {
    outcome,
    rationale: from?.rationale ?? '',
    blockingDimension: !from?.blockingRisk ? '' : 'dimension' in from.blockingRisk ? from.blockingRisk.dimension : `${FINDING_PREFIX}${from.blockingRisk.findingId}`,
    votes: Object.fromEntries((from?.votes ?? []).map((v) => [v.attendeeId, v.vote])),
    voteReasons: Object.fromEntries((from?.votes ?? []).flatMap((v) => (v.reason ? [[v.attendeeId, v.reason]] : []))),
    dissents: Object.fromEntries((from?.votes ?? []).flatMap((v) => (v.dissent ? [[v.attendeeId, true]] : []))),
    conditions: (from?.conditions ?? []).map((c) => ({ text: c.text, due: c.due, owner: c.owner, rule: c.rule ?? '' })),
    mitigations: (from?.mitigations ?? []).map((m) => ({ action: m.action, owner: m.owner, due: m.due, successCriteria: m.successCriteria })),
    acceptances: (from?.acceptances ?? []).map((a) => ({ risk: a.risk, approver: a.approver, compensatingControls: a.compensatingControls, expiry: a.expiry })),
    reason: '',
    acknowledgement: from?.acknowledgement?.reason ?? '',
  };
  if (outcome === 'approved_with_conditions' && state.conditions.length === 0) state.conditions = [{ ...EMPTY_CONDITION }];
  return state;
}

/**
 * Only a rejection or a deferral names a blocking risk; a blocking risk chosen and then
 * left behind by switching to an approval is not sent (the API would refuse it).
 */
function blockingRisk(s: DecisionFormState): { dimension: string } | { findingId: number } | null {
  if (s.blockingDimension === '' || (s.outcome !== 'rejected' && s.outcome !== 'deferred')) return null;
  if (s.blockingDimension.startsWith(FINDING_PREFIX)) return { findingId: Number(s.blockingDimension.slice(FINDING_PREFIX.length)) };
  return { dimension: s.blockingDimension };
}

/** The blocking-risk choice holds a dimension key, or a finding as "finding:<id>". */
export const FINDING_PREFIX = 'finding:';

/** The parts both calls share. Conditions are dropped for a plain approval only when every row is still empty. */
function parts(s: DecisionFormState) {
  const untouched = s.conditions.every((c) => c.text.trim() === '' && c.due === '' && c.owner.trim() === '' && (c.rule ?? '').trim() === '');
  // A draft kept before conditions had rules has none; an empty rule is not sent.
  const conditions = s.conditions.map(({ rule, ...c }) => ((rule ?? '').trim() === '' ? c : { ...c, rule }));
  return {
    outcome: s.outcome,
    rationale: s.rationale,
    blockingRisk: blockingRisk(s),
    conditions: s.outcome === 'approved_with_conditions' || !untouched ? conditions : [],
    mitigations: s.mitigations,
    acceptances: s.acceptances,
    // Sent only when typed: the service asks for it where the evidence needs one.
    ...((s.acknowledgement ?? '').trim() !== '' ? { acknowledgement: s.acknowledgement } : {}),
  };
}

/** The arguments of sessions.decide; `voters` fixes the order, so an error on votes[i] names a known member. */
export function decideArgs(sessionId: string, itemId: string, s: DecisionFormState, voters: readonly string[], expectedVersion: number): CallArgs<'sessions.decide'> {
  const votes = voters.flatMap((attendeeId) => {
    const vote = s.votes[attendeeId];
    const reason = (s.voteReasons?.[attendeeId] ?? '').trim();
    const dissent = s.dissents?.[attendeeId] === true && opposes(s.outcome, vote ?? 'abstain');
    return vote === undefined ? [] : [{ attendeeId, vote, ...(reason ? { reason } : {}), ...(dissent ? { dissent } : {}) }];
  });
  return { sessionId, itemId, ...parts(s), votes, expectedVersion };
}

export function amendArgs(decisionId: string, s: DecisionFormState, expectedVersion: number): CallArgs<'sessions.amend'> {
  const a = s.approval;
  const approval =
    a === undefined
      ? undefined
      : a.basis === 'signoff'
        ? { basis: 'signoff' as const, chair: a.chair, secretary: a.secretary }
        : { basis: 'vote' as const, votes: Object.entries(a.votes).map(([attendeeId, vote]) => ({ attendeeId, vote })) };
  return { decisionId, reason: s.reason, ...parts(s), ...(approval ? { approval } : {}), expectedVersion };
}

/**
 * A half-written decision kept in the browser's storage, so a reload, a crash or a closed
 * drawer does not lose what the chair typed. `version` is the version of the decision the
 * draft was started from: a draft restored after someone else saved is refused as stale
 * on save, not saved over their decision.
 */
export interface StoredDraft {
  savedAt: string;
  version: number;
  state: DecisionFormState;
}

/** One draft per item (and per decision amended), in this session. */
export function draftKey(sessionId: string, itemId: string, amends: string | null): string {
  return `mrb.decisionDraft:${sessionId}:${itemId}${amends === null ? '' : `:amends:${amends}`}`;
}

type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function isFormState(v: unknown): v is DecisionFormState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    typeof s.outcome === 'string' &&
    typeof s.rationale === 'string' &&
    typeof s.blockingDimension === 'string' &&
    typeof s.reason === 'string' &&
    typeof s.votes === 'object' &&
    s.votes !== null &&
    Array.isArray(s.conditions) &&
    Array.isArray(s.mitigations) &&
    Array.isArray(s.acceptances)
  );
}

/** The draft kept for this key, or null; a draft that cannot be read (storage off, an older shape) is dropped. */
export function loadDraft(storage: DraftStorage, key: string): StoredDraft | null {
  try {
    const raw = storage.getItem(key);
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as Partial<StoredDraft>;
    if (typeof parsed.savedAt === 'string' && typeof parsed.version === 'number' && isFormState(parsed.state)) return parsed as StoredDraft;
    storage.removeItem(key);
  } catch {
    // Storage refused (private mode, quota) or held something else: no draft to restore.
  }
  return null;
}

export function saveDraft(storage: DraftStorage, key: string, draft: StoredDraft): void {
  try {
    storage.setItem(key, JSON.stringify(draft));
  } catch {
    // Without storage the form still works; only the safety net is gone.
  }
}

export function clearDraft(storage: DraftStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing was kept.
  }
}

/**
 * The control a decision field shows at, beyond the controls named as the API names them:
 * a vote error names votes[i], which is the i-th vote sent; the quorum shows at the votes,
 * and any part of the approval or of the blocking risk at its own control.
 */
function controlOf(path: string, sentVoters: readonly string[]): string | undefined {
  const vote = /^votes\[(\d+)\]/.exec(path);
  if (vote) {
    const who = sentVoters[Number(vote[1])];
    return who === undefined ? 'votes' : `vote:${who}`;
  }
  if (path === 'quorum') return 'votes';
  if (path.startsWith('approval')) return 'approval';
  if (path.startsWith('blockingRisk')) return 'blockingRisk';
  return undefined;
}

/**
 * The rules the API applies to a decision (shared/sessions), run again on the draft it
 * refused, with the ids of the findings the model's latest bundle has.
 */
export function problemsOf(
  args: CallArgs<'sessions.decide'> | CallArgs<'sessions.amend'>,
  detail: SessionDetail,
  dimensions: readonly Dimension[],
  decisionDate: string,
  findingIds: ReadonlySet<number>,
  acceptanceMaxMonths: number,
): FieldProblem[] {
  const amending = 'decisionId' in args;
  if (amending && args.reason.trim() === '') return [{ field: 'reason', message: 'An amendment says why the decision is amended: give a reason.' }];
  const votes = amending ? [] : (args.votes ?? []);
  const draft: DecisionDraft = {
    outcome: args.outcome,
    rationale: args.rationale,
    blockingRisk: args.blockingRisk ?? null,
    votes,
    conditions: (args.conditions ?? []).map((c) => ({ text: c.text, due: c.due, owner: c.owner ?? '', ...(c.rule === undefined ? {} : { rule: c.rule }) })),
    mitigations: args.mitigations ?? [],
    acceptances: args.acceptances ?? [],
  };
  const context = { decisionDate, acceptanceMaxMonths, dimensions, findingIds: new Set(findingIds), kind: amending ? ('amendment' as const) : ('original' as const) };
  const item = detail.items.find((i) => ('itemId' in args ? i.id === args.itemId : [i.decision, ...i.amendments].some((d) => d?.id === args.decisionId)));
  const recused = item ? recusedIds(item) : new Set<string>();
  const names = new Map(detail.attendees.map((a) => [a.id, a.name]));
  const board = amending
    ? checkAmendmentApproval(args.approval, { attendees: detail.attendees, fixed: detail.session.quorum, recused, chair: detail.session.chair })
    : [...checkVotes(votes, detail.attendees, detail.session.quorum, recused), ...checkDissents(votes, args.outcome, names)];
  return [...board, ...checkDecision(draft, context)];
}

/**
 * The API refuses with one sentence naming every problem, and the field of the first.
 * When the shared rules, run here, find the same first problem, each of their sentences
 * goes to its own control; otherwise the API's sentence stands alone at its field. Each is
 * placed as every form places an error (placeError): a field the form does not show sends
 * its sentence under the form, never nowhere.
 */
export function placeRefusal(refusal: ApiError, local: readonly FieldProblem[], sentVoters: readonly string[], fields: readonly string[]): FormErrors<string> & { fields: Record<string, string> } {
  const alias = (path: string) => controlOf(path, sentVoters);
  const at = (field: string | undefined) => (field === undefined ? undefined : (alias(fieldPath(field)) ?? fieldPath(field)));
  const agree = local.length > 0 && at(local[0]?.field) === at(refusal.field);
  const problems = agree ? local.map((p) => ({ ...refusal, field: p.field, message: p.message })) : [refusal];
  const placed: FormErrors<string> & { fields: Record<string, string> } = { fields: {}, form: null };
  for (const one of problems.map((p) => placeError(p, fields, alias))) {
    for (const [field, message] of Object.entries(one.fields)) placed.fields[field] = placed.fields[field] ? `${placed.fields[field]} ${message}` : (message as string);
    if (one.form !== null) placed.form = placed.form ? `${placed.form} ${one.form}` : one.form;
  }
  return placed;
}
