import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { riskColour } from '../../shared/scoring/colourScale';
import { expect, test } from './fixtures';
import { api, bundleFor, createCycleWithPeriod, day, importPaths } from './cycleSteps';
import { goTo } from './steps';

const CREDIT = { id: 'credit-default-scorer', name: 'Credit default scorer' };

const cell = (page: Page, dimension: string) => page.locator(`g.hm-cell[data-model="${CREDIT.id}"][data-column="${dimension}"]`);

interface Moments {
  events: unknown[];
}

test.describe('the heatmap’s time control across cycles', () => {
  test.skip(({ appKind }) => appKind === 'electron', 'bundle paths and the next file are typed in');

  test('the analyst walks the slider left past the start of this cycle into the previous cycle’s map, and back; without its file the control says so', async ({ app }, testInfo) => {
    test.setTimeout(120_000);
    const { page } = app;
    await createCycleWithPeriod(page, 'Q3', 'q3.mrb', day(-100), day(-2));
    await importPaths(page, [bundleFor(app.dir, CREDIT)]);
    await api(page, 'scores.set', { modelId: CREDIT.id, dimension: 'customer_harm', value: 4, rationale: 'scored for the story' });
    await api(page, 'scores.set', { modelId: CREDIT.id, dimension: 'privacy', value: 2, rationale: 'scored for the story' });

    await goTo(page, 'Overview');
    await page.getByRole('region', { name: /This cycle's period ended/ }).getByRole('button', { name: 'Start next cycle…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start the next cycle' });
    await expect(dialog.getByLabel('Name')).toHaveValue('Q4');
    await dialog.getByRole('button', { name: 'Start next cycle' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Q4' })).toBeVisible();

    // Q4 has no scores of its own yet: its map shows the model unscored.
    await goTo(page, 'Heatmap');
    await expect(cell(page, 'customer_harm')).toHaveAttribute('aria-label', /Customer harm: not scored/);
    const own = (await api<Moments>(page, 'heatmap.timeline', {})).events.length;
    const earlier = (await api<Moments & { timeline: Moments }>(page, 'heatmap.previous', {})).timeline.events.length;

    const slider = page.getByLabel('Time');
    await slider.focus();
    // Both cycles' moments are on the slider once they have loaded.
    await expect(slider).toHaveAttribute('max', String(earlier + own - 1));
    for (let i = 0; i < own - 1; i += 1) await page.keyboard.press('ArrowLeft');
    // The start of this cycle: still Q4, still unscored.
    await expect(slider).toHaveAttribute('aria-valuetext', new RegExp(`^after change 1 of ${own}: `));
    await expect(page.getByRole('status').filter({ hasText: 'rebuilt from the audit log' })).not.toContainText('previous cycle');
    await expect(cell(page, 'customer_harm')).toHaveAttribute('aria-label', /Customer harm: not scored/);

    // One more step left: Q3 as it ended, read only, named as the previous cycle, with its scores.
    await page.keyboard.press('ArrowLeft');
    await expect(slider).toHaveAttribute('aria-valuetext', new RegExp(`^Q3, previous cycle: after change ${earlier} of ${earlier}: `));
    const banner = page.getByRole('status').filter({ hasText: 'rebuilt from the audit log' });
    await expect(banner).toContainText('Q3, the previous cycle, read from its file.');
    await expect(banner).toContainText('read only');
    await expect(page.locator('.time-label')).toContainText('Q3 · previous cycle');
    await expect(cell(page, 'customer_harm')).toHaveAttribute('aria-label', /^Credit default scorer, Customer harm: 4, /);
    await expect(cell(page, 'customer_harm')).toHaveAttribute('data-fill', riskColour(4, 'standard'));
    await expect(cell(page, 'privacy')).toHaveAttribute('data-fill', riskColour(2, 'standard'));
    await page.screenshot({ path: testInfo.outputPath('previous-cycle-map.png') });

    // And back: one step right is Q4's start again; Back to now returns to the live map.
    await page.keyboard.press('ArrowRight');
    await expect(slider).toHaveAttribute('aria-valuetext', new RegExp(`^after change 1 of ${own}: `));
    await expect(banner).not.toContainText('previous cycle');
    await expect(cell(page, 'customer_harm')).toHaveAttribute('aria-label', /Customer harm: not scored/);
    await page.getByRole('button', { name: 'Back to now' }).click();
    await expect(slider).toHaveAttribute('aria-valuetext', 'now');

    // Q3's file moved away: the control says so in words, and the slider stops at this cycle's start.
    fs.renameSync(path.join(app.dir, 'q3.mrb'), path.join(app.dir, 'q3-archived.mrb'));
    await goTo(page, 'Overview');
    await goTo(page, 'Heatmap');
    await expect(page.getByText('Q3, the previous cycle, cannot be stepped into: its file q3.mrb is not beside this workspace.')).toBeVisible();
    await slider.focus();
    await expect(slider).toHaveAttribute('max', String(own - 1));
    await page.screenshot({ path: testInfo.outputPath('previous-cycle-missing.png') });
  });
});
