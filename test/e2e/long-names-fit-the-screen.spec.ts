import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCycle, EXAMPLE_BUNDLE, goTo, importBundles } from './steps';

const LONG_NAME = 'Retail credit line increase propensity and affordability gradient boosted ensemble with adverse action reason codes v2.1';

/** A copy of the example bundle whose model has a 120-character name. */
function longNamedBundle(dir: string): string {
  const to = path.join(dir, 'long-named-bundle');
  fs.cpSync(EXAMPLE_BUNDLE, to, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(to, 'bundle.json'), 'utf8')) as { model: { id: string; name: string } };
  manifest.model.id = 'long-named-model';
  manifest.model.name = LONG_NAME;
  fs.writeFileSync(path.join(to, 'bundle.json'), JSON.stringify(manifest, null, 2));
  return to;
}

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

/** No part of the page is wider than the window: nothing is cut off on the right. */
async function expectNoHorizontalOverflow(page: Page, place: string) {
  const { scroll, client, widest } = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // The element reaching furthest right, so a failure names what pushed the page wider.
    let widest = '';
    let right = client;
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect().right;
      if (r > right) {
        right = r;
        widest = `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${(el.textContent ?? '').slice(0, 40)}" ends at ${Math.round(r)} px`;
      }
    }
    return { scroll: document.documentElement.scrollWidth, client, widest };
  });
  expect(scroll, `${place}: ${widest}`).toBeLessThanOrEqual(client);
}

