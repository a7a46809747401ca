import type { FieldProblem } from '../scoring/fieldProblem';
import { parseConditionRule } from '../cycles/conditionRule';
import { addMonths, isIsoDate } from './dates';
import { tallyOf } from './quorum';
import { OUTCOME_WORDS, type DecisionDraft } from './session';

/** How long the board may accept a risk by default before it must look again (a workspace setting). */
export const DEFAULT_ACCEPTANCE_MAX_MONTHS = 12;

export interface DecisionContext {
  /** The day the decision counts from: the meeting's date, or the day of an amendment. */
  decisionDate: string;
  acceptanceMaxMonths: number;
  /** Dimensions of the current taxonomy, which a rejection may name as its blocking risk. */
  dimensions: readonly { key: string; label: string }[];
  /** Findings of the model's evidence, which a rejection may name instead. */
  findingIds: ReadonlySet<number>;
  /** Amendments carry no votes: the original's votes stay the board's record. */
  kind: 'original' | 'amendment';
  /** What an approval must acknowledge (evidenceConcerns); none when absent. */
  concerns?: readonly string[];
}

/** What evidenceConcerns reads: a heatmap row's tier, coverage and open severe findings, and the minimum. */
export interface EvidenceFacts {
  tier: string | null;
  coverage: { scored: number; total: number };
  openSevere: { high: number; critical: number };
  /** Labels of the weighted dimensions without a score. */
  unscored: readonly string[];
  minCoverage: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Why an approval of this model needs the chair's explicit acknowledgement (issue 13 §5),
 * one sentence each: open high or critical findings, unscored dimensions, an incomplete
 * tier. Empty when the evidence is complete and nothing severe is open.
 */
export function evidenceConcerns(f: EvidenceFacts): string[] {
  const concerns: string[] = [];
  const { high, critical } = f.openSevere;
  if (high + critical > 0) {
    const parts = [critical > 0 ? `${critical} critical` : '', high > 0 ? `${high} high` : ''].filter((p) => p !== '');
    concerns.push(`${parts.join(' and ')} finding${high + critical === 1 ? ' is' : 's are'} open.`);
  }
  if (f.unscored.length > 0) {
    const named = f.unscored.length > 4 ? `${f.unscored.slice(0, 4).join(', ')} and ${f.unscored.length - 4} more` : f.unscored.join(', ');
    concerns.push(`${plural(f.unscored.length, 'dimension')} of ${f.coverage.total} ${f.unscored.length === 1 ? 'is' : 'are'} not scored: ${named}.`);
  }
  if (f.tier === 'incomplete') {
    concerns.push(
      `The tier is incomplete: ${f.coverage.scored} of ${f.coverage.total} dimensions scored, below the taxonomy's minimum of ${Math.round(f.minCoverage * 100)}%.`,
    );
  }
  return concerns;
}

/** The last day an acceptance made on `decisionDate` may run to. */
export function acceptanceExpiryLimit(decisionDate: string, maxMonths: number): string {
  return addMonths(decisionDate, maxMonths);
}

function blank(text: string): boolean {
  return text.trim() === '';
}

function checkDue(due: string, field: string, what: string, decisionDate: string): FieldProblem[] {
  if (!isIsoDate(due)) return [{ field, message: `The due date of ${what} is "${due}", not a date; write it as YYYY-MM-DD.` }];
  if (due < decisionDate) return [{ field, message: `The due date of ${what} is ${due}, before the decision on ${decisionDate}; choose a later day.` }];
  return [];
}

/**
 * The outcome rules of a decision, each broken one as a sentence naming the field:
 * every outcome needs a rationale; "approved with conditions" needs at least one
 * condition (and plain "approved" none); "rejected" names its blocking risk, a dimension
 * of the taxonomy or a finding of the model; conditions and mitigations are complete and
 * fall due on or after the decision; a risk acceptance runs at most `acceptanceMaxMonths`
 * months from the decision and cannot accompany a rejection; and the outcome agrees with
 * the votes (an approval needs more votes for than against, a rejection cannot have more
 * for than against). Votes against the attendance are checkVotes' job.
 */
export function checkDecision(d: DecisionDraft, ctx: DecisionContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const word = OUTCOME_WORDS[d.outcome];
  if (blank(d.rationale)) {
    problems.push({ field: 'rationale', message: `Every decision needs a rationale: say why the board decided "${word}".` });
  }
  if (d.outcome === 'approved_with_conditions' && d.conditions.length === 0) {
    problems.push({ field: 'conditions', message: '"Approved with conditions" needs at least one condition with its text and due date.' });
  }
  if (d.outcome === 'approved' && d.conditions.length > 0) {
    problems.push({ field: 'outcome', message: `The decision lists ${d.conditions.length} condition${d.conditions.length === 1 ? '' : 's'}; record it as "Approved with conditions", or remove them.` });
  }
  if (d.outcome === 'rejected' && d.blockingRisk === null) {
    problems.push({ field: 'blockingRisk', message: 'A rejection names the blocking risk: a dimension of the taxonomy or a finding of the model, and the rationale says why it blocks.' });
  }
  if (d.blockingRisk !== null) {
    if (d.outcome === 'approved' || d.outcome === 'approved_with_conditions') {
      problems.push({ field: 'blockingRisk', message: `An approval has no blocking risk; name one only for a rejection or a deferral.` });
    } else if ('dimension' in d.blockingRisk) {
      const key = d.blockingRisk.dimension;
      if (!ctx.dimensions.some((x) => x.key === key)) {
        problems.push({ field: 'blockingRisk.dimension', message: `"${key}" is not a dimension of the taxonomy; name one of ${ctx.dimensions.map((x) => x.key).join(', ')}.` });
      }
    } else if (!ctx.findingIds.has(d.blockingRisk.findingId)) {
      problems.push({ field: 'blockingRisk.findingId', message: `Finding #${d.blockingRisk.findingId} is not a finding of this model's evidence.` });
    }
  }
  d.conditions.forEach((c, i) => {
    const at = `conditions[${i}]`;
    if (blank(c.text)) problems.push({ field: `${at}.text`, message: `Condition ${i + 1} has no text; say what must be done.` });
    problems.push(...checkDue(c.due, `${at}.due`, `condition ${i + 1}`, ctx.decisionDate));
    if (c.rule !== undefined && c.rule !== '') {
      const rule = parseConditionRule(c.rule);
      if (typeof rule === 'string') problems.push({ field: `${at}.rule`, message: `Condition ${i + 1}, rule: ${rule}` });
    }
  });
  d.mitigations.forEach((m, i) => {
    const at = `mitigations[${i}]`;
    if (blank(m.action)) problems.push({ field: `${at}.action`, message: `Mitigation ${i + 1} does not say what is to be done.` });
    if (blank(m.owner)) problems.push({ field: `${at}.owner`, message: `Mitigation ${i + 1} has no owner; name who sees to it.` });
    if (blank(m.successCriteria)) {
      problems.push({ field: `${at}.successCriteria`, message: `Mitigation ${i + 1} has no success criteria; say how the board will know it worked.` });
    }
    problems.push(...checkDue(m.due, `${at}.due`, `mitigation ${i + 1}`, ctx.decisionDate));
  });
  if (d.outcome === 'rejected' && d.acceptances.length > 0) {
    problems.push({ field: 'acceptances', message: 'A rejected model carries no risk acceptance; remove the acceptances or choose another outcome.' });
  }
  const limit = isIsoDate(ctx.decisionDate) ? acceptanceExpiryLimit(ctx.decisionDate, ctx.acceptanceMaxMonths) : null;
  d.acceptances.forEach((a, i) => {
    const at = `acceptances[${i}]`;
    if (blank(a.risk)) problems.push({ field: `${at}.risk`, message: `Risk acceptance ${i + 1} does not say which risk is accepted.` });
    if (blank(a.approver)) problems.push({ field: `${at}.approver`, message: `Risk acceptance ${i + 1} has no approver; name who accepts the risk.` });
    if (blank(a.compensatingControls)) {
      problems.push({ field: `${at}.compensatingControls`, message: `Risk acceptance ${i + 1} lists no compensating controls.` });
    }
    if (!isIsoDate(a.expiry)) {
      problems.push({ field: `${at}.expiry`, message: `The expiry of risk acceptance ${i + 1} is "${a.expiry}", not a date; write it as YYYY-MM-DD.` });
    } else if (a.expiry <= ctx.decisionDate) {
      problems.push({ field: `${at}.expiry`, message: `Risk acceptance ${i + 1} expires on ${a.expiry}, not after the decision on ${ctx.decisionDate}; choose a later day.` });
    } else if (limit !== null && a.expiry > limit) {
      problems.push({
        field: `${at}.expiry`,
        message: `Risk acceptance ${i + 1} expires on ${a.expiry}, more than ${ctx.acceptanceMaxMonths} months after the decision on ${ctx.decisionDate}; the latest allowed is ${limit}.`,
      });
    }
  });
  const approving = d.outcome === 'approved' || d.outcome === 'approved_with_conditions';
  if (approving && (ctx.concerns ?? []).length > 0 && blank(d.acknowledgement ?? '')) {
    problems.push({
      field: 'acknowledgement',
      message: `Approving this model needs the chair's acknowledgement: ${(ctx.concerns ?? []).join(' ')} Say why the board approves anyway.`,
    });
  }
  if (ctx.kind === 'amendment' && d.votes.length > 0) {
    problems.push({ field: 'votes', message: "An amendment records no votes; the original decision's votes stay on the record." });
  }
  if (ctx.kind === 'original' && d.votes.length > 0) {
    const t = tallyOf(d.votes);
    const counted = `${t.for} for, ${t.against} against, ${t.abstain} abstaining`;
    if ((d.outcome === 'approved' || d.outcome === 'approved_with_conditions') && !(t.for > t.against)) {
      problems.push({ field: 'outcome', message: `The votes (${counted}) do not carry an approval: it needs more votes for than against.` });
    }
    if (d.outcome === 'rejected' && t.for > t.against) {
      problems.push({ field: 'outcome', message: `The votes (${counted}) do not carry a rejection: more members voted for than against.` });
    }
  }
  return problems;
}
