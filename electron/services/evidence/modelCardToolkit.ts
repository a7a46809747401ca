import { emptyLift, liftedEntry, notANumber, numberOf, unreadable, type BundleFacts, type Lifted } from './liftedClaims';

/**
 * Model Card Toolkit's model_card.json (schema v0.0.2, tensorflow/model-card-toolkit):
 * `quantitative_analysis.performance_metrics[] {type, value, slice, confidence_interval
 * {lower_bound, upper_bound}}`,
 * values often written as strings; a slice names a group.
 */

export function isModelCardToolkit(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && ('quantitative_analysis' in json || 'model_details' in json);
}

export function liftModelCardToolkit(file: string, json: Record<string, unknown>, facts: BundleFacts): Lifted {
  const out = emptyLift('Model Card Toolkit');
  const qa = json.quantitative_analysis;
  if (qa === undefined) return out;
  const metrics = typeof qa === 'object' && qa !== null ? (qa as Record<string, unknown>).performance_metrics : undefined;
  if (metrics === undefined) return out;
  if (!Array.isArray(metrics)) {
    out.findings.push(unreadable(file, 'quantitative_analysis.performance_metrics is not a list'));
    return out;
  }
  metrics.forEach((m: unknown, i) => {
    const pointer = `quantitative_analysis.performance_metrics[${i}]`;
    const item = (typeof m === 'object' && m !== null ? m : {}) as Record<string, unknown>;
    if (typeof item.type !== 'string') {
      out.findings.push(unreadable(file, `${pointer} has no metric type`));
      return;
    }
    const value = numberOf(item.value);
    if (value === null) {
      out.findings.push(notANumber(file, pointer, item.value));
      return;
    }
    const ci = (typeof item.confidence_interval === 'object' && item.confidence_interval !== null ? item.confidence_interval : {}) as Record<string, unknown>;
    const lo = numberOf(ci.lower_bound);
    const hi = numberOf(ci.upper_bound);
    out.entries.push(
      liftedEntry(file, pointer, item.type, value, facts, {
        slice: typeof item.slice === 'string' && item.slice !== '' ? item.slice : null,
        interval: lo !== null && hi !== null ? [lo, hi] : undefined,
      }),
    );
  });
  return out;
}
