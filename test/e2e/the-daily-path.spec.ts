import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { riskColour } from '../../shared/scoring/colourScale';
import { api, bundleFor, day, decide, importPaths, sessionWith } from './cycleSteps';
import { expect, test } from './fixtures';
import { createCycle, goTo, importBundles } from './steps';

/** Issue 16 §1–§2: scoring without traps, filters that say when they leave nothing, and the Audit place. */

const UNSCORED = '#d4d4d4';
const cell = (page: Page, dimension: string) => page.locator(`g.hm-cell[data-model="credit-default-scorer"][data-column="${dimension}"]`);

async function cycleWithModel(page: Page): Promise<void> {
  await createCycle(page);
  await importBundles(page);
}

test.describe('the daily path', () => {
  test.skip(({ appKind }) => appKind === 'electron', 'the desktop app picks bundles with the native dialog');
  // Each story imports a bundle first; on a loaded machine that alone takes a good part of the default 30 s.
  test.describe.configure({ timeout: 90_000 });

  test('an unscored cell opens with no score chosen: Ctrl+Enter saves nothing until the analyst picks one', async ({ app }, testInfo) => {
    const { page } = app;
    await cycleWithModel(page);
    await goTo(page, 'Heatmap');
    await cell(page, 'privacy').focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Score Credit default scorer on Privacy' });
    await expect(drawer.getByText('Score (keys 1 to 5): none chosen yet')).toBeVisible();
    for (const v of ['1', '2', '3', '4', '5']) await expect(drawer.getByRole('radio', { name: v, exact: true })).not.toBeChecked();
    // The model has exactly one bundle: the score rests on it unless the analyst says otherwise.
    await expect(drawer.getByLabel('Evidence')).toHaveValue(/^[0-9a-f]{64}$/);

    await page.keyboard.press('Control+Enter');
    await expect(drawer.getByRole('alert')).toHaveText('Choose a score from 1 to 5 first (keys 1 to 5).');
    await expect(cell(page, 'privacy')).toHaveAttribute('data-fill', UNSCORED);
    await page.screenshot({ path: testInfo.outputPath('unscored-cell-no-value.png') });

    await page.keyboard.press('4');
    await expect(drawer.getByRole('radio', { name: '4', exact: true })).toBeChecked();
    await expect(drawer.getByRole('alert')).toHaveCount(0);
    await drawer.getByLabel(/^Rationale/).fill('Customer PII in three features');
    await page.keyboard.press('Control+Enter');
    await expect(drawer).toBeHidden();
    await expect(cell(page, 'privacy')).toHaveAttribute('data-fill', riskColour(4, 'standard'));
    const map = await api<{ rows: { scores: Record<string, { value: number; evidence?: { bundleSha256?: string } }> }[] }>(page, 'heatmap.get', {});
    expect(map.rows[0]?.scores.privacy?.evidence?.bundleSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('with two bundles of the model the drawer asks which one the score rests on', async ({ app }, testInfo) => {
    const { page } = app;
    await createCycle(page);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-two-bundles-'));
    const credit = { id: 'credit-default-scorer', name: 'Credit default scorer' };
    await importPaths(page, [bundleFor(dir, { ...credit, version: '1.4.2' }, 'v1'), bundleFor(dir, { ...credit, version: '1.5.0' }, 'v2')]);
    await goTo(page, 'Heatmap');
    await cell(page, 'privacy').click();
    const drawer = page.getByRole('dialog', { name: 'Score Credit default scorer on Privacy' });
    const evidence = drawer.getByLabel('Evidence');
    await expect(evidence.locator('option:checked')).toHaveText('Choose a bundle…');
    await page.keyboard.press('3');
    await drawer.getByRole('button', { name: 'Save score' }).click();
    await expect(drawer.getByRole('alert')).toContainText('Choose the bundle this score rests on: 2 bundles of this model are imported');
    await expect(cell(page, 'privacy')).toHaveAttribute('data-fill', UNSCORED);
    await page.screenshot({ path: testInfo.outputPath('two-bundles-ask.png') });
    const newer = await evidence.locator('option', { hasText: 'Bundle 1.5.0' }).getAttribute('value');
    await evidence.selectOption(newer ?? '');
    await expect(drawer.getByRole('alert')).toHaveCount(0);
    await drawer.getByRole('button', { name: 'Save score' }).click();
    await expect(drawer).toBeHidden();
    await expect(cell(page, 'privacy')).toHaveAttribute('data-fill', riskColour(3, 'standard'));
  });

  test('a proposed cell starts on the proposal; "Accept this proposal" sets that cell alone and clears the stale error', async ({ app }, testInfo) => {
    const { page } = app;
    await cycleWithModel(page);
    await goTo(page, 'Heatmap');
    await cell(page, 'performance_drift').click();
    const drawer = page.getByRole('dialog', { name: /on Performance & drift/ });
    await expect(drawer.getByRole('radio', { name: '5', exact: true })).toBeChecked();
    await drawer.getByRole('radio', { name: '2', exact: true }).check();
    await drawer.getByRole('button', { name: 'Save score' }).click();
    await expect(drawer.getByRole('alert')).toContainText('proposes 5');

    await drawer.getByRole('button', { name: 'Accept this proposal' }).click();
    await expect(drawer.getByRole('status')).toHaveText("Accepted the rule's 5 for Performance & drift.");
    await expect(drawer.getByRole('alert')).toHaveCount(0);
    await expect(drawer.getByRole('radio', { name: '5', exact: true })).toBeChecked();
    await expect(drawer.getByLabel(/^Rationale/)).not.toHaveAttribute('aria-invalid', 'true');
    await expect(cell(page, 'performance_drift')).toHaveAttribute('data-fill', riskColour(5, 'standard'));
    await expect(drawer.getByRole('button', { name: 'Accept this proposal' })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('accepted-one-proposal.png') });
    // The focus stays in the drawer, on the score now saved, so Esc still closes it.
    await expect(drawer.getByRole('radio', { name: '5', exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    // Only that cell: the other dimensions are still unscored.
    await expect(cell(page, 'privacy')).toHaveAttribute('data-fill', UNSCORED);

    // The score's History: the Audit place on that cell, the rule's acceptance with its value after.
    await cell(page, 'performance_drift').click();
    await drawer.getByRole('button', { name: 'History of Credit default scorer · Performance & drift' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit · History of Credit default scorer · Performance & drift' })).toBeVisible();
    const rows = page.getByRole('table', { name: 'Audit events' }).locator('tbody > tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Score rule accepted');
    await rows.first().getByRole('button', { name: 'Changes' }).click();
    await expect(page.getByRole('table', { name: /^Changes of event/ }).getByRole('row', { name: /^value/ })).toContainText('5');
  });

  test('a filter that leaves no models says so and "Clear filters" brings them back, in the inventory and the heatmap', async ({ app }, testInfo) => {
    const { page } = app;
    await cycleWithModel(page);
    await goTo(page, 'Inventory');
    await page.getByRole('combobox', { name: 'Tier' }).selectOption('critical');
    await expect(page.getByRole('heading', { name: 'No models match these filters' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('inventory-no-matches.png') });
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByText('1 of 1 model', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Credit default scorer' })).toBeVisible();

    // The heatmap shows the models the inventory showed: the filters go along, and come back.
    await page.getByRole('combobox', { name: 'Owner' }).selectOption({ index: 1 });
    await goTo(page, 'Heatmap');
    await expect(page.getByRole('combobox', { name: 'Owner' })).not.toHaveValue('');
    await page.getByRole('combobox', { name: 'Tier' }).selectOption('low');
    await goTo(page, 'Inventory');
    await expect(page.getByRole('combobox', { name: 'Tier' })).toHaveValue('low');
    await expect(page.getByRole('heading', { name: 'No models match these filters' })).toBeVisible();
    await goTo(page, 'Heatmap');
    await expect(page.getByRole('heading', { name: 'No models match these filters' })).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(cell(page, 'privacy')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Owner' })).toHaveValue('');
  });

  test('the time slider steps one change at a time from where it stands, even before its moments have loaded', async ({ app }) => {
    const { page } = app;
    await cycleWithModel(page);
    await goTo(page, 'Heatmap');
    for (const [value, why] of [[2, 'small exposure'], [5, 'new product: full exposure']] as const) {
      await cell(page, 'customer_harm').click();
      const drawer = page.getByRole('dialog', { name: /on Customer harm/ });
      await drawer.getByRole('radio', { name: String(value), exact: true }).check();
      await drawer.getByLabel(/^Rationale/).fill(why);
      await drawer.getByRole('button', { name: 'Save score' }).click();
      await expect(drawer).toBeHidden();
    }
    const slider = page.getByLabel('Time');
    // The first key, pressed at once: one change back from now (the first score), not the cycle's first moment.
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(cell(page, 'customer_harm')).toHaveAttribute('data-fill', riskColour(2, 'standard'));
    const max = Number(await slider.getAttribute('max'));
    await expect(slider).toHaveAttribute('aria-valuetext', new RegExp(`^after change ${max} of ${max + 1}: Score set credit-default-scorer/customer_harm, `));
    await page.keyboard.press('ArrowLeft');
    await expect(cell(page, 'customer_harm')).toHaveAttribute('data-fill', UNSCORED);
    await expect(slider).toHaveAttribute('aria-valuetext', new RegExp(`^after change ${max - 1} of ${max + 1}:`));
    await page.keyboard.press('ArrowRight');
    await expect(cell(page, 'customer_harm')).toHaveAttribute('data-fill', riskColour(2, 'standard'));
    await page.keyboard.press('ArrowRight');
    await expect(slider).toHaveAttribute('aria-valuetext', 'now');
    await expect(cell(page, 'customer_harm')).toHaveAttribute('data-fill', riskColour(5, 'standard'));
  });

  test('a tooltip stays whole in the window and closes when the filters or the focus move', async ({ app }, testInfo) => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 640 });
    await cycleWithModel(page);
    await goTo(page, 'Heatmap');
    await cell(page, 'heat').hover();
    const tip = page.getByRole('tooltip');
    await expect(tip).toContainText('Credit default scorer');
    await expect(tip).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: testInfo.outputPath('heat-tooltip.png') });
    await page.getByRole('combobox', { name: 'Tier' }).selectOption('unscored');
    await expect(tip).toHaveCount(0);
    await page.getByRole('combobox', { name: 'Tier' }).selectOption('');

    await cell(page, 'privacy').focus();
    await expect(tip).toContainText('Privacy');
    await page.getByRole('combobox', { name: 'Palette' }).focus();
    await expect(tip).toHaveCount(0);
  });

  test("a decision's History opens the Audit place on that decision; its events export as CSV and canonical JSON lines", async ({ app }, testInfo) => {
    const { page } = app;
    await cycleWithModel(page);
    const session = await sessionWith(page, 'Q3 board', day(-1), ['credit-default-scorer']);
    await decide(page, session, 'credit-default-scorer', {
      outcome: 'approved',
      acknowledgement: 'The board approves while the findings are remediated.',
      acceptances: [{ risk: 'Residual drift on income', approver: 'Ada Byron', compensatingControls: 'Manual review of declines', expiry: day(20) }],
    });
    await goTo(page, 'Sessions');
    await page.getByRole('button', { name: /Q3 board/ }).first().click();
    await page.getByRole('button', { name: /^History of the decision/ }).first().click();

    await expect(page.getByRole('heading', { level: 1, name: /Audit · History of the decision/ })).toBeVisible();
    const table = page.getByRole('table', { name: 'Audit events' });
    const rows = table.locator('tbody > tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Decision recorded');
    await expect(rows.first()).toContainText('Holds');
    await rows.first().getByRole('button', { name: 'Changes' }).click();
    const changes = page.getByRole('table', { name: /^Changes of event/ });
    await expect(changes.getByRole('row', { name: /^outcome/ })).toContainText('approved');
    await page.screenshot({ path: testInfo.outputPath('decision-history.png'), fullPage: true });

    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = fs.readFileSync(await (await csvDownload).path(), 'utf8').split('\r\n');
    expect(csv[0]).toBe('seq,at,actor,action,entity,entity_id,chain,before,after,prev_hash,hash');
    expect(csv[1]).toMatch(/^\d+,\d{4}-.*,decision\.record,decision,[^,]+,holds,/);
    expect(csv).toHaveLength(3);

    const jsonDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON lines' }).click();
    const lines = fs.readFileSync(await (await jsonDownload).path(), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const event = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(event)).toEqual(['action', 'actor', 'after', 'at', 'before', 'entity', 'entity_id', 'hash', 'prev_hash', 'seq']);
    expect(event).toMatchObject({ action: 'decision.record', entity: 'decision' });

    // The whole log is one click away, and a filter that leaves nothing offers the way back.
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect(rows.filter({ hasText: 'Score' }).or(rows.filter({ hasText: 'Model created' })).first()).toBeVisible();
    await page.emulateMedia({ colorScheme: 'dark' });
    await rows.first().getByRole('button', { name: 'Changes' }).click();
    await page.screenshot({ path: testInfo.outputPath('audit-log-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('combobox', { name: 'Action' }).selectOption('decision.record');
    await page.getByLabel('From', { exact: true }).fill('2001-01-01');
    await page.getByLabel('To', { exact: true }).fill('2000-01-01');
    await expect(page.getByRole('alert')).toHaveText('To is before From: choose a period that ends on or after its start.');
    await expect(rows.first()).toContainText('Decision recorded');
    await page.getByLabel('From', { exact: true }).fill('1999-01-01');
    await expect(page.getByRole('heading', { name: 'No events match' })).toBeVisible();

    // An acceptance's History, from the register, is its decision's record.
    await goTo(page, 'Registers');
    await page.getByRole('button', { name: 'History of the acceptance of Residual drift on income (Credit default scorer)' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit · History of the acceptance of Residual drift on income (Credit default scorer)' })).toBeVisible();
    await expect(rows).toHaveCount(1);
    await rows.first().getByRole('button', { name: 'Changes' }).click();
    await expect(page.getByRole('table', { name: /^Changes of event/ }).getByRole('row', { name: /^acceptances\[1\]\.risk/ })).toContainText('Residual drift on income');
  });
});
