import type { Page } from '@playwright/test';
import { PALETTES, riskColour } from '../../shared/scoring/colourScale';
import { expect, test } from './fixtures';
import { api, bundleFor, importPaths } from './cycleSteps';
import { createCycle, goTo, importBundles } from './steps';

/**
 * A cycle with the example bundle imported: one model, whose drift and fairness make rules
 * propose 5, and whose open high finding puts it at least in High before anything is scored.
 */
async function cycleWithModel(page: Page): Promise<void> {
  await createCycle(page);
  await importBundles(page);
  await goTo(page, 'Heatmap');
}

const cell = (page: Page, dimension: string) => page.locator(`g.hm-cell[data-model="credit-default-scorer"][data-column="${dimension}"]`);
const tierWord = (page: Page) => page.locator('g.hm-row text.hm-tier-word').first();
const coverage = (page: Page) => page.locator('g.hm-row text.hm-coverage').first();

test.describe('the heatmap', () => {
  test.skip(({ appKind }) => appKind === 'electron', 'the desktop app picks bundles with the native dialog');

  test('the analyst scores a cell with the keyboard and sees its colour and the tier change', async ({ app }) => {
    const { page } = app;
    await cycleWithModel(page);
    // Nothing scored yet: the open high finding is the floor, so the tier reads High.
    await expect(tierWord(page)).toHaveText('High');
    await cell(page, 'performance_drift').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect(cell(page, 'privacy')).toBeFocused();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Score Credit default scorer on Privacy' });
    await expect(drawer).toBeVisible();
    await page.keyboard.press('4');
    await drawer.getByLabel(/^Rationale/).fill('Customer PII in three features');
    await page.keyboard.press('Control+Enter');
    await expect(drawer).toBeHidden();
    await expect(cell(page, 'privacy')).toHaveAttribute('data-fill', riskColour(4, 'standard'));
    await expect(cell(page, 'privacy')).toBeFocused();
    await expect(cell(page, 'privacy')).toHaveAttribute('aria-label', 'Credit default scorer, Privacy: 4, high');
    // One dimension of eleven is too few for the heat to count: the floor still decides.
    await expect(tierWord(page)).toHaveText('High');
    await expect(coverage(page)).toHaveText('1/11');

    // Scoring on to 8 of 11 (73%, above the 70% minimum) lets the heat of 4 decide: Critical.
    for (const dimension of ['customer_harm', 'regulatory_exposure', 'operational_cost', 'explainability', 'monitoring_readiness', 'data_quality', 'robustness']) {
      await cell(page, dimension).focus();
      await page.keyboard.press('Enter');
      const next = page.getByRole('dialog', { name: /^Score Credit default scorer on / });
      await expect(next).toBeVisible();
      await page.keyboard.press('4');
      await next.getByLabel(/^Rationale/).fill('Scored in the review meeting');
      await page.keyboard.press('Control+Enter');
      await expect(next).toBeHidden();
      await expect(cell(page, dimension)).toHaveAttribute('data-fill', riskColour(4, 'standard'));
    }
    await expect(coverage(page)).toHaveText('8/11');
    await expect(tierWord(page)).toHaveText('Critical');
    await expect(cell(page, 'privacy')).toHaveAttribute('aria-label', 'Credit default scorer, Privacy: 4, critical');
  });

  test('overriding a rule proposal without a rationale is refused at the field; accepting the proposals is one action', async ({ app }) => {
    const { page } = app;
    await cycleWithModel(page);
    await cell(page, 'performance_drift').click();
    const drawer = page.getByRole('dialog', { name: /on Performance & drift/ });
    await expect(drawer.getByText('drift.psi_max >= 0.25 -> 5')).toBeVisible();
    await drawer.getByRole('radio', { name: '2' }).check();
    await drawer.getByRole('button', { name: 'Save score' }).click();
    await expect(drawer.getByRole('alert')).toContainText('proposes 5 for Performance & drift of Credit default scorer');
    await expect(drawer.getByLabel(/^Rationale/)).toHaveAttribute('aria-invalid', 'true');
    await expect(cell(page, 'performance_drift')).toHaveAttribute('data-fill', '#d4d4d4');

    await drawer.getByRole('button', { name: /Accept all rule proposals/ }).click();
    await expect(drawer.getByRole('status')).toContainText('Accepted 2 rule scores: Performance & drift 5, Fairness & bias 5.');
    await expect(cell(page, 'performance_drift')).toHaveAttribute('data-fill', riskColour(5, 'standard'));
    await expect(cell(page, 'fairness_bias')).toHaveAttribute('data-fill', riskColour(5, 'standard'));
  });

  test('a score saved in one page recolours the cell in another within a second; the time control shows the earlier colour', async ({ app }) => {
    const { page } = app;
    await cycleWithModel(page);
    const other = await app.openAnotherPage();
    await other.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Heatmap' }).click();
    await expect(cell(other, 'customer_harm')).toHaveAttribute('data-fill', '#d4d4d4');

    for (const [value, why] of [[2, 'small exposure'], [5, 'new product: full exposure']] as const) {
      await cell(page, 'customer_harm').click();
      const drawer = page.getByRole('dialog', { name: /on Customer harm/ });
      await drawer.getByRole('radio', { name: String(value) }).check();
      await drawer.getByLabel(/^Rationale/).fill(why);
      await drawer.getByRole('button', { name: 'Save score' }).click();
      await expect(drawer).toBeHidden();
      await expect(cell(other, 'customer_harm')).toHaveAttribute('data-fill', riskColour(value, 'standard'), { timeout: 1000 });
    }

    // One step back from now: the map after the first score, read only.
    const slider = other.getByLabel('Time');
    await slider.focus();
    // The moments load when the control is reached for; step once they are there.
    await expect(slider).toHaveAttribute('aria-valuetext', 'now');
    await expect.poll(async () => Number(await slider.getAttribute('max'))).toBeGreaterThan(2);
    await other.keyboard.press('ArrowLeft');
    await expect(other.getByText(/rebuilt from the audit log .* read only/)).toBeVisible();
    await expect(cell(other, 'customer_harm')).toHaveAttribute('data-fill', riskColour(2, 'standard'));
    await other.getByRole('button', { name: 'Back to now' }).click();
    await expect(cell(other, 'customer_harm')).toHaveAttribute('data-fill', riskColour(5, 'standard'));
  });

  test('a frame that comes late after a drawer closes leaves the focus in the next drawer', async ({ app }) => {
    const { page } = app;
    // A busy machine paints late: here every animation frame comes 300 ms after it is asked for.
    await page.addInitScript(() => {
      window.requestAnimationFrame = (callback) => window.setTimeout(() => callback(performance.now()), 300);
    });
    await page.reload();
    await cycleWithModel(page);
    await cell(page, 'privacy').focus();
    await page.keyboard.press('Enter');
    const first = page.getByRole('dialog', { name: 'Score Credit default scorer on Privacy' });
    await expect(first).toBeVisible();
    await page.keyboard.press('3');
    await page.keyboard.press('Control+Enter');
    await expect(first).toBeHidden();
    // At once, before the frame that gives the focus back to the map: the next cell's drawer.
    await cell(page, 'explainability').focus();
    await page.keyboard.press('Enter');
    const next = page.getByRole('dialog', { name: 'Score Credit default scorer on Explainability & transparency' });
    await expect(next).toBeVisible();
    // The closed drawer's frame is due by now; the keys still go to the open drawer.
    await page.waitForTimeout(400);
    await page.keyboard.press('2');
    await expect(next.getByRole('radio', { name: '2' })).toBeChecked();
    await expect(next.locator(':focus')).toHaveCount(1);
  });

  test('the colour-vision-safe palette recolours the map and is remembered', async ({ app }) => {
    const { page } = app;
    await cycleWithModel(page);
    // Privacy has no evidence rule, so a score of 3 needs no rationale.
    await cell(page, 'privacy').click();
    const drawer = page.getByRole('dialog', { name: /on Privacy/ });
    await drawer.getByRole('radio', { name: '3' }).check();
    await drawer.getByRole('button', { name: 'Save score' }).click();
    await expect(cell(page, 'privacy')).toHaveAttribute('data-fill', riskColour(3, 'standard'));
    await page.getByRole('combobox', { name: 'Palette' }).selectOption({ label: PALETTES.colourVisionSafe.label });
    await expect(cell(page, 'privacy')).toHaveAttribute('data-fill', riskColour(3, 'colourVisionSafe'));
    await page.reload();
    await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Heatmap' }).click();
    await expect(cell(page, 'privacy')).toHaveAttribute('data-fill', riskColour(3, 'colourVisionSafe'));
    await page.getByRole('button', { name: 'Matrix' }).click();
    await expect(page.getByText('1 model has no place yet: a likelihood and an impact dimension must both be scored.')).toBeVisible();
  });

  test('live updates redraw the changed and moved rows only, and leave the map as a fresh one draws it', async ({ app }) => {
    const { page } = app;
    await createCycle(page);
    // Four models, ranked by the heat of their scores: 4, 3, 2, 1.
    const models = ['alpha', 'bravo', 'charlie', 'delta'];
    await importPaths(page, models.map((id) => bundleFor(app.dir, { id, name: `Model ${id}` })));
    const score = (modelId: string, dimension: string, value: number) => api(page, 'scores.set', { modelId, dimension, value, rationale: 'scored in the story' });
    const dimensions = ['customer_harm', 'regulatory_exposure', 'operational_cost', 'explainability', 'monitoring_readiness', 'data_quality', 'robustness', 'privacy'];
    for (const [i, id] of models.entries()) for (const dimension of dimensions) await score(id, dimension, 4 - i);
    await goTo(page, 'Heatmap');
    const order = () => page.locator('g.hm-row').evaluateAll((rows) =>
      rows
        .map((r) => ({ model: r.querySelector('g.hm-cell')?.getAttribute('data-model'), y: Number(/translate\(0 (\d+)\)/.exec(r.getAttribute('transform') ?? '')?.[1]) }))
        .sort((a, b) => a.y - b.y)
        .map((r) => r.model),
    );
    await expect.poll(order).toEqual(models);
    // Which rows the page changes from here on.
    await page.evaluate(() => {
      const touched = new Set<string>();
      (window as unknown as { touched: Set<string> }).touched = touched;
      new MutationObserver((records) => {
        for (const m of records) {
          const row = (m.target as Element).closest?.('g.hm-row') ?? (m.target.parentElement?.closest('g.hm-row') as Element | null);
          const model = row?.querySelector('g.hm-cell')?.getAttribute('data-model');
          if (model) touched.add(model);
        }
      }).observe(document.querySelector('g.hm-row')?.parentElement as Element, { subtree: true, attributes: true, childList: true, characterData: true });
    });
    const touched = () => page.evaluate(() => [...(window as unknown as { touched: Set<string> }).touched].sort());

    // The first model scored higher on one dimension: it stays first, and no other row is touched.
    await score('alpha', 'privacy', 5);
    await expect(page.locator('g.hm-cell[data-model="alpha"][data-column="privacy"]')).toHaveAttribute('data-fill', riskColour(5, 'standard'));
    expect(await order()).toEqual(models);
    expect(await touched()).toEqual(['alpha']);

    // The last one scored 5 everywhere: it moves to the top and the three others move down a place.
    for (const dimension of dimensions) await score('delta', dimension, 5);
    await expect(page.locator('g.hm-cell[data-model="delta"][data-column="privacy"]')).toHaveAttribute('data-fill', riskColour(5, 'standard'));
    await expect.poll(order).toEqual(['delta', 'alpha', 'bravo', 'charlie']);

    // Every row as drawn by the updates is the row a fresh map draws.
    const drawn = () =>
      page.locator('g.hm-row').evaluateAll((rows) =>
        rows
          .map((r) => ({
            transform: r.getAttribute('transform'),
            rowIndex: r.getAttribute('aria-rowindex'),
            top: r.classList.contains('hm-top'),
            tier: r.querySelector('text.hm-tier-word')?.textContent,
            coverage: r.querySelector('text.hm-coverage')?.textContent,
            cells: [...r.querySelectorAll('g.hm-cell')].map((c) => [c.getAttribute('data-column'), c.getAttribute('data-fill'), c.getAttribute('aria-label'), c.getAttribute('tabindex'), c.querySelector('text.hm-value')?.textContent]),
          }))
          .sort((a, b) => String(a.transform).localeCompare(String(b.transform))),
      );
    // After the transitions (240 ms) the fills are the final ones.
    await page.waitForTimeout(400);
    const live = await drawn();
    await page.reload();
    await expect(page.locator('g.hm-row')).toHaveCount(4);
    await page.waitForTimeout(400);
    expect(await drawn()).toEqual(live);
  });
});
