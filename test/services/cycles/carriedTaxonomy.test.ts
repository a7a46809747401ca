import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentTaxonomy } from '../../../electron/services/cycles/cycleService';
import { startNextCycle } from '../../../electron/services/cycles/nextCycle';
import { heatmap, setScore } from '../../../electron/services/scoring/scoreService';
import { updateTaxonomy } from '../../../electron/services/taxonomy/taxonomyService';
import { Workspace } from '../../../electron/services/store/workspace';
import { addModels, modelFixture, newWorkspace } from '../../helpers/workspaces';

describe('the taxonomy the next cycle starts with', () => {
  it('is the predecessor’s whole: thresholds, dimensions, review frequency, minimum coverage, floors and the regulatory mapping', () => {
    const { ws: q3, dir } = newWorkspace('Q3 2026');
    const v1 = currentTaxonomy(q3);
    // A board that tiers on thin evidence and wants no floors: both differ from the defaults.
    updateTaxonomy(q3, {
      thresholds: { medium: 1.5, high: 2.5, critical: 3.5 },
      // The board maps privacy to one clause only, and drift findings to SR 26-2 alone.
      dimensions: v1.dimensions.map((d) => (d.key === 'privacy' ? { ...d, weight: 2, clauses: [{ framework: 'eu_ai_act', clause: '10(3)' }] } : d)),
      findingClauses: { drift: [{ framework: 'sr26_2', clause: 'V' }] },
      reviewMonths: { critical: 3, high: 6, medium: 12, low: 24 },
      minCoverage: 0.1,
      floors: [],
      expectedVersion: v1.version,
    });
    addModels(q3, [modelFixture('hot')]);
    setScore(q3, { modelId: 'hot', dimension: 'customer_harm', value: 5, rationale: 'set for the test' });
    const q3Taxonomy = currentTaxonomy(q3);
    const q3Row = heatmap(q3).rows.find((r) => r.model.id === 'hot');

    const q4File = path.join(dir, 'q4.mrb');
    startNextCycle(q3, { path: q4File, name: 'Q4 2026', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
    q3.close();
    const q4 = Workspace.open(q4File, { actor: 'analyst@test' });
    const { version: _v3, createdAt: _c3, ...carried } = q3Taxonomy;
    const { version, createdAt: _c4, carriedFrom, ...started } = currentTaxonomy(q4);
    expect(version).toBe(1);
    expect(carriedFrom).toEqual({ cycleId: expect.any(String), cycleName: 'Q3 2026', version: 2 });
    expect(started).toEqual(carried);
    expect(started.dimensions.find((d) => d.key === 'privacy')?.clauses).toEqual([{ framework: 'eu_ai_act', clause: '10(3)' }]);
    expect(started.findingClauses).toEqual({ drift: [{ framework: 'sr26_2', clause: 'V' }] });

    // The same score tiers the same way: one dimension at 5 is enough coverage, and no floor lifts it.
    setScore(q4, { modelId: 'hot', dimension: 'customer_harm', value: 5, rationale: 'set for the test' });
    const q4Row = heatmap(q4).rows.find((r) => r.model.id === 'hot');
    expect(q3Row?.floor).toBeNull();
    expect(q4Row).toMatchObject({ heat: q3Row?.heat, tier: q3Row?.tier, floor: null });
    expect(q4.verifyAudit().problem).toBeNull();
    q4.close();
  });
});
