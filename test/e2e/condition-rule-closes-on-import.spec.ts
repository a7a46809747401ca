import { expect, test } from './fixtures';
import { api, bundleFor, createCycleWithPeriod, day, importPaths, sessionWith } from './cycleSteps';
import { goTo } from './steps';

const CREDIT = { id: 'credit-default-scorer', name: 'Credit default scorer' };

test.describe('a condition that checks itself', () => {
  test.skip(({ appKind }) => appKind === 'electron', 'bundle paths are typed in');

  test('the board sets metric rules on conditions; the next bundle meets one, which closes with the value seen, and misses the other, which becomes a high finding', async ({ app }, testInfo) => {
    test.setTimeout(120_000);
    const { page } = app;
    await createCycleWithPeriod(page, 'Q4', 'q4.mrb', day(-30), day(60));
    await importPaths(page, [bundleFor(app.dir, CREDIT)]);
    await api(page, 'scores.set', { modelId: CREDIT.id, dimension: 'customer_harm', value: 4, rationale: 'scored for the story' });
    await sessionWith(page, 'Q4 board', day(0), [CREDIT.id]);

    await goTo(page, 'Sessions');
    await page.getByRole('button', { name: 'Q4 board' }).click();
    await page.getByRole('button', { name: 'Start chairing' }).click();
    // The key acts on the item under discussion, so the chair waits until it is on screen.
    await expect(page.getByRole('region', { name: /^Current item/ }).getByRole('heading', { name: 'Credit default scorer' })).toBeVisible();
    await page.keyboard.press('c');
    const drawer = page.getByRole('dialog', { name: 'Decision on Credit default scorer' });
    await drawer.getByLabel('Rationale').fill('Approved while the discrimination is confirmed on fresh data.');
    // One dimension scored and the bundle's high findings open: the approval carries the chair's acknowledgement.
    await drawer.getByRole('textbox', { name: "Chair's acknowledgement" }).fill('The conditions check the open findings on the next bundle.');
    for (const who of ['Ada Byron', 'Ben Okafor', 'Chen Li']) await drawer.getByRole('radio', { name: `${who}: For` }).check();
    const condition = drawer.getByRole('group', { name: 'Condition 1' });
    await condition.getByLabel('Condition', { exact: true }).fill('Confirm the ROC AUC on the next quarter of data');
    await condition.getByLabel('Due').fill(day(45));

    // A rule over a metric the validation does not produce is refused at its field.
    await condition.getByLabel('Metric rule').fill('overall.roc_acu >= 0.8');
    await drawer.getByRole('button', { name: 'Record decision' }).click();
    await expect(condition.getByLabel('Metric rule')).toHaveAttribute('aria-invalid', 'true');
    await expect(condition).toContainText('"overall.roc_acu" is not a metric the validation produces');
    await condition.getByLabel('Metric rule').fill('overall.roc_auc >= 0.8');
    await drawer.getByRole('button', { name: 'Add condition' }).click();
    const second = drawer.getByRole('group', { name: 'Condition 2' });
    await second.getByLabel('Condition', { exact: true }).fill('Bring the drift on income under control');
    await second.getByLabel('Due').fill(day(45));
    await second.getByLabel('Metric rule').fill('drift.psi_max < 0.2');
    await drawer.getByRole('button', { name: 'Record decision' }).click();
    await expect(drawer).toBeHidden();
    await page.getByRole('button', { name: 'Stop chairing' }).click();

    await goTo(page, 'Registers');
    const actions = page.getByRole('table', { name: 'Action register' });
    const row = actions.getByRole('row', { name: /Confirm the ROC AUC on the next quarter of data/ });
    await expect(row).toContainText('Rule overall.roc_auc >= 0.8');
    await expect(row).toContainText("checked when the model's next bundle is imported");

    // The next bundle of the model: the rule is evaluated on import and the condition closes.
    await importPaths(page, [bundleFor(app.dir, { ...CREDIT, version: '1.5.0' }, 'credit-1.5.0')]);
    await goTo(page, 'Registers');
    await expect(row).toContainText('Done');
    await expect(row).toContainText('Rule overall.roc_auc >= 0.8 · met');
    await expect(row).toContainText(/overall\.roc_auc = 0\.8\d/);
    const missed = actions.getByRole('row', { name: /Bring the drift on income under control/ });
    await expect(missed).toContainText('Open');
    await expect(missed).toContainText(/Rule drift\.psi_max < 0\.2 · not met: .*drift\.psi_max = 0\.6\d/);
    await page.getByRole('tab', { name: 'Findings' }).click();
    await expect(page.getByRole('table', { name: 'Findings register' }).getByRole('row', { name: /Condition not met: "Bring the drift on income under control"/ })).toContainText('High');
    await page.screenshot({ path: testInfo.outputPath('condition-rule-met.png'), fullPage: true });
  });
});
