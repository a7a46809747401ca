import type { Axis, Dimension, EvidenceRule } from '../../../shared/domain/taxonomy';
import type { DimensionScore } from '../../../shared/scoring/score';

/** A dimension with just what the scoring math reads; label and description follow the key. */
export function dimension(key: string, axis: Axis, weight: number, rules: EvidenceRule[] = []): Dimension {
  return { key, label: key.replace(/_/g, ' '), description: '', axis, weight, rules };
}

/** A score; the band defaults to the value itself. */
export function score(value: number, lo = value, hi = value): DimensionScore {
  return { value, lo, hi };
}
