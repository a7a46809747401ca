import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCycle, goTo, importBundles } from './steps';

const cell = (page: Page, dimension: string) => page.locator(`g.hm-cell[data-model="credit-default-scorer"][data-column="${dimension}"]`);
const dimensionCells = (page: Page) => page.locator('g.hm-cell[data-model="credit-default-scorer"]:not([data-column="heat"])');

test.describe('the regulatory mapping', () => {
  test.skip(({ appKind }) => appKind === 'electron', 'the desktop app picks bundles with the native dialog');

  test('the analyst filters the heatmap by framework; the link keeps the filter', async ({ app }) => {
    test.setTimeout(90_000);
    const { page } = app;
    await createCycle(page);
    await importBundles(page);
    await goTo(page, 'Heatmap');
    await expect(dimensionCells(page)).toHaveCount(11);

    await page.getByRole('combobox', { name: 'Framework' }).selectOption({ label: 'EU AI Act' });
    // The Act asks nothing of a model's cost to the firm: that column goes, the others stay.
    await expect(cell(page, 'operational_cost')).toHaveCount(0);
    await expect(dimensionCells(page)).toHaveCount(10);
    await expect(cell(page, 'fairness_bias')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Showing the 10 dimensions of 11 that answer EU AI Act; heat and tier still weigh them all.' })).toBeVisible();
    expect(new URL(page.url()).hash).toContain('framework=eu_ai_act');
    await page.screenshot({ path: test.info().outputPath('heatmap-eu-ai-act.png') });

    await page.getByRole('combobox', { name: 'Framework' }).selectOption({ label: 'SR 26-2 / OCC 2026-13' });
    // The US guidance is silent on security, privacy and fairness as such.
    for (const d of ['security_exposure', 'privacy', 'fairness_bias']) await expect(cell(page, d)).toHaveCount(0);
    await expect(dimensionCells(page)).toHaveCount(8);

    // The address alone brings the filtered map back.
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Framework' })).toHaveValue('sr26_2');
    await expect(dimensionCells(page)).toHaveCount(8);

    await page.getByRole('combobox', { name: 'Framework' }).selectOption({ label: 'All' });
    await expect(dimensionCells(page)).toHaveCount(11);
    expect(new URL(page.url()).hash).not.toContain('framework=');
  });

  test("the analyst edits a dimension's clauses; the new version keeps them and the heatmap follows", async ({ app }) => {
    test.setTimeout(90_000);
    const { page } = app;
    await createCycle(page);
    await importBundles(page);
    await goTo(page, 'Settings');
    const mapping = page.getByRole('table', { name: 'Clauses of each dimension' });
    await expect(mapping.getByRole('row', { name: /Operational & financial cost/ })).toContainText('PRA SS1/23: P1');

    await page.getByRole('button', { name: 'Edit taxonomy' }).click();
    const clauses = page.getByRole('group', { name: 'Regulatory clauses of Operational & financial cost' });
    await clauses.getByRole('button', { name: 'Remove PRA SS1/23 P1' }).click();
    await expect(clauses.getByRole('button', { name: 'Remove PRA SS1/23 P1' })).toHaveCount(0);
    await clauses.getByRole('combobox', { name: 'Framework' }).selectOption({ label: 'EU AI Act' });
    await clauses.getByRole('combobox', { name: 'Clause' }).selectOption('9(2)(a)');
    await clauses.getByRole('button', { name: 'Add clause' }).click();
    await expect(clauses.getByRole('button', { name: 'Remove EU AI Act 9(2)(a)' })).toBeVisible();
    await clauses.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('clauses-editor.png') });
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved as version 2.' })).toBeVisible();

    const row = mapping.getByRole('row', { name: /Operational & financial cost/ });
    await expect(row).toContainText('EU AI Act: 9(2)(a)');
    await expect(row).not.toContainText('PRA SS1/23');
    await mapping.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('mapping-tables.png') });
    // Version 1 keeps the mapping it was saved with.
    await page.getByText('Version history (2 versions)').click();
    await page.getByRole('button', { name: 'Version 1' }).click();
    await expect(page.getByText('Showing version 1, read only.')).toBeVisible();
    await expect(mapping.getByRole('row', { name: /Operational & financial cost/ })).toContainText('PRA SS1/23: P1');

    // The edit is audited.
    await goTo(page, 'Audit');
    await expect(page.getByRole('row', { name: /Taxonomy updated/ })).toHaveCount(1);

    await goTo(page, 'Heatmap');
    await page.getByRole('combobox', { name: 'Framework' }).selectOption({ label: 'EU AI Act' });
    await expect(dimensionCells(page)).toHaveCount(11);
    await page.getByRole('combobox', { name: 'Framework' }).selectOption({ label: 'PRA SS1/23' });
    await expect(cell(page, 'operational_cost')).toHaveCount(0);
  });
});
