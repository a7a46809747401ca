import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const EXAMPLE = path.resolve(__dirname, '../../shared/bundle/examples/credit-default-scorer');

test('the analyst imports two bundles, watches them land, and sees the mismatched claim flagged', async ({ app }) => {
  test.skip(app.kind === 'electron', 'the desktop app picks bundles with the native dialog');
  const { page } = app;
  // A second bundle: the example with a changed version, so it is a bundle of its own.
  const second = path.join(app.dir, 'credit-default-scorer-1.4.3');
  fs.cpSync(EXAMPLE, second, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(second, 'bundle.json'), 'utf8'));
  manifest.model.version = '1.4.3';
  fs.writeFileSync(path.join(second, 'bundle.json'), JSON.stringify(manifest, null, 2));

  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByLabel('Name').fill('Q3');
  await page.getByLabel('File').fill('q3.mrb');
  await page.getByRole('button', { name: 'Create cycle' }).click();
  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Evidence' }).click();
  await expect(page.getByText('No bundles yet')).toBeVisible();

  await page.getByLabel('Bundle paths').fill(`${EXAMPLE}, ${second}`);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const imports = page.getByRole('list', { name: 'Imports' });
  await expect(imports.getByText('Imported')).toHaveCount(2, { timeout: 15_000 });

  const bundles = page.getByRole('table', { name: 'Bundles' });
  await expect(bundles.getByRole('row')).toHaveCount(3);
  await bundles.getByRole('button', { name: 'credit-default-scorer' }).first().click();
  const report = page.getByRole('dialog', { name: 'Bundle report' });
  const accuracy = report.getByRole('table', { name: 'Claims' }).getByRole('row', { name: /overall\.accuracy/ });
  await expect(accuracy).toContainText('0.7000');
  await expect(accuracy).toContainText('0.6800');
  await expect(accuracy).toContainText('mismatch');
  await expect(report.getByText('overall.accuracy is claimed as 0.7 but recomputes to 0.68')).toBeVisible();
  await expect(report.getByRole('img', { name: 'PSI per feature, with the 0.1 and 0.25 thresholds' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(report).toBeHidden();

  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Inventory' }).click();
  await page.getByRole('table').getByRole('button', { name: 'Credit default scorer', exact: true }).click();
  const model = page.getByRole('dialog', { name: 'Model Credit default scorer' });
  await expect(model.getByRole('table', { name: 'Bundle history' }).getByRole('row')).toHaveCount(3);
  await expect(model.getByRole('heading', { name: 'Limitations' })).toBeVisible();
  await expect(model.getByText('Not validated for applicants under 21')).toBeVisible();
  await expect(model.getByText('warehouse/loans.holdout_2026q3')).toBeVisible();
});

test('a refused bundle says why, at its import, and can be retried', async ({ app }) => {
  test.skip(app.kind === 'electron', 'the desktop app picks bundles with the native dialog');
  const { page } = app;
  const broken = path.join(app.dir, 'broken');
  fs.cpSync(EXAMPLE, broken, { recursive: true });
  fs.appendFileSync(path.join(broken, 'predictions.csv'), '2,0.5,F,18-30\n');

  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByLabel('Name').fill('Q3');
  await page.getByLabel('File').fill('q3.mrb');
  await page.getByRole('button', { name: 'Create cycle' }).click();
  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Evidence' }).click();
  await page.getByLabel('Bundle paths').fill(broken);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('predictions.csv is 6,165 bytes; bundle.json says 6,151.');
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(page.getByText('No bundles yet')).toBeVisible();
});

test('a bundle .zip dropped on the import panel is imported', async ({ app }) => {
  test.skip(app.kind === 'electron', 'dropping a file from outside the window needs the OS; the desktop path is pathForFile');
  const { page } = app;
  const zip = path.join(app.dir, 'credit-default-scorer.zip');
  execFileSync('python3', [
    '-c',
    `import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(src)):
        z.write(os.path.join(src, name), 'credit-default-scorer/' + name)`,
    EXAMPLE,
    zip,
  ]);
  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByLabel('Name').fill('Q3');
  await page.getByLabel('File').fill('q3.mrb');
  await page.getByRole('button', { name: 'Create cycle' }).click();
  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Evidence' }).click();

  const bytes = fs.readFileSync(zip).toString('base64');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([raw], 'credit-default-scorer.zip', { type: 'application/zip' }));
    return transfer;
  }, bytes);
  const zone = page.getByRole('region', { name: 'Import bundles' });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByRole('list', { name: 'Imports' }).getByText('Imported')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('table', { name: 'Bundles' }).getByRole('button', { name: 'credit-default-scorer' })).toBeVisible();
});
