import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { createCycle, EXAMPLE_BUNDLE, goTo, importBundles } from './steps';

const CORPUS = path.resolve(__dirname, '../fixtures/evidence');

/** The example bundle under another model id, its model card replaced by a corpus file. */
function bundleWithCard(dir: string, id: string, name: string, card: string, cardPath: string): string {
  const bundle = path.join(dir, id);
  fs.cpSync(EXAMPLE_BUNDLE, bundle, { recursive: true });
  fs.rmSync(path.join(bundle, 'model_card.md'));
  const data = fs.readFileSync(path.join(CORPUS, card));
  fs.writeFileSync(path.join(bundle, cardPath), data);
  const manifest = JSON.parse(fs.readFileSync(path.join(bundle, 'bundle.json'), 'utf8'));
  manifest.model.id = id;
  manifest.model.name = name;
  manifest.files = manifest.files.filter((f: { role: string }) => f.role !== 'model_card');
  manifest.files.push({ path: cardPath, role: 'model_card', sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length });
  fs.writeFileSync(path.join(bundle, 'bundle.json'), JSON.stringify(manifest, null, 2));
  return bundle;
}

test('the model drawer lays out Hugging Face, Model Card Toolkit and CycloneDX cards field by field', async ({ app }) => {
  test.skip(app.kind === 'electron', 'the desktop app picks bundles with the native dialog');
  const { page } = app;
  const bundles = [
    bundleWithCard(app.dir, 'hf-scorer', 'HF scorer', 'hf-model-index-crlf.md', 'model_card.md'),
    bundleWithCard(app.dir, 'mct-scorer', 'MCT scorer', 'model_card_toolkit.json', 'model_card.json'),
    bundleWithCard(app.dir, 'bom-scorer', 'BOM scorer', 'cyclonedx-mlbom.json', 'model_card.json'),
  ];
  await createCycle(page);
  await importBundles(page, bundles);
  await goTo(page, 'Inventory');

  await page.getByRole('table').getByRole('button', { name: 'HF scorer', exact: true }).click();
  const hf = page.getByRole('dialog', { name: 'Model HF scorer' });
  const meta = hf.getByRole('table', { name: 'Card metadata' });
  await expect(meta.getByRole('row', { name: /^license/ })).toContainText('apache-2.0');
  await expect(meta.getByRole('row', { name: /^tags/ })).toContainText('tabular-classification, credit-risk');
  const index = hf.getByRole('table', { name: 'Model index' });
  await expect(index.getByRole('row', { name: /roc_auc/ })).toContainText(/credit-default-scorer\s*tabular-classification\s*loans-2026q3 \(default\)\s*holdout/);
  await expect(index.getByRole('row', { name: /roc_auc/ })).toContainText('0.99');
  await expect(hf.getByText('model-index:')).toHaveCount(0);
  await index.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('hf-front-matter.png') });
  await hf.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('table').getByRole('button', { name: 'MCT scorer', exact: true }).click();
  const mct = page.getByRole('dialog', { name: 'Model MCT scorer' }).getByRole('region', { name: 'Model Card Toolkit card' });
  await expect(mct.getByRole('definition').filter({ hasText: 'Probability of default for unsecured consumer loans.' })).toBeVisible();
  await expect(mct.getByText('Risk ML · Contact: owner@example.org')).toBeVisible();
  await expect(mct.getByRole('table', { name: 'Card performance metrics' }).getByRole('row', { name: /ROC AUC/ })).toContainText(/0\.8345\s*sex_F/);
  await expect(mct.getByText('Not validated for applicants under 21.')).toBeVisible();
  await expect(mct.getByText('"quantitative_analysis"')).toHaveCount(0);
  await mct.getByRole('table', { name: 'Card performance metrics' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('model-card-toolkit.png') });
  await page.getByRole('dialog', { name: 'Model MCT scorer' }).getByRole('button', { name: 'Close' }).click();

  await page.getByRole('table').getByRole('button', { name: 'BOM scorer', exact: true }).click();
  const bom = page.getByRole('dialog', { name: 'Model BOM scorer' }).getByRole('region', { name: 'Model component credit-default-scorer' });
  await expect(bom.getByRole('heading', { name: 'credit-default-scorer 1.4.2' })).toBeVisible();
  const metrics = bom.getByRole('table', { name: 'Performance metrics of credit-default-scorer' });
  await expect(metrics.getByRole('row', { name: /^auc/ })).toContainText('0.80 to 0.88');
  await expect(metrics.getByRole('row', { name: /roc_auc/ })).toContainText(/0\.845\s*sex=M\s*0\.85 to 0\.90/);
  await expect(bom.getByText('Group at risk: applicants 51+ · Harms: more false declines · Mitigation strategy: second review')).toBeVisible();
  await metrics.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('cyclonedx.png') });
});
