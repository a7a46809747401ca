import { describe, expect, it } from 'vitest';
import { DEFAULT_DIMENSIONS, DEFAULT_THRESHOLDS, type Dimension, type TierThresholds } from '../../../shared/domain/taxonomy';
import { checkTaxonomy } from '../../../shared/scoring/taxonomyValidation';

// The metrics the default rules read (drift, the AUC claim, calibration, fairness).
const known = new Set(DEFAULT_DIMENSIONS.flatMap((d) => d.rules.map((r) => r.metric)));

function taxonomy(edit: (dims: Dimension[]) => void = () => {}, thresholds: TierThresholds = DEFAULT_THRESHOLDS) {
  const dimensions = structuredClone([...DEFAULT_DIMENSIONS]);
  edit(dimensions);
  return { thresholds, dimensions };
}

function dim(dims: Dimension[], i: number): Dimension {
  const d = dims[i];
  if (d === undefined) throw new Error(`the default taxonomy has no dimension ${i}`);
  return d;
}

describe('taxonomy validation', () => {
  it('finds nothing wrong with the default taxonomy', () => {
    expect(checkTaxonomy(taxonomy(), known)).toEqual([]);
  });

  it('refuses a negative weight, naming the dimension and the field', () => {
    expect(checkTaxonomy(taxonomy((d) => void (dim(d, 3).weight = -1)), known)).toEqual([
      { field: 'dimensions[3].weight', message: 'The weight of dimension 4 (Security exposure) is -1; a weight must be zero or more.' },
    ]);
  });

  it('refuses a taxonomy where every weight is 0, or that has no dimensions', () => {
    expect(checkTaxonomy(taxonomy((d) => d.forEach((x) => (x.weight = 0))), known)).toEqual([
      { field: 'dimensions', message: 'No dimension has a positive weight, so no model could get a heat; give at least one dimension a weight above 0.' },
    ]);
    expect(checkTaxonomy(taxonomy((d) => d.splice(0)), known)).toEqual([
      { field: 'dimensions', message: 'The taxonomy has no dimensions; add at least one so that models can be scored.' },
    ]);
  });

  it('refuses thresholds out of order or outside (1, 5]', () => {
    expect(checkTaxonomy(taxonomy(undefined, { medium: 3, high: 3, critical: 4 }), known)).toEqual([
      {
        field: 'thresholds.high',
        message: 'The high threshold is 3, not above the medium threshold 3; the thresholds must rise: medium < high < critical.',
      },
    ]);
    expect(checkTaxonomy(taxonomy(undefined, { medium: 1, high: 3, critical: 5.5 }), known)).toEqual([
      { field: 'thresholds.medium', message: 'The medium threshold is 1; it must be above 1 and at most 5.' },
      { field: 'thresholds.critical', message: 'The critical threshold is 5.5; it must be above 1 and at most 5.' },
    ]);
    expect(checkTaxonomy(taxonomy(undefined, { medium: 2, high: 4.5, critical: 4 }), known).map((p) => p.field)).toEqual(['thresholds.critical']);
    expect(checkTaxonomy(taxonomy(undefined, { medium: 1.5, high: 3, critical: 5 }), known)).toEqual([]);
  });

  it('refuses a duplicate key, pointing at the first use', () => {
    expect(checkTaxonomy(taxonomy((d) => void (dim(d, 5).key = 'privacy')), known)).toEqual([
      {
        field: 'dimensions[5].key',
        message: 'The key "privacy" of dimension 6 (Fairness & bias) is already used by dimension 5; each dimension needs its own key.',
      },
    ]);
  });

  it('refuses an empty or blank label, naming the dimension by its key', () => {
    expect(checkTaxonomy(taxonomy((d) => void (dim(d, 2).label = '  ')), known)).toEqual([
      { field: 'dimensions[2].label', message: 'The label of dimension 3 (robustness) is empty; give the dimension a name.' },
    ]);
  });

  it('reports rule problems with the path of the rule', () => {
    const problems = checkTaxonomy(taxonomy(), new Set());
    expect(problems.map((p) => p.field)).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => `dimensions[0].rules[${i}].metric`),
      ...[0, 1, 2].map((i) => `dimensions[5].rules[${i}].metric`),
    ]);
    expect(problems[0]?.message).toMatch(/^Rule 1 of dimension 1 \(Performance & drift\) reads the metric "drift\.psi_max"/);
  });

  it('reports every problem at once, so the editor can mark each field', () => {
    const problems = checkTaxonomy(
      taxonomy((d) => {
        dim(d, 0).weight = Number.NaN;
        dim(d, 1).label = '';
        dim(d, 1).key = 'performance_drift';
      }, { medium: 2, high: 2, critical: 2 }),
      known,
    );
    expect(problems.map((p) => p.field)).toEqual(['dimensions[0].weight', 'dimensions[1].label', 'dimensions[1].key', 'thresholds.high', 'thresholds.critical']);
  });
});
