import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calls } from '../../../shared/contract/calls';
import type { UserError } from '../../../shared/contract/errors';
import { DEFAULT_DIMENSION_CLAUSES, DEFAULT_FINDING_CLAUSES } from '../../../shared/domain/regulatoryMapping';
import { clausesOf, DEFAULT_DIMENSIONS, DEFAULT_THRESHOLDS, findingClausesOf, type Taxonomy } from '../../../shared/domain/taxonomy';
import { SCHEMA_VERSION } from '../../../electron/services/store/migrations';
import { startNextCycle } from '../../../electron/services/cycles/nextCycle';
import { Workspace } from '../../../electron/services/store/workspace';
import { taxonomyVersion, updateTaxonomy } from '../../../electron/services/taxonomy/taxonomyService';
import { lowerSchema } from '../../helpers/olderSchema';
import { tempDir } from '../../helpers/tempDir';
import { fingerprint, newWorkspace } from '../../helpers/workspaces';

type Edit = Pick<Taxonomy, 'thresholds' | 'dimensions' | 'findingClauses'>;

const editOf = (t: Taxonomy): Edit => structuredClone({ thresholds: t.thresholds, dimensions: t.dimensions, ...(t.findingClauses ? { findingClauses: t.findingClauses } : {}) });

function taxonomyEvent(ws: Workspace, version: number): { before: Taxonomy; after: Taxonomy } {
  const row = ws.reader.prepare("SELECT before, after FROM audit_events WHERE entity = 'taxonomy' AND entity_id = ?").get(String(version)) as { before: string; after: string };
  return { before: JSON.parse(row.before) as Taxonomy, after: JSON.parse(row.after) as Taxonomy };
}

