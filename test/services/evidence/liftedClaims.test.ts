import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClaimCheck, ValidationReport } from '../../../shared/validation/report';
import { importReport } from '../../../electron/services/bundles/prepareImport';
import { BundleCopy } from '../../helpers/bundleCopies';

/**
 * The evidence corpus (test/fixtures/evidence, README there) added to a copy of the
 * example bundle, each file listed in the manifest with the role "other": the claims in
 * it are lifted with their file and place and compared like the manifest's.
 */

const CORPUS = path.resolve(__dirname, '../../fixtures/evidence');

function corpusFiles(dir = CORPUS, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = `${prefix}${e.name}`;
    if (e.isDirectory()) return corpusFiles(path.join(dir, e.name), `${rel}/`);
    return e.name === 'README.md' ? [] : [rel];
  });
}

async function validateWith(files: string[]): Promise<ValidationReport> {
  const copy = new BundleCopy();
  for (const rel of files) {
    fs.mkdirSync(path.dirname(path.join(copy.dir, 'evidence', rel)), { recursive: true });
    fs.copyFileSync(path.join(CORPUS, rel), path.join(copy.dir, 'evidence', rel));
  }
  copy.editManifest((m) => {
    for (const rel of files) m.files.push({ path: `evidence/${rel}`, role: 'other', sha256: '', bytes: 0 });
  });
  copy.rehash();
  return importReport(copy.dir, { tolerance: 0.001 });
}

function from(report: ValidationReport, file: string): ClaimCheck[] {
  return report.claims.filter((c) => c.source?.file === `evidence/${file}`);
}

function statuses(checks: ClaimCheck[]): [string, string][] {
  return checks.map((c) => [c.path.replace(/^[^:]+: /, ''), c.status]);
}

function messages(report: ValidationReport, file: string): string[] {
  return report.findings.filter((f) => f.message.includes(`evidence/${file}`)).map((f) => `${f.severity.toUpperCase()} ${f.message}`);
}

