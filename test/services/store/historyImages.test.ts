import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../electron/services/store/auditChain';
import { allHistoryImages, historyImage, insertHistory, type StoredHistory } from '../../../electron/services/store/lineageTable';
import { upsertModel } from '../../../electron/services/store/modelTable';
import type { PriorScore } from '../../../shared/cycles/lineage';
import { modelFixture, newWorkspace } from '../../helpers/workspaces';

/*
 * The state check reads each model's history image as its rows come (history ordered by
 * model, prior scores gathered first). Every model's image must be the one its rows make,
 * whether it has history rows, prior scores, or only one of the two, and in the order the
 * check names the first problem: models with history, then those with prior scores only.
 */
const entry = (cycle: string, position: number, tier: StoredHistory['tier']): StoredHistory => ({
  cycleId: cycle,
  cycleName: `Cycle ${cycle}`,
  periodEnd: '2026-06-30',
  position,
  tier,
  heat: tier === 'incomplete' ? null : 3.5,
  outcome: null,
  decisionId: null,
  decisionDate: null,
  modelVersion: null,
  predictionsSha256: null,
});
const prior = (modelId: string, dimension: string): PriorScore => ({
  modelId,
  dimension,
  value: 3,
  lo: 2.5,
  hi: 3.5,
  source: 'analyst',
  rationale: 'carried',
  taxonomyVersion: 1,
  scoredBy: 'analyst@test',
  scoredAt: '2026-06-01T00:00:00.000Z',
  cycleId: 'c1',
  cycleName: 'Cycle c1',
});

describe('the history images the state check reads', () => {
  it('are each model\'s, whether it has history, prior scores, or one of the two', () => {
    const { ws } = newWorkspace();
    const written: Record<string, [StoredHistory[], PriorScore[]]> = {
      'a-both': [[entry('c1', 0, 'high'), entry('c2', 1, 'incomplete')], [prior('a-both', 'customer_harm'), prior('a-both', 'fairness')]],
      'b-history-only': [[entry('c1', 0, 'low')], []],
      'c-prior-only': [[], [prior('c-prior-only', 'customer_harm')]],
      'd-both': [[entry('c2', 0, 'medium')], [prior('d-both', 'fairness')]],
    };
    ws.transaction((tx) => {
      for (const [id, [history, scores]] of Object.entries(written)) {
        upsertModel(tx.db, modelFixture(id));
        insertHistory(tx.db, id, history, scores);
        tx.audit({ action: 'history.carry', entity: 'history', entityId: id, before: null, after: historyImage(history, scores) });
      }
    });
    const read = [...allHistoryImages(ws.reader)].map(([id, image]) => [id, canonicalJson(image)]);
    expect(read).toEqual(
      ['a-both', 'b-history-only', 'd-both', 'c-prior-only'].map((id) => [id, canonicalJson(historyImage(...(written[id] as [StoredHistory[], PriorScore[]])))]),
    );
    ws.close();
  });
});
