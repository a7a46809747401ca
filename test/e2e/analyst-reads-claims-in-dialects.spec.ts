import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const EXAMPLE = path.resolve(__dirname, '../../shared/bundle/examples/credit-default-scorer');
const CORPUS = path.resolve(__dirname, '../fixtures/evidence');

test("the analyst sees each claim's definition, the neighbouring one an honest claim matches, and a card's claim checked", async ({ app }) => {
  test.skip(app.kind === 'electron', 'the desktop app picks bundles with the native dialog');
  const { page } = app;
  // The example with an MLflow evaluation (a log loss made at scikit-learn 1.1's clip) and a Hugging Face card claiming AUC 0.99.
  const bundle = path.join(app.dir, 'credit-default-scorer');
  fs.cpSync(EXAMPLE, bundle, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(bundle, 'bundle.json'), 'utf8'));
  for (const name of ['mlflow-eval-metrics.json', 'hf-model-index-crlf.md']) {
    const data = fs.readFileSync(path.join(CORPUS, name));
    fs.writeFileSync(path.join(bundle, name), data);
    manifest.files.push({ path: name, role: 'other', sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length });
  }
  fs.writeFileSync(path.join(bundle, 'bundle.json'), JSON.stringify(manifest, null, 2));

  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByLabel('Name').fill('Q3');
  await page.getByLabel('File').fill('q3.mrb');
  await page.getByRole('button', { name: 'Create cycle' }).click();
  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Evidence' }).click();
  await page.getByLabel('Bundle paths').fill(bundle);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Imports' }).getByText('Imported')).toHaveCount(1, { timeout: 15_000 });

  await page.getByRole('table', { name: 'Bundles' }).getByRole('button', { name: 'credit-default-scorer' }).first().click();
  const report = page.getByRole('dialog', { name: 'Bundle report' });
  const claims = report.getByRole('table', { name: 'Claims' });
  await expect(claims.getByRole('row', { name: /^overall\.accuracy / })).toContainText('accuracy, positive when score >= threshold');
  const logLoss = claims.getByRole('row', { name: /mlflow-eval-metrics\.json: overall\.log_loss/ });
  await expect(logLoss).toContainText('MLflow log_loss (scikit-learn ≥ 1.2 clip)');
  await expect(logLoss).toContainText('matches scikit-learn < 1.2 log_loss (clip at 1e-15)');
  await expect(claims.getByRole('row', { name: /hf-model-index-crlf\.md: overall\.roc_auc/ })).toContainText('at model-index[0].results[0].metrics[0] (tabular-classification, dataset loans-2026q3, split holdout)');
  await expect(report.getByText(/hf-model-index-crlf\.md: overall\.roc_auc is claimed as 0\.99 but recomputes to 0\.839768/)).toBeVisible();
  await expect(report.getByText(/overall\.matthews_correlation \(claimed 0\.41\) is not checked: unknown metric matthews_correlation\./)).toBeVisible();
  await claims.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('claims-in-dialects.png'), fullPage: false });
});
