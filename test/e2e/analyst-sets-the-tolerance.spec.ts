import { expect, test } from './fixtures';

test('the analyst sets the claim tolerance; a negative one is refused at the field', async ({ app }) => {
  const { page } = app;
  await app.answerDialogsWith(`${app.dir}/q3.mrb`);
  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByLabel('Name').fill('Q3');
  if (app.kind === 'browser') await page.getByLabel('File').fill('q3.mrb');
  await page.getByRole('button', { name: 'Create cycle' }).click();
  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Settings' }).click();

  const tolerance = page.getByLabel('Tolerance', { exact: true });
  await expect(tolerance).toHaveValue('0.001');
  await tolerance.fill('-1');
  await page.getByRole('button', { name: 'Save tolerance' }).click();
  await expect(page.getByText('Tolerance: must be at least 0.')).toBeVisible();
  await tolerance.fill('0.005');
  await page.getByRole('button', { name: 'Save tolerance' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Tolerance', { exact: true })).toHaveValue('0.005');

  const limit = page.getByLabel('Longest acceptance, in months');
  await expect(limit).toHaveValue('12');
  await limit.fill('0');
  await page.getByRole('button', { name: 'Save limit' }).click();
  await expect(page.getByText('Longest acceptance, in months: must be at least 1.')).toBeVisible();
  await limit.fill('6');
  await page.getByRole('button', { name: 'Save limit' }).click();
  await page.reload();
  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Longest acceptance, in months')).toHaveValue('6');
});
