import type { Dimension, TierThresholds } from '../domain/taxonomy';
import { checkRules } from './evidenceRules';
import type { FieldProblem } from './fieldProblem';

const THRESHOLD_NAMES = ['medium', 'high', 'critical'] as const;

function dimensionName(d: Pick<Dimension, 'key' | 'label'>, i: number): string {
  // Counted from 1 as the editor lists them, with the name the editor shows.
  if (d.label.trim() !== '') return `dimension ${i + 1} (${d.label})`;
  return d.key !== '' ? `dimension ${i + 1} (${d.key})` : `dimension ${i + 1}`;
}

/**
 * Thresholds must rise (medium < high < critical) and lie in (1, 5]: at 1 or below the
 * low tier could never be reached (every heat is at least 1), above 5 the tier could
 * never be reached (no heat exceeds 5).
 */
function checkThresholds(t: TierThresholds): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const name of THRESHOLD_NAMES) {
    const v = t[name];
    if (!Number.isFinite(v) || v <= 1 || v > 5) {
      problems.push({
        field: `thresholds.${name}`,
        message: `The ${name} threshold is ${v}; it must be above 1 and at most 5.`,
      });
    }
  }
  for (const [lower, upper] of [['medium', 'high'], ['high', 'critical']] as const) {
    if (!(t[upper] > t[lower])) {
      problems.push({
        field: `thresholds.${upper}`,
        message: `The ${upper} threshold is ${t[upper]}, not above the ${lower} threshold ${t[lower]}; the thresholds must rise: medium < high < critical.`,
      });
    }
  }
  return problems;
}

/**
 * Everything that would make a taxonomy compute wrong or surprising heats, each as a
 * sentence naming the field: negative weights, no positive weight at all, thresholds out
 * of order or out of range, duplicate keys, empty labels, and rule problems (see
 * checkRules). The shape itself (types, key pattern) is the zod schema's job.
 */
export function checkTaxonomy(
  taxonomy: { thresholds: TierThresholds; dimensions: readonly Dimension[] },
  knownMetrics: ReadonlySet<string>,
): FieldProblem[] {
  const { dimensions } = taxonomy;
  const problems: FieldProblem[] = [];
  const firstWithKey = new Map<string, number>();
  dimensions.forEach((d, i) => {
    const at = `dimensions[${i}]`;
    const name = dimensionName(d, i);
    if (d.label.trim() === '') {
      problems.push({ field: `${at}.label`, message: `The label of ${name} is empty; give the dimension a name.` });
    }
    const earlier = firstWithKey.get(d.key);
    if (earlier === undefined) firstWithKey.set(d.key, i);
    else {
      problems.push({
        field: `${at}.key`,
        message: `The key "${d.key}" of ${name} is already used by dimension ${earlier + 1}; each dimension needs its own key.`,
      });
    }
    if (!Number.isFinite(d.weight) || d.weight < 0) {
      problems.push({ field: `${at}.weight`, message: `The weight of ${name} is ${d.weight}; a weight must be zero or more.` });
    }
    problems.push(...checkRules(d.rules, knownMetrics, { field: `${at}.rules`, dimension: name }));
  });
  if (dimensions.length === 0) {
    problems.push({ field: 'dimensions', message: 'The taxonomy has no dimensions; add at least one so that models can be scored.' });
  } else if (!dimensions.some((d) => d.weight > 0)) {
    problems.push({
      field: 'dimensions',
      message: 'No dimension has a positive weight, so no model could get a heat; give at least one dimension a weight above 0.',
    });
  }
  problems.push(...checkThresholds(taxonomy.thresholds));
  return problems;
}