describe('the regulatory mapping in the taxonomy version', () => {
  it("reads a new workspace's first version as the default mapping of every dimension and finding category", () => {
    const { ws } = newWorkspace();
    const v1 = taxonomyVersion(ws);
    for (const d of v1.dimensions) expect(clausesOf(d), d.key).toEqual(DEFAULT_DIMENSION_CLAUSES[d.key]);
    expect(findingClausesOf(v1)).toEqual(DEFAULT_FINDING_CLAUSES);
    ws.close();
  });

  it("saves a dimension's new clauses as a new audited version; the version before keeps its own", () => {
    const { ws } = newWorkspace();
    const edit = editOf(taxonomyVersion(ws));
    const robustness = edit.dimensions.find((d) => d.key === 'robustness')!;
    robustness.clauses = [...clausesOf(robustness), { framework: 'osfi_e23', clause: 'Review' }];
    edit.findingClauses = { ...edit.findingClauses, model_card_gap: [{ framework: 'eu_ai_act', clause: '11' }] };
    const v2 = updateTaxonomy(ws, calls['taxonomy.update'].args.parse(edit));
    expect(v2.version).toBe(2);
    expect(taxonomyVersion(ws, { version: 2 }).dimensions.find((d) => d.key === 'robustness')?.clauses).toContainEqual({ framework: 'osfi_e23', clause: 'Review' });
    expect(taxonomyVersion(ws, { version: 2 }).findingClauses?.model_card_gap).toEqual([{ framework: 'eu_ai_act', clause: '11' }]);
    expect(clausesOf(taxonomyVersion(ws, { version: 1 }).dimensions.find((d) => d.key === 'robustness')!)).toEqual(DEFAULT_DIMENSION_CLAUSES.robustness);
    const event = taxonomyEvent(ws, 2);
    expect(event.before.dimensions.find((d) => d.key === 'robustness')?.clauses).toBeUndefined();
    expect(event.after.dimensions.find((d) => d.key === 'robustness')?.clauses).toContainEqual({ framework: 'osfi_e23', clause: 'Review' });
    expect(ws.verifyAudit().problem).toBeNull();
    ws.close();
  });

  it('keeps the clauses of a dimension an edit sends without them (a client that edits only weights)', () => {
    const { ws } = newWorkspace();
    const mapped = editOf(taxonomyVersion(ws));
    mapped.dimensions[0]!.clauses = [{ framework: 'eu_ai_act', clause: '72' }];
    updateTaxonomy(ws, mapped);
    const edit = editOf(taxonomyVersion(ws));
    for (const d of edit.dimensions) delete d.clauses;
    edit.dimensions[0]!.weight = 2;
    const v3 = updateTaxonomy(ws, edit);
    expect(v3.dimensions[0]?.clauses).toEqual([{ framework: 'eu_ai_act', clause: '72' }]);
    expect(v3.dimensions[1]?.clauses).toBeUndefined();
    ws.close();
  });

  it('says nothing changed when the default clauses are sent back explicitly, as the editor does', () => {
    const { ws } = newWorkspace();
    const v1 = taxonomyVersion(ws);
    const edit = { ...editOf(v1), dimensions: v1.dimensions.map((d) => ({ ...structuredClone(d), clauses: [...clausesOf(d)] })), findingClauses: structuredClone(findingClausesOf(v1)) };
    expect(() => updateTaxonomy(ws, edit)).toThrow(/Nothing changed/);
    ws.close();
  });

  it.each<[string, (e: Edit) => void, string, RegExp]>([
    ['an unknown framework', (e) => (e.dimensions[2]!.clauses = [{ framework: 'gdpr', clause: '22' }]), 'dimensions[2].clauses[0].framework', /dimension 3 \(Robustness\) names the framework "gdpr"/],
    ['an unknown clause', (e) => (e.dimensions[4]!.clauses = [{ framework: 'nist_ai_rmf', clause: 'MS-2.99' }]), 'dimensions[4].clauses[0].clause', /"MS-2.99", which is not a clause of NIST AI RMF 1.0/],
    ['a finding category with a bad clause', (e) => (e.findingClauses = { drift: [{ framework: 'iso_42001', clause: 'A.99' }] }), 'findingClauses.drift[0].clause', /the finding category "drift" is "A.99"/],
  ])('refuses %s at the field and changes nothing', (_name, change, field, message) => {
    const { ws, file } = newWorkspace();
    const edit = editOf(taxonomyVersion(ws));
    change(edit);
    const before = fingerprint(file);
    let err: UserError | undefined;
    try {
      updateTaxonomy(ws, calls['taxonomy.update'].args.parse(edit));
    } catch (e) {
      err = e as UserError;
    }
    expect(err?.field).toBe(field);
    expect(err?.message).toMatch(message);
    expect(fingerprint(file)).toBe(before);
    ws.close();
  });

  it("is carried whole into the next cycle's first version", () => {
    const { ws, dir } = newWorkspace('Q3 2026');
    const edit = editOf(taxonomyVersion(ws));
    edit.dimensions[4]!.clauses = [{ framework: 'iso_42001', clause: 'A.7.5' }];
    edit.findingClauses = { manual_review: [{ framework: 'pra_ss1_23', clause: 'P4' }] };
    updateTaxonomy(ws, edit);
    const q4File = path.join(dir, 'q4.mrb');
    startNextCycle(ws, { path: q4File, name: 'Q4 2026', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
    ws.close();
    const q4 = Workspace.open(q4File, { actor: 't' });
    const started = taxonomyVersion(q4);
    expect(started.dimensions[4]?.clauses).toEqual([{ framework: 'iso_42001', clause: 'A.7.5' }]);
    expect(started.findingClauses).toEqual({ manual_review: [{ framework: 'pra_ss1_23', clause: 'P4' }] });
    expect(q4.verifyAudit().problem).toBeNull();
    q4.close();
  });

  it('upgrades a schema-9 workspace: versions saved without a mapping read the defaults of their keys, and the audit chain holds', () => {
    // What a schema-9 build wrote: a taxonomy with no clauses anywhere, audited as such.
    const file = path.join(tempDir(), 'old.mrb');
    const unmapped = { thresholds: { ...DEFAULT_THRESHOLDS }, dimensions: DEFAULT_DIMENSIONS.map(({ clauses: _c, ...d }) => structuredClone(d)) };
    const ws = Workspace.create(file, { name: 'Old', actor: 't', successor: { link: () => undefined, taxonomy: unmapped, carry: () => undefined } });
    ws.close();
    lowerSchema(file, 9);
    const upgraded = Workspace.open(file, { actor: 't' });
    expect(upgraded.reader.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const v1 = taxonomyVersion(upgraded, { version: 1 });
    expect(v1.dimensions[0]?.clauses).toBeUndefined();
    expect(clausesOf(v1.dimensions[0]!)).toEqual(DEFAULT_DIMENSION_CLAUSES.performance_drift);
    expect(findingClausesOf(v1)).toEqual(DEFAULT_FINDING_CLAUSES);
    expect(upgraded.verifyAudit().problem).toBeNull();
    upgraded.close();
  });
});
