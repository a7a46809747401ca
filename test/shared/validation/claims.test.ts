import { describe, expect, it } from 'vitest';
import { checkClaims, claimFindings, DEFAULT_TOLERANCE, type ClaimContext } from '../../../shared/validation/claims';

const ctx: ClaimContext = {
  overall: { n: 400, roc_auc: 0.8398, accuracy: 0.68, average_precision: 0.6661, log_loss: 0.51 },
  groups: { sex: { F: { n: 210, roc_auc: 0.8345 }, M: { n: 190, roc_auc: null } } },
  fairness: { sex: { demographic_parity_ratio: 0.91 } },
  drift: { income: { psi: 0.31, ks: 0.2 } },
  tolerance: DEFAULT_TOLERANCE,
};

describe('claim checks', () => {
  it('matches within the tolerance, inclusive, and flags a mismatch beyond it as high', () => {
    const checks = checkClaims({ overall: { roc_auc: 0.8408, accuracy: 0.7 } }, ctx);
    expect(checks.map((c) => [c.path, c.status])).toEqual([
      ['overall.roc_auc', 'match'],
      ['overall.accuracy', 'mismatch'],
    ]);
    expect(checks[1]).toMatchObject({ claimed: 0.7, recomputed: 0.68, tolerance: 0.001 });
    expect(checks[1]?.difference).toBeCloseTo(-0.02, 12);
    const [finding] = claimFindings(checks);
    expect(finding).toMatchObject({ severity: 'high', category: 'claim_mismatch' });
    expect(finding?.message).toBe('overall.accuracy is claimed as 0.7 but recomputes to 0.68 (off by 0.02, tolerance 0.001). Ask the team how they computed it.');
  });

  it('reports a claim under another definition as not comparable, never as a mismatch', () => {
    const checks = checkClaims(
      {
        overall: { average_precision: { value: 0.5, definition: { implementation: 'mlflow.evaluate', metric: 'precision_recall_auc' } } },
        drift: { income: { psi: { value: 0.02, definition: { implementation: 'evidently', binning: 'sturges' } } } },
      },
      ctx,
    );
    expect(checks.map((c) => c.status)).toEqual(['not_comparable', 'not_comparable']);
    expect(checks[1]?.reason).toMatch(/claimed under evidently \{"binning":"sturges"\}; we compute PSI over the reference's deciles/);
    expect(claimFindings(checks).map((f) => f.severity)).toEqual(['info', 'info']);
  });

  it('compares a claim made with the reference implementation named', () => {
    const [c] = checkClaims({ overall: { roc_auc: { value: 0.8398, definition: { implementation: 'sklearn.metrics.roc_auc_score' } } } }, ctx);
    expect(c?.status).toBe('match');
  });

  it('says why a claim cannot be recomputed: no data, unknown group, undefined metric', () => {
    const checks = checkClaims(
      { overall: { roc_auc: 0.8 }, groups: { sex: { X: { roc_auc: 0.7 }, M: { roc_auc: 0.7 } }, region: { EU: { accuracy: 0.7 } } } },
      { ...ctx, overall: null },
    );
    expect(checks.map((c) => [c.path, c.status, c.reason])).toEqual([
      ['overall.roc_auc', 'not_recomputable', 'there are no predictions in the bundle to recompute it from.'],
      ['groups.sex.X.roc_auc', 'not_recomputable', 'no prediction row has sex = "X".'],
      ['groups.sex.M.roc_auc', 'not_recomputable', 'roc_auc is undefined on this data (see the findings).'],
      ['groups.region.EU.accuracy', 'not_recomputable', '"region" is not a sensitive attribute with data in the predictions.'],
    ]);
    expect(claimFindings(checks).every((f) => f.severity === 'medium' && f.category === 'claim_not_recomputable')).toBe(true);
  });

  it('does not compare a metric we do not compute', () => {
    const [c] = checkClaims({ overall: { precision_recall_auc: 0.66 } }, ctx);
    expect(c).toMatchObject({ status: 'not_comparable', reason: 'we do not compute a metric named "precision_recall_auc", so the claim cannot be compared.' });
  });
});
