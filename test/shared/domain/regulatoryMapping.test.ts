import { describe, expect, it } from 'vitest';
import {
  BOARD_RECORD_CLAUSES,
  CLAUSES,
  DEFAULT_DIMENSION_CLAUSES,
  DEFAULT_FINDING_CLAUSES,
  FRAMEWORKS,
  FRAMEWORK_IDS,
  checkMapping,
  findClause,
  type ClauseRef,
} from '../../../shared/domain/regulatoryMapping';
import { DEFAULT_DIMENSIONS, TaxonomySchema, clausesOf } from '../../../shared/domain/taxonomy';

const everyRef: [string, ClauseRef][] = [
  ...Object.entries(DEFAULT_DIMENSION_CLAUSES).flatMap(([k, refs]) => refs.map((r): [string, ClauseRef] => [`dimension ${k}`, r])),
  ...Object.entries(DEFAULT_FINDING_CLAUSES).flatMap(([k, refs]) => refs.map((r): [string, ClauseRef] => [`finding ${k}`, r])),
  ...Object.entries(BOARD_RECORD_CLAUSES).flatMap(([k, refs]) => refs.map((r): [string, ClauseRef] => [`record ${k}`, r])),
];

describe('the regulatory mapping data', () => {
  it('names every clause it maps in the catalogue', () => {
    const missing = everyRef.filter(([, r]) => !findClause(r)).map(([who, r]) => `${who}: ${r.framework} ${r.clause}`);
    expect(missing).toEqual([]);
  });

  it('maps every default dimension to at least one clause, and to one of each framework the board named for the core risks', () => {
    for (const d of DEFAULT_DIMENSIONS) expect(clausesOf(d).length, d.key).toBeGreaterThan(0);
    // The issue names six frameworks; each appears in the default dimensions' mapping.
    const used = new Set(DEFAULT_DIMENSIONS.flatMap((d) => clausesOf(d).map((r) => r.framework)));
    expect([...used].sort()).toEqual([...FRAMEWORK_IDS].sort());
  });

  it('holds each clause once, with a title, under a known framework', () => {
    const keys = CLAUSES.map((c) => `${c.framework}|${c.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of CLAUSES) {
      expect(FRAMEWORKS.some((f) => f.id === c.framework)).toBe(true);
      expect(c.title.length).toBeGreaterThan(5);
    }
  });

  it('has no mapping that lists the same clause twice, so the default taxonomy passes its own check', () => {
    expect(checkMapping({ dimensions: DEFAULT_DIMENSIONS, findingClauses: DEFAULT_FINDING_CLAUSES })).toEqual([]);
  });

  it('reads a version saved before the mapping as the defaults of its keys', () => {
    const older = TaxonomySchema.parse({
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      thresholds: { medium: 2, high: 3, critical: 4 },
      dimensions: [{ key: 'privacy', label: 'Privacy', description: '', axis: 'impact', weight: 1, rules: [] }],
    });
    expect(older.dimensions[0]?.clauses).toBeUndefined();
    expect(clausesOf(older.dimensions[0]!)).toEqual(DEFAULT_DIMENSION_CLAUSES.privacy);
    expect(clausesOf({ key: 'novel_risk' })).toEqual([]);
  });
});

describe('checking a mapping', () => {
  const dims = [{ key: 'robustness', label: 'Robustness', clauses: [{ framework: 'eu_ai_act', clause: '15(4)' }] }];

  it('refuses an unknown framework naming the field and the frameworks it knows', () => {
    const problems = checkMapping({ dimensions: [{ ...dims[0]!, clauses: [{ framework: 'eu', clause: '15' }] }] });
    expect(problems).toEqual([
      {
        field: 'dimensions[0].clauses[0].framework',
        message: 'Clause 1 of dimension 1 (Robustness) names the framework "eu", which is not one the app knows; use one of sr26_2, eu_ai_act, nist_ai_rmf, iso_42001, pra_ss1_23, osfi_e23.',
      },
    ]);
  });

  it('refuses a clause the catalogue does not hold under its framework, and a clause listed twice', () => {
    const problems = checkMapping({
      dimensions: [{ ...dims[0]!, clauses: [{ framework: 'eu_ai_act', clause: '99' }, { framework: 'pra_ss1_23', clause: 'P3' }, { framework: 'pra_ss1_23', clause: 'P3' }] }],
    });
    expect(problems.map((p) => p.field)).toEqual(['dimensions[0].clauses[0].clause', 'dimensions[0].clauses[2].clause']);
    expect(problems[0]?.message).toMatch(/^Clause 1 of dimension 1 \(Robustness\) is "99", which is not a clause of EU AI Act in the catalogue; use one of 9\(2\)\(a\), /);
    expect(problems[1]?.message).toBe('dimension 1 (Robustness) lists PRA SS1/23 P3 twice; list each clause once.');
  });

  it('refuses a bad clause of a finding category, naming the category', () => {
    const problems = checkMapping({ dimensions: dims, findingClauses: { drift: [{ framework: 'nist_ai_rmf', clause: 'MS-9.9' }], '': [] } });
    expect(problems.map((p) => p.field)).toEqual(['findingClauses.drift[0].clause', 'findingClauses.']);
    expect(problems[0]?.message).toMatch(/of the finding category "drift" is "MS-9.9", which is not a clause of NIST AI RMF 1.0/);
  });
});