describe('claims lifted from the evidence teams already have', () => {
  it('a Hugging Face card with CRLF line ends: each model-index metric, with task, dataset and split; the AUC of 0.99 is high', async () => {
    const report = await validateWith(['hf-model-index-crlf.md', 'hf-legacy-model_index.md', 'hf-invalid-model-index.md']);
    const card = from(report, 'hf-model-index-crlf.md');
    expect(statuses(card)).toEqual([
      ['overall.roc_auc', 'mismatch'],
      ['overall.accuracy', 'match'],
      ['overall.f1', 'match'],
      ['overall.matthews_correlation', 'not_comparable'],
    ]);
    expect(card[0]?.source).toEqual({ file: 'evidence/hf-model-index-crlf.md', pointer: 'model-index[0].results[0].metrics[0] (tabular-classification, dataset loans-2026q3, split holdout)' });
    expect(card[0]?.recomputed).toBeCloseTo(0.8398, 4);
    expect(messages(report, 'hf-model-index-crlf.md')).toEqual([
      expect.stringMatching(/^HIGH evidence\/hf-model-index-crlf\.md: overall\.roc_auc is claimed as 0\.99 but recomputes to 0\.839768/),
      'MEDIUM evidence/hf-model-index-crlf.md: overall.matthews_correlation (claimed 0.41) is not checked: unknown metric matthews_correlation.',
    ]);
    expect(statuses(from(report, 'hf-legacy-model_index.md'))).toEqual([['overall.accuracy', 'match']]);
    expect(messages(report, 'hf-invalid-model-index.md')).toEqual(['MEDIUM evidence/hf-invalid-model-index.md: the model-index is invalid: it must be a list of models; its claims are not checked.']);
  });

  it('Model Card Toolkit and CycloneDX: slices mapped to groups, or said why not; string values read; a broken BOM named', async () => {
    const report = await validateWith(['model_card_toolkit.json', 'cyclonedx-mlbom.json', 'cyclonedx-trailing-comma.json']);
    expect(statuses(from(report, 'model_card_toolkit.json'))).toEqual([
      ['overall.accuracy', 'match'],
      ['groups.sex.F.roc_auc', 'match'],
      ['groups.age_band.51+.roc_auc', 'mismatch'],
      ['recall for region: EU', 'not_comparable'],
      ['fairness.age_band.demographic_parity_ratio', 'match'],
    ]);
    expect(from(report, 'model_card_toolkit.json')[3]?.reason).toBe('not checked: the slice "region: EU" cannot be mapped to a group of sex, age_band.');
    expect(messages(report, 'model_card_toolkit.json')).toContain(
      'MEDIUM evidence/model_card_toolkit.json quantitative_analysis.performance_metrics[4]: the value "high" is not a number; not checked.',
    );
    expect(statuses(from(report, 'cyclonedx-mlbom.json'))).toEqual([
      ['overall.roc_auc', 'match'],
      ['groups.age_band.31-50.accuracy', 'mismatch'],
      ['demographic_parity_ratio', 'not_comparable'],
      ['groups.sex.M.roc_auc', 'match'],
    ]);
    expect(messages(report, 'cyclonedx-mlbom.json')).toContain(
      'MEDIUM evidence/cyclonedx-mlbom.json: groups.sex.M.roc_auc states the interval 0.85–0.9, but the recomputed value 0.844106 lies outside it.',
    );
    expect(from(report, 'cyclonedx-mlbom.json')[2]?.reason).toBe('not checked: demographic_parity_ratio compares the groups of one attribute, and it names no sensitive attribute.');
    expect(from(report, 'cyclonedx-mlbom.json')[0]?.source?.pointer).toBe('components[0].modelCard.quantitativeAnalysis.performanceMetrics[0] (credit-default-scorer, CI 0.8–0.88)');
    expect(messages(report, 'cyclonedx-trailing-comma.json')).toEqual(['LOW evidence/cyclonedx-trailing-comma.json is not valid JSON, so no claim in it is read.']);
  });

  it("MLflow: a run's metric files (last step) and EvaluationResult.metrics, under MLflow's definitions; a log loss made at 1.1's clip is named", async () => {
    const run = 'mlruns/1/6f1c0e3a9b2d4e59/metrics';
    const report = await validateWith([`${run}/accuracy_score`, `${run}/log_loss`, `${run}/precision_recall_auc`, `${run}/example_count`, `${run}/roc_auc`, 'mlflow-eval-metrics.json']);
    const runChecks = report.claims.filter((c) => c.source?.file.startsWith('evidence/mlruns/'));
    expect(runChecks.map((c) => [c.path, c.status, c.definition])).toEqual([
      [`evidence/${run}/accuracy_score: overall.accuracy_score`, 'match', 'MLflow accuracy_score of predict()'],
      [`evidence/${run}/log_loss: overall.log_loss`, 'match', 'MLflow log_loss (scikit-learn ≥ 1.2 clip)'],
      [`evidence/${run}/precision_recall_auc: overall.precision_recall_auc`, 'match', 'MLflow precision_recall_auc (average precision)'],
      [`evidence/${run}/example_count: overall.example_count`, 'match', 'MLflow example_count'],
      [`evidence/${run}/roc_auc: overall.roc_auc`, 'match', 'MLflow roc_auc'],
    ]);
    expect(runChecks[0]).toMatchObject({ claimed: 0.68, source: { pointer: 'line 2 (step 1)' } });
    const json = from(report, 'mlflow-eval-metrics.json');
    expect(statuses(json).every(([, s]) => s === 'match' || s === 'mismatch')).toBe(true);
    const logLoss = json.find((c) => c.path.endsWith('overall.log_loss'));
    expect(logLoss).toMatchObject({ status: 'mismatch', neighbour: { definition: 'scikit-learn < 1.2 log_loss (clip at 1e-15)' } });
    expect(messages(report, 'mlflow-eval-metrics.json')).toEqual([
      expect.stringMatching(/^MEDIUM evidence\/mlflow-eval-metrics\.json: overall\.log_loss is claimed as 0\.7051: it matches scikit-learn < 1\.2 log_loss \(clip at 1e-15\); differs from the stated definition \(MLflow log_loss \(scikit-learn ≥ 1\.2 clip\), 0\.708904\) by 0\.0038/),
    ]);
  });

  it("Evidently: PSI and normed Wasserstein under Evidently's binning; p-value tests and an unrecorded method say why not", async () => {
    const report = await validateWith(['evidently-legacy-report.json', 'evidently-report.json']);
    const legacy = from(report, 'evidently-legacy-report.json');
    expect(statuses(legacy)).toEqual([
      ['drift.income.psi', 'match'],
      ['drift.age.wasserstein', 'match'],
      ['drift.segment.chi-square p_value', 'not_comparable'],
      ['drift.utilisation.K-S p_value', 'not_comparable'],
      ['overall.accuracy', 'match'],
      ['overall.precision', 'match'],
      ['overall.recall', 'match'],
      ['overall.f1', 'match'],
      ['overall.roc_auc', 'match'],
      ['overall.log_loss', 'mismatch'],
    ]);
    expect(legacy[0]?.definition).toBe("Evidently's PSI (Sturges bins over both samples)");
    expect(legacy[2]?.reason).toBe('not checked: Evidently\'s "chi-square p_value" drift score is a p-value, which we do not compute.');
    expect(legacy[9]?.neighbour?.definition).toBe('scikit-learn ≥ 1.2 log_loss (clip at float64 eps)');
    expect(statuses(from(report, 'evidently-report.json'))).toEqual([
      ['drift.income.psi', 'match'],
      ['drift.age', 'not_comparable'],
      ['overall.accuracy', 'match'],
    ]);
  });

  it('Evidently snapshot (metric_results keyed by metric id): drift and quality read from each result\'s params; counts and shares hold no claim', async () => {
    const report = await validateWith(['evidently-snapshot.json']);
    const snapshot = from(report, 'evidently-snapshot.json');
    expect(statuses(snapshot)).toEqual([
      ['drift.income.psi', 'match'],
      ['drift.utilisation.K-S p_value', 'not_comparable'],
      ['overall.accuracy', 'mismatch'],
    ]);
    expect(snapshot[0]?.source).toEqual({ file: 'evidence/evidently-snapshot.json', pointer: 'metric_results.5f0e9c2a' });
    expect(messages(report, 'evidently-snapshot.json')).toContainEqual(expect.stringMatching(/^HIGH evidence\/evidently-snapshot\.json: overall\.accuracy is claimed as 0\.7 but recomputes to 0\.68/));
  });

  it('OpenLineage: one event, an array, JSON Lines; row and null counts checked against the bundle files', async () => {
    const report = await validateWith(['openlineage-event.json', 'openlineage-events.json', 'openlineage-events.jsonl']);
    expect(from(report, 'openlineage-event.json').map((c) => [c.path, c.status, c.recomputed])).toEqual([
      ['evidence/openlineage-event.json: file//bundles/credit-default-scorer/predictions.csv rowCount', 'match', 400],
      ['evidence/openlineage-event.json: file//bundles/credit-default-scorer/predictions.csv y_true nullCount', 'match', 0],
      ['evidence/openlineage-event.json: file//bundles/credit-default-scorer/predictions.csv sex nullCount', 'match', 0],
      ['evidence/openlineage-event.json: warehouse/loans.holdout_2026q3 rowCount', 'not_recomputable', null],
    ]);
    expect(from(report, 'openlineage-events.json').map((c) => [c.source?.pointer, c.status])).toEqual([
      ['events[1].outputs[0].facets.dataQualityMetrics.rowCount', 'match'],
      ['events[1].outputs[0].facets.dataQualityMetrics.columnMetrics.utilisation.nullCount', 'match'],
    ]);
    expect(from(report, 'openlineage-events.jsonl').map((c) => [c.status, c.claimed, c.recomputed])).toEqual([
      ['mismatch', 210, 200],
      ['match', 9, 9],
    ]);
    expect(messages(report, 'openlineage-events.jsonl')).toEqual([expect.stringMatching(/^HIGH evidence\/openlineage-events\.jsonl: file\/current\.csv rowCount is claimed as 210 but recomputes to 200 under rows of current\.csv/)]);
  });

  it('every file of the corpus is recognised and yields claims or a finding', async () => {
    const files = corpusFiles();
    const report = await validateWith(files);
    for (const file of files) {
      const said = from(report, file).length + messages(report, file).length;
      expect(said, file).toBeGreaterThan(0);
    }
  });
});
