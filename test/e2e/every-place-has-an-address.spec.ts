import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { api, sessionWith, day } from './cycleSteps';
import { createCycle, goTo, importBundles } from './steps';

const CREDIT = 'credit-default-scorer';

const hashOf = (page: Page) => new URL(page.url()).hash;

/** The page's own address as `mrb serve` printed it (token in the query), with a hash after it. */
async function linkTo(page: Page, hash: string): Promise<string> {
  const token = await page.evaluate(() => sessionStorage.getItem('mrb.token'));
  const url = new URL(page.url());
  return `${url.origin}${url.pathname}?token=${token ?? ''}${hash}`;
}

test.describe('every place has an address', () => {
  test.skip(({ appKind }) => appKind === 'electron', 'addresses are typed and links opened in a browser tab');

  test('a filtered inventory survives reload; Back and Forward walk the places the analyst visited', async ({ app }) => {
    const { page } = app;
    await createCycle(page);
    await importBundles(page);
    expect(hashOf(page)).toBe('#/evidence');

    await goTo(page, 'Inventory');
    await page.getByRole('searchbox', { name: 'Search models' }).fill('credit');
    await expect(page.getByRole('status').filter({ hasText: '1 of 1 model' })).toBeVisible();
    expect(hashOf(page)).toBe('#/inventory?q=credit');
    await page.getByRole('combobox', { name: 'Region' }).selectOption('EU');
    await page.getByRole('searchbox', { name: 'Search models' }).fill('fraud');
    await expect(page.getByRole('status').filter({ hasText: '0 of 1 model' })).toBeVisible();
    expect(hashOf(page)).toBe('#/inventory?region=EU&q=fraud');

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Inventory', level: 1 })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Region' })).toHaveValue('EU');
    await expect(page.getByRole('searchbox', { name: 'Search models' })).toHaveValue('fraud');
    await expect(page.getByRole('status').filter({ hasText: '0 of 1 model' })).toBeVisible();

    // The rail carries the five model filters from the inventory to the heatmap (not the search).
    await goTo(page, 'Heatmap');
    await page.getByRole('button', { name: 'Matrix' }).click();
    await expect(page.getByRole('combobox', { name: 'Region' })).toHaveValue('EU');
    expect(hashOf(page)).toBe('#/matrix?region=EU');
    await goTo(page, 'Registers');
    await page.getByRole('tab', { name: 'Findings' }).click();
    expect(hashOf(page)).toBe('#/registers?tab=findings');
    await page.getByRole('combobox', { name: 'Severity' }).selectOption('high');
    expect(hashOf(page)).toBe('#/registers?tab=findings&severity=high');
    await page.reload();
    await expect(page.getByRole('tab', { name: 'Findings' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('combobox', { name: 'Severity' })).toHaveValue('high');

    // Filters and tabs replaced the address in place: Back steps over places, not over every filter tried.
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Heatmap', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Matrix' })).toHaveAttribute('aria-pressed', 'true');
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Inventory', level: 1 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: '0 of 1 model' })).toBeVisible();
    await page.goForward();
    await page.goForward();
    await expect(page.getByRole('tab', { name: 'Findings' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Registers' })).toHaveAttribute('aria-current', 'page');
  });

  test('a link into a meeting being chaired opens the meeting, and a reload stays in it; Back and Forward step between chairing and the session page', async ({ app, browser }) => {
    const { page } = app;
    await createCycle(page);
    await importBundles(page);
    const detail = await sessionWith(page, 'Q3 board', day(0), [CREDIT]);
    await api(page, 'sessions.current', { sessionId: detail.session.id, itemId: detail.items[0]?.id });
    const link = await linkTo(page, `#/sessions/${detail.session.id}/chair`);

    const other = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await other.goto(link);
    const current = other.getByRole('region', { name: 'Current item: Credit default scorer' });
    await expect(current).toBeVisible();
    // The token left the visible address; the hash stayed.
    expect(new URL(other.url()).search).toBe('');
    expect(hashOf(other)).toBe(`#/sessions/${detail.session.id}/chair`);

    await other.reload();
    await expect(current).toBeVisible();
    await other.getByRole('button', { name: 'Stop chairing' }).click();
    await expect(other.getByRole('heading', { name: /^Session 1: Q3 board/ })).toBeVisible();
    expect(hashOf(other)).toBe(`#/sessions/${detail.session.id}`);
    await other.goBack();
    await expect(current).toBeVisible();
    await other.goForward();
    await expect(other.getByRole('button', { name: 'Start chairing' })).toBeVisible();
    await other.context().close();
  });

  test('a link to a model opens its drawer over the inventory; the palette finds it by name; an unknown address lands on the Overview with a notice', async ({ app }, testInfo) => {
    const { page } = app;
    await createCycle(page);
    await importBundles(page);

    await page.goto(await linkTo(page, `#/models/${CREDIT}`));
    await expect(page.getByRole('dialog', { name: 'Model Credit default scorer' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Inventory' })).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Model Credit default scorer' })).toHaveCount(0);
    expect(hashOf(page)).toBe('#/inventory');

    await goTo(page, 'Overview');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command' }).fill('credit');
    await expect(page.getByRole('option', { name: 'Model: Credit default scorer' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('palette-finds-a-model.png') });
    await page.getByRole('option', { name: 'Model: Credit default scorer' }).click();
    await expect(page.getByRole('dialog', { name: 'Model Credit default scorer' })).toBeVisible();
    expect(hashOf(page)).toBe(`#/models/${CREDIT}`);

    await page.goto(await linkTo(page, '#/nowhere/at/all'));
    await expect(page.getByRole('status').filter({ hasText: 'No place is at the address #/nowhere/at/all; here is the Overview.' })).toBeVisible();
    expect(hashOf(page)).toBe('#/overview');
    await page.screenshot({ path: testInfo.outputPath('unknown-address.png') });
  });
});
