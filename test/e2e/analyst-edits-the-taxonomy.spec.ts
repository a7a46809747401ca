import fs from 'node:fs';
import { expect, test } from './fixtures';
import { createCycle, goTo, importBundles } from './steps';

test('the analyst edits the taxonomy: a negative weight is refused at the field, a good edit becomes version 2', async ({ app }) => {
  const { page } = app;
  await app.answerDialogsWith(`${app.dir}/q3.mrb`);
  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByLabel('Name').fill('Q3');
  if (app.kind === 'browser') await page.getByLabel('File').fill('q3.mrb');
  await page.getByRole('button', { name: 'Create cycle' }).click();
  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Edit taxonomy' }).click();

  const privacy = page.getByRole('group', { name: 'Dimension Privacy' });
  await privacy.getByLabel('Weight').fill('-1');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(privacy.getByText('The weight of dimension 5 (Privacy) is -1; a weight must be zero or more.')).toBeVisible();
  await expect(privacy.getByLabel('Weight')).toHaveAttribute('aria-invalid', 'true');

  await privacy.getByLabel('Weight').fill('2');
  const editor = page.getByRole('form', { name: 'Edit the taxonomy' });
  await editor.getByLabel('Critical from').fill('3.5');
  await editor.getByLabel('High from').fill('3.6');
  await expect(editor.locator('.threshold-row').getByText(/The critical threshold is 3\.5, not above the high threshold 3\.6/)).toBeVisible();
  await editor.getByLabel('High from').fill('3');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 2.' })).toBeVisible();
  await expect(page.getByText('critical from 3.5')).toBeVisible();

  await page.getByText('Version history (2 versions)').click();
  await page.getByRole('button', { name: 'Version 1' }).click();
  await expect(page.getByText('Showing version 1, read only.')).toBeVisible();
  await expect(page.getByText('critical from 4.0')).toBeVisible();
});

test('the inventory shows risk and evidence, filters by tier and exports what it shows as CSV', async ({ app }) => {
  test.skip(app.kind === 'electron', 'the desktop app picks bundles with the native dialog');
  const { page } = app;
  await createCycle(page);
  await importBundles(page);
  await goTo(page, 'Inventory');
  const row = page.getByRole('row', { name: /Credit default scorer/ });
  // Nothing scored, but the bundle's open high finding is a floor: the tier reads High.
  await expect(row).toContainText('High');
  await expect(row).toContainText('0/11');
  await expect(row.getByRole('cell').last()).toHaveText('6');

  await page.getByRole('combobox', { name: 'Tier' }).selectOption('unscored');
  await expect(page.getByText('0 of 1 model', { exact: true })).toBeVisible();
  await page.getByRole('combobox', { name: 'Tier' }).selectOption('high');
  await expect(page.getByText('1 of 1 model', { exact: true })).toBeVisible();

  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Id' }).check();
  await expect(page.getByRole('columnheader', { name: 'Id' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Team' }).uncheck();
  await expect(page.getByRole('columnheader', { name: 'Team' })).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, 'utf8').split('\r\n');
  expect(csv[0]).toBe('#,Model,Id,Owner,Product line,Regions,Deployment,Tier,Heat,Scored,Last bundle,Open findings');
  expect(csv[1]).toMatch(/^1,Credit default scorer,credit-default-scorer,.*,high,,0,1\.4\.2 .*,6$/);

  // The model page scores too, with the same drawer as the heatmap.
  await page.getByRole('button', { name: 'Credit default scorer' }).click();
  const scores = page.getByRole('table', { name: 'Risk scores' });
  await scores.getByRole('row', { name: /Privacy/ }).getByRole('button', { name: 'Score…' }).click();
  const drawer = page.getByRole('dialog', { name: 'Score Credit default scorer on Privacy' });
  await drawer.getByRole('radio', { name: '3' }).check();
  await drawer.getByRole('button', { name: 'Save score' }).click();
  await expect(scores.getByRole('row', { name: /Privacy/ })).toContainText('3');
  // One dimension of eleven is below the 70% minimum: the heat does not decide, the open finding's floor does.
  await expect(page.getByText(/^Heat 3\.00 · High · 1 of 11 dimensions scored \(9%\) · \d+ open high or critical findings?: at least High\.$/)).toBeVisible();
});
