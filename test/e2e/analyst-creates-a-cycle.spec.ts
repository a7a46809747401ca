import path from 'node:path';
import { expect, test } from './fixtures';

test('the analyst creates a review cycle, reloads, and it is still there', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('button', { name: 'New cycle' })).toBeVisible();

  await app.answerDialogsWith(path.join(app.dir, 'q3-2026.mrb'));
  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByLabel('Name').fill('Q3 2026 model review');
  if (app.kind === 'browser') await page.getByLabel('File').fill('q3-2026.mrb');
  await page.getByLabel('Period start').fill('2026-07-01');
  await page.getByLabel('Period end').fill('2026-09-30');
  await page.getByRole('button', { name: 'Create cycle' }).click();

  await expect(page.getByRole('heading', { name: 'Q3 2026 model review' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Audit chain holds' })).toBeVisible();
  await expect(page.getByText('No models yet')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Q3 2026 model review' })).toBeVisible();
});

test('a bad file name is refused at the field, and nothing is created', async ({ app }) => {
  test.skip(app.kind === 'electron', 'the desktop app picks files with the native dialog');
  const { page } = app;
  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByLabel('Name').fill('Q3');
  await page.getByLabel('File').fill('q3.sqlite');
  await page.getByRole('button', { name: 'Create cycle' }).click();
  await expect(page.getByText('must be a file ending in .mrb')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create cycle' })).toBeVisible();
});

test('an empty name is refused with a sentence at the Name field', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByLabel('File').fill('q3.mrb');
  await page.getByRole('button', { name: 'Create cycle' }).click();
  await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Name: must not be empty.')).toBeVisible();
});
