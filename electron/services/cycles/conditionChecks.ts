import { evaluateConditionRule, parseConditionRule } from '../../../shared/cycles/conditionRule';
import { ruleHolds } from '../../../shared/scoring/evidenceRules';
import { localDate } from '../../../shared/sessions/dates';
import { metricNumberSaying } from '../../../shared/text/numbers';
import { evidenceMetrics } from '../../../shared/scoring/evidenceMetrics';
import type { ValidationReport } from '../../../shared/validation/report';
import { decisionImage, decisionsInForce, getDecision, setActionStatus } from '../store/decisionTable';
import { carriedImage, getCarried, listCarried, setCarriedStatus } from '../store/followupTable';
import { insertRuleCheck, liveFindingKeys, ruleCheckId, ruleCheckImage, type RuleCheck } from '../store/findingTable';
import { hasCycleTables } from '../store/lineageTable';
import type { WriteTx } from '../store/workspace';
import { openFinding } from '../findings/findingsRegister';

interface RuledCondition {
  id: string;
  text: string;
  owner: string;
  rule: string;
  decisionId: string;
  /** Where it lives: a decision of this cycle, or carried from an earlier one. */
  carried: boolean;
}

/**
 * Conditions that check themselves (issue 11, section 4), run inside the import's
 * transaction when a bundle of the model arrives: each open condition with a metric rule
 * is evaluated against the bundle's recomputed metrics. Met, the condition is done with
 * the bundle as its evidence; not met, a high finding opens (once while it stays open) and
 * the model is due; a metric the bundle does not give leaves the condition open. Every
 * check is recorded with the value seen and the verdict.
 */
export function checkConditionRules(tx: WriteTx, modelId: string, bundleSha256: string, report: ValidationReport): RuleCheck[] {
  if (!hasCycleTables(tx.db)) return [];
  const conditions: RuledCondition[] = [];
  for (const x of decisionsInForce(tx.db)) {
    if (x.modelId !== modelId) continue;
    for (const c of x.decision.conditions) {
      if (c.status === 'open' && c.rule) conditions.push({ id: c.id, text: c.text, owner: c.owner || x.modelOwner, rule: c.rule, decisionId: x.decision.id, carried: false });
    }
  }
  for (const f of listCarried(tx.db, 'condition')) {
    if (f.modelId === modelId && f.status === 'open' && f.rule) conditions.push({ id: f.id, text: f.text, owner: f.owner, rule: f.rule, decisionId: f.decisionId, carried: true });
  }
  if (conditions.length === 0) return [];
  const metrics = evidenceMetrics(report);
  const today = localDate(new Date(tx.now));
  const short = bundleSha256.slice(0, 12);
  const checks: RuleCheck[] = [];
  for (const c of conditions) {
    const rule = parseConditionRule(c.rule);
    if (typeof rule === 'string') continue;
    const verdict = evaluateConditionRule(rule, metrics);
    const check: RuleCheck = {
      conditionId: c.id,
      bundleSha256,
      rule: c.rule,
      observed: verdict.observed,
      verdict: verdict.met === null ? 'not_measured' : verdict.met ? 'met' : 'not_met',
      findingId: null,
      checkedAt: tx.now,
    };
    if (verdict.met === true) {
      const note = `Met on bundle ${short}…: ${rule.metric} = ${metricNumberSaying(verdict.observed as number, (x) => ruleHolds(rule, x))} (${c.rule}).`;
      const status = { status: 'done' as const, note, at: tx.now, by: tx.actor };
      if (c.carried) {
        const before = getCarried(tx.db, c.id);
        setCarriedStatus(tx.db, c.id, status);
        const after = getCarried(tx.db, c.id);
        tx.audit({ action: 'condition.met', entity: 'followup', entityId: c.id, before: before ? carriedImage(before) : null, after: after ? carriedImage(after) : null });
      } else {
        const before = getDecision(tx.db, c.decisionId);
        setActionStatus(tx.db, 'condition', c.id, status);
        const after = getDecision(tx.db, c.decisionId);
        tx.audit({ action: 'condition.met', entity: 'decision', entityId: c.decisionId, before: before ? decisionImage(before) : null, after: after ? decisionImage(after) : null });
      }
    } else if (verdict.met === false) {
      const key = `${modelId}|condition_rule|${c.id}`;
      if (!liveFindingKeys(tx.db, modelId).has(key)) {
        const finding = openFinding(
          tx,
          {
            key,
            type: 'policy_exception',
            severity: 'high',
            category: 'condition_rule',
            title: `Condition not met: "${c.text}" requires ${c.rule}; bundle ${short}… shows ${rule.metric} = ${metricNumberSaying(verdict.observed as number, (x) => ruleHolds(rule, x))}.`,
            modelId,
            bundleSha256,
            decisionId: c.decisionId,
            conditionId: c.id,
            owner: c.owner,
            due: null,
            openedOn: today,
          },
          'finding.condition_not_met',
        );
        check.findingId = finding.id;
      }
    }
    insertRuleCheck(tx.db, check);
    tx.audit({ action: `rule_check.${check.verdict}`, entity: 'rule_check', entityId: ruleCheckId(check), before: null, after: ruleCheckImage(check) });
    checks.push(check);
  }
  return checks;
}
