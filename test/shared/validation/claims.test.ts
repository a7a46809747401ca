import { describe, expect, it } from 'vitest';
import { evaluateBinary, featureDrift } from '../../../shared/metrics';
import { checkClaims, claimFindings, DEFAULT_TOLERANCE, type ClaimContext } from '../../../shared/validation/claims';

/**
 * Eight rows worked by hand. Scores of exactly 0, 0.5 and 1; the threshold is 0.5.
 *   y_true  0  0    1    1  0    1    0    1
 *   y_score 0  0.5  0.5  1  0.2  0.8  0.5  0
 *   region  EU EU   US   US EU   US   EU   US   (EU has no positives, US no negatives)
 * Positive when score >= 0.5 (ours): 0 1 1 1 0 1 1 0, accuracy 5/8.
 * predict() (score > 0.5):           0 0 0 1 0 1 0 0, accuracy 6/8.
 */
const f64 = (...xs: number[]) => Float64Array.from(xs);
const binary: ClaimContext = {
  task: 'binary_classification',
  decisionThreshold: 0.5,
  predictions: {
    yTrue: f64(0, 0, 1, 1, 0, 1, 0, 1),
    yScore: f64(0, 0.5, 0.5, 1, 0.2, 0.8, 0.5, 0),
    groups: new Map([
      ['region', { codes: Uint32Array.from([0, 0, 1, 1, 0, 1, 0, 1]), values: ['EU', 'US'] }],
      ['sex', { codes: Uint32Array.from([0, 1, 0, 1, 0, 1, 0, 1]), values: ['F', 'M', 'X'] }],
    ]),
  },
  drift: {},
  tolerance: DEFAULT_TOLERANCE,
};

/** Log loss of the eight rows with scores clipped at eps: the row with y = 1 and score 0 costs -ln(eps). */
function logLoss(eps: number): number {
  return (3 * Math.LN2 - 2 * Math.log(0.8) - Math.log(eps) - 2 * Math.log1p(-eps)) / 8;
}

