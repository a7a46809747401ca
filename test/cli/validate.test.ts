import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMrb } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

/**
 * `mrb validate` checks each claim in the dialect it is made in. A small clean regression
 * bundle (no groups, no drift) whose only fault is the claim under test.
 *   y_true 1 2 3 4, y_score 1 2 3 5: SS_res 1, SS_tot 5, r2 0.8; MSE 0.25; MAE 0.25; max error 1.
 */
function regressionBundle(claims: unknown): string {
  const dir = path.join(tempDir('mrb-validate-'), 'house-prices');
  fs.mkdirSync(dir);
  const csv = 'y_true,y_score\n1,1\n2,2\n3,3\n4,5\n';
  fs.writeFileSync(path.join(dir, 'predictions.csv'), csv);
  const manifest = {
    format: 'mrb-bundle',
    format_version: 1,
    model: {
      id: 'house-prices',
      name: 'House prices',
      version: '2.0.0',
      owner: 'owner@example.org',
      team: 'Pricing',
      product_line: 'Mortgages',
      regions: ['EU'],
      use_case: 'valuation',
      deployment: { context: 'internal', regulated: false },
    },
    task: 'regression',
    created_at: '2026-10-01T12:00:00Z',
    producer: 'sklearn-pipeline/1.2',
    files: [{ path: 'predictions.csv', role: 'predictions', sha256: createHash('sha256').update(csv).digest('hex'), bytes: Buffer.byteLength(csv) }],
    claims,
  };
  fs.writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

describe('mrb validate: claims in the team’s own dialect', () => {
  it('honest claims under scikit-learn and MLflow names pass, each shown with its definition', () => {
    const dir = regressionBundle({
      overall: {
        r2_score: 0.8,
        mean_absolute_error: 0.25,
        root_mean_squared_error: 0.5,
        max_error: 1,
        mse: { value: 0.5, definition: { implementation: 'sklearn.metrics.mean_squared_error', squared: false } },
        example_count: { value: 4, definition: { implementation: 'mlflow.evaluate' } },
      },
    });
    const r = runMrb(['validate', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/overall\.r2_score +claimed 0\.8000 +recomputed 0\.8000 +match +\(scikit-learn r2_score\)/);
    expect(r.stdout).toMatch(/overall\.mse +claimed 0\.5000 +recomputed 0\.5000 +match +\(scikit-learn mean_squared_error, with squared false\)/);
    expect(r.stdout).toMatch(/overall\.example_count +claimed 4\.0000 +recomputed 4\.0000 +match +\(MLflow example_count\)/);
  });

  it('exits 1 when the only wrong claim is r2_score: 0.4', () => {
    const r = runMrb(['validate', regressionBundle({ overall: { r2_score: 0.4 } }), '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.claims[0]).toMatchObject({ path: 'overall.r2_score', status: 'mismatch', recomputed: 0.8, definition: 'scikit-learn r2_score' });
    expect(report.findings[0]).toMatchObject({ severity: 'high', category: 'claim_mismatch' });
  });

  it("exits 1 when the only wrong claim is under MLflow's name", () => {
    const r = runMrb(['validate', regressionBundle({ overall: { root_mean_squared_error: { value: 0.3, definition: { implementation: 'mlflow.evaluate' } } } })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/HIGH +overall\.root_mean_squared_error is claimed as 0\.3 but recomputes to 0\.5 under MLflow root_mean_squared_error/);
  });

  it('an unknown metric is a medium finding "not checked", not a silent pass', () => {
    const r = runMrb(['validate', regressionBundle({ overall: { explained_variance: 0.9 } })]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/MEDIUM +overall\.explained_variance \(claimed 0\.9\) is not checked: unknown metric explained_variance\./);
  });
});
