import { describe, expect, it } from 'vitest';
import { describeDefinition, neighbours, resolveDefinition } from '../../../shared/dialects/registry';

function resolved(...args: Parameters<typeof resolveDefinition>): string {
  const r = resolveDefinition(...args);
  return r.ok ? describeDefinition(r.dialect, r.params) : `refused: ${r.reason}`;
}

describe('which definition a claim is checked under', () => {
  it('a name alone picks ours, scikit-learn’s, MLflow’s or credit scoring’s by its spelling, per scope', () => {
    expect(resolved('binary', 'accuracy')).toBe('accuracy, positive when score >= threshold');
    expect(resolved('binary', 'accuracy_score')).toBe('scikit-learn accuracy_score of predict()');
    expect(resolved('binary', 'precision_recall_auc')).toBe('MLflow precision_recall_auc (average precision)');
    expect(resolved('binary', 'ks')).toBe('KS = max(TPR - FPR)');
    expect(resolved('drift', 'ks')).toBe('two-sample KS statistic');
    expect(resolved('regression', 'accuracy')).toBe('refused: accuracy is a binary classification metric, not a regression one');
    expect(resolved('binary', 'demographic_parity_ratio')).toBe('refused: demographic_parity_ratio is a fairness metric, not a binary classification one');
    expect(resolved('binary', 'auc_interpolated')).toBe('refused: unknown metric auc_interpolated');
  });

  it("a definition's implementation, version and parameters are read", () => {
    expect(resolved('binary', 'log_loss', { implementation: 'sklearn.metrics.log_loss', version: '0.24.2' })).toBe('scikit-learn < 1.2 log_loss (clip at 1e-15)');
    expect(resolved('binary', 'log_loss', { implementation: 'sklearn.metrics.log_loss', version: '1.5.0' })).toBe('scikit-learn ≥ 1.2 log_loss (clip at float64 eps)');
    expect(resolved('binary', 'f1', { implementation: 'sklearn.metrics.f1_score', zero_division: 'warn' })).toBe('scikit-learn f1_score of predict(), zero_division 0');
    expect(resolved('binary', 'f1', { implementation: 'sklearn.metrics.f1_score', zero_division: 1, positive_when: '>=' })).toBe(
      'scikit-learn f1_score of predict(), zero_division 0, with positive when score >= threshold, zero_division 1',
    );
    expect(resolved('binary', 'auc', { implementation: 'mlflow', metric: 'roc_auc' })).toBe('MLflow roc_auc');
    expect(resolved('fairness', 'eod', { implementation: 'fairlearn.metrics.equalized_odds_difference', missing_class: 'left_out' })).toBe(
      'Fairlearn equalized_odds_difference of predict() (a group lacking a class has rate 0), with a group lacking a class left out',
    );
  });

  it('says why when the implementation does not fit the scope or is unknown', () => {
    expect(resolved('drift', 'psi', { implementation: 'sklearn.metrics.roc_auc_score' })).toBe('refused: sklearn.metrics.roc_auc_score does not compute a drift metric');
    expect(resolved('binary', 'auc', { implementation: 'mlflow.evaluate' })).toBe('refused: unknown metric auc for mlflow.evaluate');
    expect(resolved('binary', 'auc', { implementation: 'weka' })).toBe('refused: unknown implementation weka for the metric auc');
  });

  it("neighbours are one parameter away or another tool's named definition of the same metric", () => {
    const r = resolveDefinition('fairness', 'equalized_odds_difference');
    if (!r.ok) throw new Error(r.reason);
    expect(neighbours(r.dialect, r.params).map((n) => n.label)).toEqual([
      'equalized odds difference, a group lacking a class left out of that rate, with positive when score > threshold, as predict()',
      'equalized odds difference, a group lacking a class left out of that rate, with a group lacking a class has rate 0',
      'Fairlearn equalized_odds_difference of predict() (a group lacking a class has rate 0)',
    ]);
  });
});
