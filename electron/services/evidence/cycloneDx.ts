import { emptyLift, liftedEntry, notANumber, numberOf, unreadable, type BundleFacts, type Lifted } from './liftedClaims';

/**
 * A CycloneDX ML-BOM (1.5 and later): components of type "machine-learning-model", at any
 * depth, with `modelCard.quantitativeAnalysis.performanceMetrics[] {type, value, slice,
 * confidenceInterval {lowerBound, upperBound}}`; values are strings in the schema.
 */

export function isCycloneDx(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && (json as Record<string, unknown>).bomFormat === 'CycloneDX';
}

function* models(components: unknown, pointer: string): Generator<[Record<string, unknown>, string]> {
  if (!Array.isArray(components)) return;
  for (const [i, c] of components.entries()) {
    if (typeof c !== 'object' || c === null) continue;
    const here = `${pointer}[${i}]`;
    const component = c as Record<string, unknown>;
    if (component.type === 'machine-learning-model') yield [component, here];
    yield* models(component.components, `${here}.components`);
  }
}

export function liftCycloneDx(file: string, json: Record<string, unknown>, facts: BundleFacts): Lifted {
  const out = emptyLift('CycloneDX ML-BOM');
  for (const [component, at] of models(json.components, 'components')) {
    const card = component.modelCard as Record<string, unknown> | undefined;
    const metrics = (card?.quantitativeAnalysis as Record<string, unknown> | undefined)?.performanceMetrics;
    if (metrics === undefined) continue;
    if (!Array.isArray(metrics)) {
      out.findings.push(unreadable(file, `${at}.modelCard.quantitativeAnalysis.performanceMetrics is not a list`));
      continue;
    }
    const name = typeof component.name === 'string' ? component.name : null;
    metrics.forEach((m: unknown, i) => {
      const pointer = `${at}.modelCard.quantitativeAnalysis.performanceMetrics[${i}]`;
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
      const ci = item.confidenceInterval as Record<string, unknown> | undefined;
      const lo = numberOf(ci?.lowerBound);
      const hi = numberOf(ci?.upperBound);
      const interval = lo !== null && hi !== null ? `CI ${lo}–${hi}` : null;
      const note = [name, interval].filter((x): x is string => x !== null).join(', ');
      out.entries.push(
        liftedEntry(file, pointer, item.type, value, facts, {
          slice: typeof item.slice === 'string' && item.slice !== '' ? item.slice : null,
          note: note || undefined,
          interval: lo !== null && hi !== null ? [lo, hi] : undefined,
        }),
      );
    });
  }
  return out;
}
