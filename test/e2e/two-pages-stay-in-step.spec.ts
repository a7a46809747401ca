import { expect, test } from './fixtures';

test('two pages on the same host both show a change made in one', async ({ app }) => {
  const first = app.page;
  const second = await app.openAnotherPage();
  await expect(second.getByRole('button', { name: 'New cycle' })).toBeVisible();

  await first.getByRole('button', { name: 'New cycle' }).click();
  await first.getByLabel('Name').fill('Shared cycle');
  await first.getByLabel('File').fill('shared.mrb');
  await first.getByRole('button', { name: 'Create cycle' }).click();
  await expect(first.getByRole('heading', { name: 'Shared cycle' })).toBeVisible();

  // The second page was on the start screen; it follows without a reload.
  await expect(second.getByRole('heading', { name: 'Shared cycle' })).toBeVisible();

  await first.getByRole('button', { name: 'Edit' }).click();
  await first.getByLabel('Name').fill('Shared cycle, renamed');
  await first.getByRole('button', { name: 'Save' }).click();
  await expect(second.getByRole('heading', { name: 'Shared cycle, renamed' })).toBeVisible();
});
