import { describe, expect, it } from 'vitest';
import { canonicalJson, type Json } from '../../../electron/services/store/auditChain';
import { findingImage, ruleCheckImage, type StoredFinding } from '../../../electron/services/store/findingTable';
import { carriedImage, type CarriedFollowUp } from '../../../electron/services/store/followupTable';
import { historyImage } from '../../../electron/services/store/lineageTable';
import { modelImage } from '../../../electron/services/store/modelTable';
import { scoreImage } from '../../../electron/services/store/scoreTable';
import type { Score } from '../../../shared/contract/calls';
import { modelFixture } from '../../helpers/workspaces';

/*
 * The entities with many records a cycle build their images with the keys in canonical
 * order, so that the state check compares each with its logged text by JSON.stringify alone
 * instead of writing out the canonical form (the difference between a verify of a second
 * cycle in a third of a second and in one). A key added out of order would still verify,
 * only slower; this says so.
 */
const score: Score = {
  modelId: 'm-1',
  dimension: 'customer_harm',
  value: 4,
  lo: 3.5,
  hi: 4.5,
  source: 'rule',
  rationale: 'drift above the line',
  taxonomyVersion: 2,
  scoredBy: 'analyst@test',
  scoredAt: '2026-11-01T10:00:00.000Z',
  evidence: { bundleSha256: 'ab'.repeat(32), metric: 'drift.psi_max', observed: 0.31, rule: 'drift.psi_max >= 0.25', findingId: 3 },
};
const followUp: CarriedFollowUp = {
  id: 'fu-1',
  kind: 'condition',
  modelId: 'm-1',
  bornCycleId: 'c-1',
  bornCycleName: 'Q3 2026',
  decisionId: 'd-1',
  sessionId: 's-1',
  sessionNumber: 1,
  sessionDate: '2026-09-15',
  text: 'Drift stays moderate',
  owner: 'Bo',
  due: '2026-12-31',
  detail: null,
  rule: 'drift.psi_max < 0.2',
  status: 'open',
  statusNote: null,
  statusAt: null,
  statusBy: null,
};
const finding: StoredFinding = {
  id: 'f-1',
  key: 'm-1|drift',
  type: 'validation_issue',
  severity: 'high',
  category: 'drift',
  title: 'Drift above the line',
  modelId: 'm-1',
  bundleSha256: null,
  decisionId: null,
  conditionId: null,
  owner: 'Bo',
  due: null,
  status: 'open',
  statusNote: null,
  acceptanceId: null,
  openedOn: '2026-09-01',
  closedOn: null,
  bornCycleId: 'c-1',
  bornCycleName: 'Q3 2026',
  raisedBy: 'analyst@test',
  updatedAt: '2026-09-01T00:00:00.000Z',
};

describe('the images of the entities a cycle has many of', () => {
  const images: [string, Json][] = [
    ['model', modelImage(modelFixture('m-1'))],
    ['score with evidence and a finding', scoreImage(score)],
    ['score with evidence and no finding', scoreImage({ ...score, evidence: { bundleSha256: null, metric: null, observed: null, rule: null } })],
    ['score without evidence', scoreImage({ ...score, evidence: null })],
    ['carried follow-up', carriedImage(followUp)],
    ['register finding', findingImage(finding)],
    ['rule check', ruleCheckImage({ conditionId: 'k-1', bundleSha256: 'cd'.repeat(32), rule: 'overall.roc_auc >= 0.7', observed: 0.74, verdict: 'met', findingId: null, checkedAt: '2026-10-02T00:00:00.000Z' })],
    [
      'history',
      historyImage(
        [{ cycleId: 'c-1', cycleName: 'Q3 2026', periodEnd: '2026-09-30', position: 0, tier: 'high', heat: 3.8, outcome: 'approved', decisionId: 'd-1', decisionDate: '2026-09-15', modelVersion: '1.0.0', predictionsSha256: null }],
        [{ modelId: 'm-1', dimension: 'fairness', value: 2, lo: 2, hi: 2, source: 'analyst', rationale: 'carried', taxonomyVersion: 1, scoredBy: 'analyst@test', scoredAt: '2026-09-01T00:00:00.000Z', cycleId: 'c-1', cycleName: 'Q3 2026' }],
      ),
    ],
  ];
  it.each(images)('write the %s in canonical order', (_, image) => {
    expect(JSON.stringify(image)).toBe(canonicalJson(image));
  });

  it('log a score without evidence, and evidence without a finding, without the key', () => {
    expect(canonicalJson(scoreImage({ ...score, evidence: null }))).not.toContain('evidence');
    expect(canonicalJson(scoreImage({ ...score, evidence: { bundleSha256: null, metric: null, observed: null, rule: null } }))).not.toContain('findingId');
  });
});
