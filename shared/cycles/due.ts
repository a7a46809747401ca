import { z } from 'zod';
import { ReviewMonthsSchema } from '../domain/taxonomy';
import { addMonths, isIsoDate } from '../sessions/dates';
import { daysBetween } from '../sessions/followUp';
import { HeatTierSchema, type HeatTier } from '../scoring/tiers';

/**
 * Which models need the board, and why (issue 11, section 3). Each trigger gives a reason
 * of its own; a model is due when any holds. Pure: the service gathers the facts.
 */

export type ReviewMonths = z.infer<typeof ReviewMonthsSchema>;

/** How often each tier is reviewed when the taxonomy does not say (months). */
export const DEFAULT_REVIEW_MONTHS: ReviewMonths = { critical: 6, high: 12, medium: 18, low: 24 };

export function reviewMonthsOf(t: { reviewMonths?: ReviewMonths }): ReviewMonths {
  return t.reviewMonths ?? DEFAULT_REVIEW_MONTHS;
}

/** A periodic review within this many days shows as due, before it is overdue. */
export const REVIEW_DUE_WITHIN_DAYS = 30;

export const DueReasonKindSchema = z.enum([
  'periodic_review',
  'acceptance_expiring',
  'acceptance_expired',
  'action_overdue',
  'material_change',
  'breach',
  'open_finding',
  'never_reviewed',
]);
export type DueReasonKind = z.infer<typeof DueReasonKindSchema>;

/** overdue: the board is late; due: it should look now; soon: within the coming window. */
export const UrgencySchema = z.enum(['overdue', 'due', 'soon']);
export type Urgency = z.infer<typeof UrgencySchema>;

export const DueReasonSchema = z.object({
  kind: DueReasonKindSchema,
  text: z.string(),
  /** The date the reason turns on (review due date, expiry, action due), when it has one. */
  date: z.string().nullable(),
  urgency: UrgencySchema,
});
export type DueReason = z.infer<typeof DueReasonSchema>;

export const DueModelSchema = z.object({
  modelId: z.string(),
  modelName: z.string(),
  owner: z.string(),
  tier: HeatTierSchema.nullable(),
  lastDecisionDate: z.string().nullable(),
  nextReview: z.string().nullable(),
  urgency: UrgencySchema,
  reasons: z.array(DueReasonSchema),
});
export type DueModel = z.infer<typeof DueModelSchema>;

export const DueArgsSchema = z.object({ asOf: z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD').optional() }).strict();

/** Everything the triggers look at for one model. */
export interface DueFacts {
  modelId: string;
  modelName: string;
  owner: string;
  tier: HeatTier | null;
  /** The board's last decision on the model (this cycle or an earlier one). */
  lastDecision: { date: string; modelVersion: string | null; predictionsSha256: string | null } | null;
  /** The model and predictions file of its latest bundle. */
  currentVersion: string;
  latestPredictionsSha256: string | null;
  /** Acceptances in force (not superseded), with expiry. */
  acceptances: readonly { risk: string; expiry: string }[];
  /** Open conditions and mitigations, with due date. */
  actions: readonly { kind: 'condition' | 'mitigation'; text: string; due: string }[];
  /** Metric breaches of the latest bundle: rules of the taxonomy that propose a score of 4 or 5. */
  breaches: readonly string[];
  /** Open findings of high or critical severity. */
  openSevereFindings: readonly { severity: 'high' | 'critical'; title: string }[];
}

const URGENCY_ORDER: Readonly<Record<Urgency, number>> = { overdue: 0, due: 1, soon: 2 };

function clip(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 79)}…` : one;
}

/** The reasons a model is due as of `today`; empty when it is not. */
export function dueReasons(f: DueFacts, today: string, months: ReviewMonths): DueReason[] {
  const out: DueReason[] = [];
  if (f.lastDecision === null) {
    out.push({ kind: 'never_reviewed', text: 'Never reviewed by the board.', date: null, urgency: 'due' });
  } else if (f.tier !== null) {
    const next = addMonths(f.lastDecision.date, months[f.tier]);
    const left = daysBetween(today, next);
    if (left < 0) {
      out.push({ kind: 'periodic_review', text: `Periodic review overdue: a ${f.tier} model is reviewed every ${months[f.tier]} months; due ${next}, ${-left} day${left === -1 ? '' : 's'} ago.`, date: next, urgency: 'overdue' });
    } else if (left <= REVIEW_DUE_WITHIN_DAYS) {
      out.push({ kind: 'periodic_review', text: `Periodic review due ${next} (every ${months[f.tier]} months for a ${f.tier} model).`, date: next, urgency: 'due' });
    }
  }
  for (const a of f.acceptances) {
    const left = daysBetween(today, a.expiry);
    if (left < 0) out.push({ kind: 'acceptance_expired', text: `Risk acceptance expired ${a.expiry}: ${clip(a.risk)}.`, date: a.expiry, urgency: 'overdue' });
    else if (left <= 30) out.push({ kind: 'acceptance_expiring', text: `Risk acceptance expires ${a.expiry} (in ${left} day${left === 1 ? '' : 's'}): ${clip(a.risk)}.`, date: a.expiry, urgency: 'due' });
  }
  for (const a of f.actions) {
    if (a.due < today) out.push({ kind: 'action_overdue', text: `The ${a.kind} "${clip(a.text)}" was due ${a.due}.`, date: a.due, urgency: 'overdue' });
  }
  if (f.lastDecision !== null) {
    if (f.lastDecision.modelVersion !== null && f.lastDecision.modelVersion !== f.currentVersion) {
      out.push({ kind: 'material_change', text: `New model version ${f.currentVersion} since the board decided on ${f.lastDecision.modelVersion}.`, date: null, urgency: 'due' });
    } else if (f.lastDecision.predictionsSha256 !== null && f.latestPredictionsSha256 !== null && f.lastDecision.predictionsSha256 !== f.latestPredictionsSha256) {
      out.push({ kind: 'material_change', text: 'The latest bundle carries predictions that differ from those the last decision rested on.', date: null, urgency: 'due' });
    }
  }
  for (const b of f.breaches) out.push({ kind: 'breach', text: `Breach in the latest bundle: ${b}.`, date: null, urgency: 'due' });
  for (const x of f.openSevereFindings) out.push({ kind: 'open_finding', text: `Open ${x.severity} finding: ${clip(x.title)}.`, date: null, urgency: 'due' });
  return out.sort((a, b) => URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] || (a.date ?? '9999').localeCompare(b.date ?? '9999'));
}

/** The date of the next periodic review, or null for a model never decided or untiered. */
export function nextReview(f: Pick<DueFacts, 'tier' | 'lastDecision'>, months: ReviewMonths): string | null {
  return f.lastDecision === null || f.tier === null ? null : addMonths(f.lastDecision.date, months[f.tier]);
}

/** Most urgent first: overdue before due, more reasons first, then the earliest date, then by id. */
export function orderDue(models: readonly DueModel[]): DueModel[] {
  // Each model's earliest date is found once, not again at every comparison of the sort.
  const earliest = new Map(models.map((m) => [m, m.reasons.map((r) => r.date ?? '9999').sort()[0] ?? '9999']));
  return [...models].sort(
    (a, b) =>
      URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] ||
      b.reasons.length - a.reasons.length ||
      (earliest.get(a) as string).localeCompare(earliest.get(b) as string) ||
      (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0),
  );
}

export function urgencyOf(reasons: readonly DueReason[]): Urgency {
  return reasons.reduce<Urgency>((u, r) => (URGENCY_ORDER[r.urgency] < URGENCY_ORDER[u] ? r.urgency : u), 'soon');
}