describe('claim checks', () => {
  it('matches within the tolerance, inclusive, and flags a mismatch beyond it as high, naming the definition', () => {
    const checks = checkClaims({ overall: { accuracy: 0.626, roc_auc: 0.7 } }, binary);
    expect(checks.map((c) => [c.path, c.status, c.definition])).toEqual([
      ['overall.accuracy', 'match', 'accuracy, positive when score >= threshold'],
      ['overall.roc_auc', 'mismatch', 'ROC AUC (ties count one half)'],
    ]);
    // Positives score 0.5, 1, 0.8, 0 against negatives 0, 0.5, 0.2, 0.5: 3 + 4 + 4 + 0.5 of 16 pairs.
    expect(checks[1]).toMatchObject({ claimed: 0.7, recomputed: 11.5 / 16, tolerance: 0.001 });
    const [finding] = claimFindings(checks);
    expect(finding).toMatchObject({ severity: 'high', category: 'claim_mismatch' });
    expect(finding?.message).toBe(
      'overall.roc_auc is claimed as 0.7 but recomputes to 0.71875 under ROC AUC (ties count one half) (off by 0.01875, tolerance 0.001). Ask the team how they computed it.',
    );
  });

  it("checks scikit-learn's, MLflow's and credit scoring's names under their own definitions", () => {
    const checks = checkClaims(
      {
        overall: {
          accuracy_score: 0.75,
          roc_auc_score: 11.5 / 16,
          precision_recall_auc: 0.1,
          example_count: 8,
          gini: 2 * (11.5 / 16) - 1,
          ks: 0.5,
          true_positives: 2,
        },
      },
      binary,
    );
    expect(checks.map((c) => [c.path, c.status])).toEqual([
      ['overall.accuracy_score', 'match'],
      ['overall.roc_auc_score', 'match'],
      ['overall.precision_recall_auc', 'mismatch'],
      ['overall.example_count', 'match'],
      ['overall.gini', 'match'],
      ['overall.ks', 'match'],
      ['overall.true_positives', 'match'],
    ]);
    expect(checks[2]?.definition).toBe('MLflow precision_recall_auc (average precision)');
  });

  it('a claim under a name nobody defines is not checked, at medium, never a silent pass', () => {
    const checks = checkClaims({ overall: { auc_pr_interpolated: 0.66 }, drift: { x: { energy_distance: 0.1 } } }, binary);
    expect(checks.map((c) => [c.status, c.reason])).toEqual([
      ['not_comparable', 'not checked: unknown metric auc_pr_interpolated.'],
      ['not_comparable', 'not checked: unknown metric energy_distance.'],
    ]);
    const findings = claimFindings(checks);
    expect(findings.map((f) => f.severity)).toEqual(['medium', 'medium']);
    expect(findings[0]?.message).toBe('overall.auc_pr_interpolated (claimed 0.66) is not checked: unknown metric auc_pr_interpolated.');
  });

  it('an unknown implementation is not checked either', () => {
    const [c] = checkClaims({ overall: { roc_auc: { value: 0.66, definition: { implementation: 'h2o.auc' } } } }, binary);
    expect(c).toMatchObject({ status: 'not_comparable', reason: 'not checked: unknown implementation h2o.auc for the metric roc_auc.' });
  });

  it("log loss with scores of exactly 0 and 1: scikit-learn's clip per version line, and the neighbour named when the claim omits it", () => {
    const since12 = logLoss(2.220446049250313e-16);
    const upTo11 = logLoss(1e-15);
    expect(since12 - upTo11).toBeGreaterThan(0.18);
    const checks = checkClaims(
      {
        overall: {
          log_loss: since12,
          sk: { value: since12, definition: { implementation: 'sklearn.metrics.log_loss' } },
          sk11: { value: upTo11, definition: { implementation: 'sklearn.metrics.log_loss', version: '1.1.3' } },
          skEps: { value: upTo11, definition: { implementation: 'sklearn.metrics.log_loss', eps: 1e-15 } },
        },
      },
      binary,
    );
    expect(checks.map((c) => c.status)).toEqual(['mismatch', 'match', 'match', 'match']);
    expect(checks[0]?.recomputed).toBeCloseTo(upTo11, 12);
    expect(checks[0]?.neighbour).toMatchObject({ definition: 'scikit-learn ≥ 1.2 log_loss (clip at float64 eps)' });
    expect(checks[2]?.definition).toBe('scikit-learn < 1.2 log_loss (clip at 1e-15)');
    expect(checks[3]?.definition).toBe('scikit-learn ≥ 1.2 log_loss (clip at float64 eps), with clip at 1e-15');
    const [finding] = claimFindings(checks);
    expect(finding?.severity).toBe('medium');
    expect(finding?.message).toMatch(
      /^overall\.log_loss is claimed as 4\.\d+: it matches scikit-learn ≥ 1\.2 log_loss \(clip at float64 eps\); differs from the stated definition \(log loss, scores clipped at 1e-15, 4\.\d+\) by 0\.18\d+\./,
    );
  });

  it("scores of exactly 0.5 at the threshold 0.5: predict() sends them to class 0, and the finding says so", () => {
    const checks = checkClaims({ overall: { accuracy: 0.75, accuracy_score: 0.625, f1: { value: 2 / 3, definition: { implementation: 'sklearn.metrics.f1_score' } } } }, binary);
    expect(checks.map((c) => c.status)).toEqual(['mismatch', 'mismatch', 'match']);
    expect(checks[0]?.neighbour?.definition).toBe('scikit-learn accuracy_score of predict()');
    expect(checks[1]?.neighbour?.definition).toBe('accuracy, positive when score >= threshold');
    expect(claimFindings(checks).map((f) => f.severity)).toEqual(['medium', 'medium']);
  });

  it("Fairlearn's equalized odds counts a group without positives as TPR 0; ours leaves it out", () => {
    // predict(): US TPR 2/4, EU has no positives (Fairlearn: 0) -> 0.5. Ours: one TPR and one FPR each, spreads 0.
    // Fairlearn's ratio: FPR 0 in EU and 0 for US (no negatives), 0 / 0, undefined.
    const checks = checkClaims(
      {
        fairness: {
          region: {
            equalized_odds_difference: 0.5,
            eod: { value: 0.5, definition: { implementation: 'fairlearn.metrics.equalized_odds_difference' } },
            equalized_odds_ratio: { value: 0, definition: { implementation: 'fairlearn.metrics.equalized_odds_ratio' } },
          },
        },
      },
      binary,
    );
    expect(checks.map((c) => [c.status, c.recomputed])).toEqual([
      ['mismatch', 0],
      ['match', 0.5],
      ['not_recomputable', null],
    ]);
    expect(checks[0]?.neighbour?.definition).toBe('Fairlearn equalized_odds_difference of predict() (a group lacking a class has rate 0)');
  });

  it("drift: Evidently's PSI is recomputed with Evidently's bins; our PSI claim that is Evidently's says so", () => {
    const reference = Array.from({ length: 200 }, (_, i) => String(i / 10));
    const current = Array.from({ length: 200 }, (_, i) => String(i / 10 + 3));
    const result = featureDrift(reference, current);
    const evidently = result.evidently.psi as number;
    expect(Math.abs(evidently - (result.metrics.psi as number))).toBeGreaterThan(0.01);
    const checks = checkClaims(
      { drift: { income: { psi: evidently, evidently_psi: { value: evidently, definition: { implementation: 'evidently', stattest: 'psi' } } } } },
      { ...binary, drift: { income: result } },
    );
    expect(checks.map((c) => c.status)).toEqual(['mismatch', 'match']);
    expect(checks[0]?.neighbour?.definition).toBe("Evidently's PSI (Sturges bins over both samples)");
  });

  it('regression: a wrong r2_score is a high mismatch', () => {
    const ctx: ClaimContext = { task: 'regression', decisionThreshold: 0.5, predictions: { yTrue: f64(1, 2, 3, 4), yScore: f64(1, 2, 3, 5), groups: new Map() }, drift: {}, tolerance: 0.001 };
    // SS_res 1, SS_tot 5: r2 0.8. MSE 1/4, max error 1.
    const checks = checkClaims({ overall: { r2_score: 0.4, mean_squared_error: 0.25, rmse: { value: 0.5, definition: { implementation: 'sklearn.metrics.mean_squared_error', squared: false } }, max_error: 1 } }, ctx);
    expect(checks.map((c) => [c.status, c.recomputed])).toEqual([
      ['mismatch', 0.8],
      ['match', 0.25],
      ['match', 0.5],
      ['match', 1],
    ]);
    expect(claimFindings(checks).map((f) => f.severity)).toEqual(['high']);
  });

  it('says why a claim cannot be recomputed: no data, unknown group, undefined metric', () => {
    const checks = checkClaims({ groups: { sex: { X: { roc_auc: 0.7 } }, region: { EU: { roc_auc: 0.7 } }, team: { a: { accuracy: 0.7 } } } }, binary);
    expect(checks.map((c) => [c.path, c.status, c.reason])).toEqual([
      ['groups.sex.X.roc_auc', 'not_recomputable', 'no prediction row has sex = "X".'],
      ['groups.region.EU.roc_auc', 'not_recomputable', 'roc_auc is undefined on this data (see the findings).'],
      ['groups.team.a.accuracy', 'not_recomputable', '"team" is not a sensitive attribute with data in the predictions.'],
    ]);
    const [none] = checkClaims({ overall: { roc_auc: 0.8 } }, { ...binary, predictions: null });
    expect(none).toMatchObject({ status: 'not_recomputable', reason: 'there are no predictions in the bundle to recompute it from.' });
    expect(claimFindings(checks).every((f) => f.severity === 'medium' && f.category === 'claim_not_recomputable')).toBe(true);
  });

  it("gives the same results from the validator's metrics at hand as from the rows", () => {
    const p = binary.predictions as NonNullable<ClaimContext['predictions']>;
    const e = evaluateBinary(p.yTrue, p.yScore, 0.5, Object.fromEntries(p.groups));
    const evaluated = {
      overall: { ...e.overall.metrics },
      groups: Object.fromEntries(Object.entries(e.groups).map(([a, g]) => [a, Object.fromEntries(Object.entries(g).map(([v, r]) => [v, { ...r.metrics }]))])),
    };
    const claims = { overall: { roc_auc: 0.7, average_precision: 0.5, brier: 0.2, gini: 0.4, ks: 0.5 }, groups: { sex: { F: { roc_auc: 0.5, ece: 0.1 } } } };
    expect(checkClaims(claims, { ...binary, evaluated })).toEqual(checkClaims(claims, binary));
  });
});
