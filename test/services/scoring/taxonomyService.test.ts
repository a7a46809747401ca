import { describe, expect, it } from 'vitest';
import type { UserError } from '../../../shared/contract/errors';
import type { Taxonomy } from '../../../shared/domain/taxonomy';
import { heatmap, setScore } from '../../../electron/services/scoring/scoreService';
import { taxonomyVersion, taxonomyVersions, updateTaxonomy } from '../../../electron/services/taxonomy/taxonomyService';
import { addModels, fingerprint, modelFixture, newWorkspace } from '../../helpers/workspaces';

type Edit = Pick<Taxonomy, 'thresholds' | 'dimensions'>;

function editOf(t: Taxonomy): Edit {
  return { thresholds: { ...t.thresholds }, dimensions: t.dimensions.map((d) => ({ ...d, rules: d.rules.map((r) => ({ ...r })) })) };
}

describe('taxonomy edits', () => {
  it('saves each edit as a new audited version; the version a score was made under stays readable', () => {
    const { ws } = newWorkspace();
    addModels(ws, [modelFixture('a')]);
    setScore(ws, { modelId: 'a', dimension: 'privacy', value: 4, rationale: '' });
    const v1 = taxonomyVersion(ws);
    const edit = editOf(v1);
    edit.dimensions[4] = { ...edit.dimensions[4]!, weight: 2, label: 'Privacy & data protection' };
    edit.thresholds.critical = 4.5;
    const v2 = updateTaxonomy(ws, edit);
    expect(v2.version).toBe(2);
    expect(taxonomyVersion(ws, { version: 1 })).toEqual(v1);
    expect(taxonomyVersions(ws).map((v) => [v.version, v.scores])).toEqual([[2, 0], [1, 1]]);
    expect(heatmap(ws).taxonomyVersion).toBe(2);
    const audit = ws.verifyAudit();
    expect(audit.ok).toBe(true);
    ws.close();
  });

  it.each<[string, (e: Edit) => void, string, RegExp]>([
    ['a negative weight', (e) => (e.dimensions[1]!.weight = -1), 'dimensions[1].weight', /The weight of dimension 2 \(Data quality & integrity\) is -1/],
    ['all weights 0', (e) => e.dimensions.forEach((d) => (d.weight = 0)), 'dimensions', /No dimension has a positive weight/],
    ['thresholds out of order', (e) => (e.thresholds.high = 1.8), 'thresholds.high', /must rise: medium < high < critical/],
    ['a rule on an unknown metric', (e) => e.dimensions[0]!.rules.push({ metric: 'drift.vibes', op: '>=', value: 1, score: 4 }), 'dimensions[0].rules[5].metric', /reads the metric "drift\.vibes", which the validation does not produce/],
    ['a duplicate key', (e) => (e.dimensions[2]!.key = 'privacy'), 'dimensions[4].key', /of dimension 5 \(Privacy\) is already used by dimension 3/],
  ])('refuses %s at the field and changes nothing', (_name, change, field, message) => {
    const { ws, file } = newWorkspace();
    const edit = editOf(taxonomyVersion(ws));
    change(edit);
    const before = fingerprint(file);
    let err: UserError | undefined;
    try {
      updateTaxonomy(ws, edit);
    } catch (e) {
      err = e as UserError;
    }
    expect(err?.field).toBe(field);
    expect(err?.message).toMatch(message);
    expect(fingerprint(file)).toBe(before);
    ws.close();
  });

  it('refuses an edit that changes nothing, and an unknown version', () => {
    const { ws } = newWorkspace();
    expect(() => updateTaxonomy(ws, editOf(taxonomyVersion(ws)))).toThrow(/Nothing changed: the taxonomy is the same as v1/);
    expect(() => taxonomyVersion(ws, { version: 9 })).toThrow(/no taxonomy version 9; the newest is v1/);
    ws.close();
  });
});
