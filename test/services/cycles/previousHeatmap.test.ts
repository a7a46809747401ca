import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { previousHeatmap } from '../../../electron/services/cycles/lineageService';
import { startNextCycle } from '../../../electron/services/cycles/nextCycle';
import { heatmap } from '../../../electron/services/scoring/scoreService';
import { Workspace } from '../../../electron/services/store/workspace';
import { firstCycle } from './chain';

describe('stepping back into the predecessor’s heatmap', () => {
  it('reads the predecessor’s map and timeline from its file beside the workspace, and says so when it is gone', async () => {
    const { dir, file, ws: q3 } = await firstCycle();
    const q4File = path.join(dir, 'q4.mrb');
    startNextCycle(q3, { path: q4File, name: 'Q4 2026', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
    const hot = heatmap(q3).rows.find((r) => r.model.id === 'hot');
    q3.close();
    const q4 = Workspace.open(q4File, { actor: 't' });
    // This cycle has no scores of its own yet; the predecessor's map still shows them.
    expect(heatmap(q4).rows.find((r) => r.model.id === 'hot')?.heat).toBeNull();
    const before = previousHeatmap(q4, {});
    expect(before.cycleName).toBe('Q3 2026');
    expect(before.rows.find((r) => r.model.id === 'hot')).toMatchObject({ heat: hot?.heat, tier: hot?.tier });
    expect(before.timeline.events.length).toBeGreaterThan(0);
    fs.renameSync(file, path.join(dir, 'elsewhere.mrb'));
    expect(() => previousHeatmap(q4, {})).toThrow('The file of Q3 2026, q3-2026.mrb, is not beside this workspace; put it there to step back into it.');
    q4.close();
  });
});
