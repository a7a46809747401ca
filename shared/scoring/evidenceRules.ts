import type { EvidenceRule } from '../domain/taxonomy';
import type { FieldProblem } from './fieldProblem';

/** Metric values by name, e.g. { "drift.psi_max": 0.31 }; null means "could not be computed". */
export type MetricValues = Readonly<Record<string, number | null | undefined>>;

export interface Proposal {
  score: number;
  /** The rule that set the score, and its position in the dimension's list. */
  rule: EvidenceRule;
  ruleIndex: number;
  /** The metric value the rule fired on, for the score's evidence. */
  observed: number;
}

/** Whether an observed value meets a rule's comparison: an evidence rule's, or a condition's. */
export function ruleHolds(rule: Pick<EvidenceRule, 'op' | 'value'>, observed: number): boolean {
  switch (rule.op) {
    case '>=':
      return observed >= rule.value;
    case '>':
      return observed > rule.value;
    case '<=':
      return observed <= rule.value;
    case '<':
      return observed < rule.value;
  }
}

/**
 * The score the evidence proposes for one dimension, or null when no rule fires.
 * When several rules fire the highest score wins: rules are written as independent
 * warnings ("PSI >= 0.1 -> 3", "PSI >= 0.25 -> 5"), and the worst warning that holds is
 * the honest proposal whatever order they are listed in. Among equal scores the first
 * listed is named. A rule whose metric is missing, null or NaN does not fire: absent
 * evidence proposes nothing, and the analyst scores the dimension by hand.
 */
export function proposeScore(rules: readonly EvidenceRule[], metrics: MetricValues): Proposal | null {
  let best: Proposal | null = null;
  for (const [ruleIndex, rule] of rules.entries()) {
    const observed = Object.hasOwn(metrics, rule.metric) ? metrics[rule.metric] : undefined;
    if (typeof observed !== 'number' || !ruleHolds(rule, observed)) continue;
    if (best === null || rule.score > best.score) best = { score: rule.score, rule, ruleIndex, observed };
  }
  return best;
}

export interface RuleListPlace {
  /** Path of the rule list, e.g. "dimensions[0].rules". */
  field: string;
  /** The dimension's name as the user knows it, e.g. "Performance & drift". */
  dimension: string;
}

/**
 * Every problem in a dimension's rules: a metric that the validation does not produce
 * (such a rule could never fire, which would look like clean evidence), a value that is
 * not a finite number, a score that is not a whole number 1..5.
 */
export function checkRules(rules: readonly EvidenceRule[], knownMetrics: ReadonlySet<string>, place: RuleListPlace): FieldProblem[] {
  const problems: FieldProblem[] = [];
  rules.forEach((rule, i) => {
    const at = `${place.field}[${i}]`;
    const name = `Rule ${i + 1} of ${place.dimension}`;
    if (!knownMetrics.has(rule.metric)) {
      problems.push({
        field: `${at}.metric`,
        message: `${name} reads the metric "${rule.metric}", which the validation does not produce; choose one of the known metrics.`,
      });
    }
    if (!Number.isFinite(rule.value)) {
      problems.push({ field: `${at}.value`, message: `${name} compares with ${rule.value}; enter a finite number.` });
    }
    if (!Number.isInteger(rule.score) || rule.score < 1 || rule.score > 5) {
      problems.push({ field: `${at}.score`, message: `${name} proposes ${rule.score}; a score must be a whole number from 1 to 5.` });
    }
  });
  return problems;
}