test.describe('long model names', () => {
  test.skip(({ appKind }) => appKind === 'electron', 'the desktop app picks bundles with the native dialog');

  test('a 120-character name stays in its column in the inventory, the heatmap and the drawer', async ({ app }, testInfo) => {
    const { page } = app;
    expect(LONG_NAME).toHaveLength(120);
    const violations: string[] = [];
    await page.exposeFunction('mrbCspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { mrbCspViolation(v: string): void }).mrbCspViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.reload();
    await createCycle(page);
    await importBundles(page, [EXAMPLE_BUNDLE, longNamedBundle(app.dir)]);

    await goTo(page, 'Inventory');
    const table = page.locator('.table-scroll');
    const nameCell = page.getByRole('button', { name: LONG_NAME });
    await expect(nameCell).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('inventory-1440.png') });
    await expectNoHorizontalOverflow(page, 'Inventory');
    // Every column of the inventory is in view at 1440 px: the last one ends inside the table's box.
    const lastHeader = page.getByRole('columnheader', { name: 'Open findings' });
    expect((await box(lastHeader)).x + (await box(lastHeader)).width).toBeLessThanOrEqual((await box(table)).x + (await box(table)).width);
    // The name is cut with an ellipsis inside its column and the whole name is on hover.
    expect((await box(nameCell)).width).toBeLessThanOrEqual(360);
    await expect(nameCell).toHaveAttribute('title', LONG_NAME);

    await nameCell.click();
    const drawer = page.getByRole('dialog', { name: LONG_NAME });
    await expect(drawer).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('inventory-drawer.png') });
    // The drawer is on top: the inventory's sticky header does not paint over it.
    const drawerBox = await box(drawer);
    // Probed where the table's sticky header row lies under the drawer.
    const header = await box(page.locator('.table-scroll thead'));
    const probe = { x: drawerBox.x + 40, y: header.y + header.height / 2 };
    expect(probe.x).toBeLessThan(header.x + header.width);
    const topmost = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[role="dialog"]') !== null, probe);
    expect(topmost).toBe(true);
    const title = drawer.getByRole('heading', { name: LONG_NAME });
    expect((await box(title)).x + (await box(title)).width).toBeLessThanOrEqual(drawerBox.x + drawerBox.width);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    await goTo(page, 'Heatmap');
    const longRow = page.locator('g.hm-row', { has: page.locator('g.hm-cell[data-model="long-named-model"]') });
    const name = longRow.locator('text.hm-name');
    const chip = longRow.locator('rect.hm-tier');
    await expect(name).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('heatmap.png') });
    // The name ends before the tier chip begins, and says in full who it is on hover.
    expect((await box(name)).x + (await box(name)).width).toBeLessThan((await box(chip)).x);
    await expect(longRow.locator('text.hm-name title')).toHaveText(LONG_NAME);
    await expectNoHorizontalOverflow(page, 'Heatmap');

    // The pages draw without inline <style> or style="" strings: style-src needs no 'unsafe-inline'.
    // (zod probes for eval once and catches the refusal; that is script-src, and refused as it should be.)
    expect(violations.filter((v) => v.startsWith('style-src'))).toEqual([]);
  });

  test('a drawer keeps the keyboard inside while open and gives the focus back to the row that opened it', async ({ app }, testInfo) => {
    const { page } = app;
    await createCycle(page);
    await importBundles(page, [EXAMPLE_BUNDLE, longNamedBundle(app.dir)]);
    await goTo(page, 'Inventory');
    await expect(page.getByRole('status').filter({ hasText: '2 of 2 models' })).toBeVisible();
    const opener = page.getByRole('button', { name: LONG_NAME });
    await opener.focus();
    await expect(opener).toBeFocused();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: LONG_NAME });
    await expect(drawer.getByRole('button', { name: 'Close' })).toBeFocused();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      expect(await drawer.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await drawer.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await expect(opener).toBeFocused();

    // The bundle report opened from the drawer holds the focus too, and Close comes back to it.
    await page.keyboard.press('Enter');
    await drawer.getByRole('button', { name: 'Open report' }).click();
    const report = page.getByRole('dialog', { name: 'Bundle report' });
    await expect(report.getByRole('button', { name: 'Close the report' })).toBeFocused();
    // The claims table stays inside the drawer: a wide one scrolls in its own box, nothing is cut at the edge.
    const reportBox = await box(report);
    const claims = report.getByRole('table', { name: 'Claims' });
    const claimsBox = await box(claims.locator('xpath=..'));
    expect(claimsBox.x + claimsBox.width).toBeLessThanOrEqual(reportBox.x + reportBox.width);
    expect(await report.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
    await claims.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('bundle-report.png') });
    await page.keyboard.press('Shift+Tab');
    expect(await report.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');

    // The heatmap's scoring drawer keeps Tab inside too, and Esc gives the focus back to its cell.
    await goTo(page, 'Heatmap');
    const cell = page.locator('g.hm-cell[data-model="long-named-model"][data-column="privacy"]');
    await cell.focus();
    await page.keyboard.press('Enter');
    const scoring = page.getByRole('dialog', { name: /^Score Retail credit line/ });
    await expect(scoring).toBeVisible();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      expect(await scoring.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(scoring).toBeHidden();
    await expect(cell).toBeFocused();
  });

  test('at 200% zoom the rail becomes a row of places and the page keeps the window width', async ({ app }, testInfo) => {
    const { page } = app;
    await createCycle(page);
    await importBundles(page, [EXAMPLE_BUNDLE, longNamedBundle(app.dir)]);
    // A 1440 × 900 screen at 200% zoom is a 720 × 450 CSS-pixel window.
    await page.setViewportSize({ width: 720, height: 450 });
    for (const place of ['Overview', 'Inventory', 'Heatmap', 'Evidence', 'Settings']) {
      await goTo(page, place);
      await expectNoHorizontalOverflow(page, place);
      const main = await box(page.getByRole('main'));
      expect(main.width).toBeGreaterThan(680);
    }
    await goTo(page, 'Inventory');
    await page.screenshot({ path: testInfo.outputPath('zoom-200.png') });
    const rail = await box(page.getByRole('navigation', { name: 'Places' }));
    expect(rail.height).toBeLessThan(100);
  });
});
