import { EVIDENCE_METRIC_NAMES } from '../scoring/evidenceMetrics';
import { ruleHolds, type MetricValues } from '../scoring/evidenceRules';

/**
 * A condition that checks itself (issue 11, section 4): "overall.roc_auc_ci95.lo >= 0.72"
 * reads one metric of the model's next bundle, in the metric paths the evidence rules use,
 * and compares it with a number.
 */
export interface ConditionRule {
  metric: string;
  op: '>=' | '>' | '<=' | '<';
  value: number;
}

const SHAPE = /^\s*([a-z][a-z0-9_.]*)\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i;

/** The rule, or a sentence saying what is wrong with it. */
export function parseConditionRule(text: string): ConditionRule | string {
  const m = SHAPE.exec(text);
  if (!m) return `"${text}" is not a rule; write a metric, a comparison and a number, e.g. "drift.psi_max < 0.2".`;
  const metric = m[1] as string;
  if (!EVIDENCE_METRIC_NAMES.has(metric)) return `"${metric}" is not a metric the validation produces; use one of the evidence metrics, e.g. overall.roc_auc or drift.psi_max.`;
  return { metric, op: m[2] as ConditionRule['op'], value: Number(m[3]) };
}

export function formatConditionRule(r: ConditionRule): string {
  return `${r.metric} ${r.op} ${r.value}`;
}

export interface RuleVerdict {
  /** null when the bundle does not give the metric: the condition cannot be judged and stays open. */
  met: boolean | null;
  observed: number | null;
}

export function evaluateConditionRule(r: ConditionRule, metrics: MetricValues): RuleVerdict {
  const v = Object.hasOwn(metrics, r.metric) ? metrics[r.metric] : undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) return { met: null, observed: null };
  return { met: ruleHolds(r, v), observed: v };
}
