import { expect, test } from './fixtures';
import { createCycle, goTo, importBundles } from './steps';

test.describe('the person using the app', () => {
  test.skip(({ appKind }) => appKind === 'electron', 'bundle paths are typed in');

  test('nobody is chosen at first; the secretary chooses herself in the top bar, and her score is recorded under her name', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await createCycle(page);
    await importBundles(page);

    // Before anyone is chosen the top bar says so, and the chooser sends an empty roster to Settings.
    const you = page.getByRole('banner').getByRole('button', { name: /^You:/ });
    await expect(you).toHaveText('You: not chosen');
    await you.click();
    const chooser = page.getByRole('dialog', { name: 'Who is using the app' });
    await expect(chooser).toContainText('Changes made here are recorded as');
    await expect(chooser).toContainText('the computer account');
    await expect(chooser).toContainText('Nobody is on the roster of this cycle yet.');
    await chooser.getByRole('button', { name: 'Add people to the roster' }).click();
    await expect(chooser).toBeHidden();

    const rosterForm = page.getByRole('form', { name: 'Add to the roster' });
    await rosterForm.getByLabel('Name').fill('Dana Ruiz');
    await rosterForm.getByLabel('E-mail').fill('d.ruiz@bank.example');
    await rosterForm.getByLabel('Role').selectOption({ label: 'Secretary' });
    await rosterForm.getByRole('button', { name: 'Add to the roster' }).click();
    await expect(page.getByRole('table', { name: 'Roster' })).toContainText('d.ruiz@bank.example');

    await you.click();
    await expect(chooser.getByLabel('I am')).toBeFocused();
    await chooser.getByLabel('I am').selectOption({ label: 'Dana Ruiz (Secretary), d.ruiz@bank.example' });
    await page.screenshot({ path: test.info().outputPath('chooser-open.png'), clip: { x: 280, y: 0, width: 1000, height: 300 } });
    await chooser.getByRole('button', { name: 'Choose' }).click();
    await expect(chooser).toBeHidden();
    await expect(you).toHaveText('You: Dana Ruiz · Secretary');
    await expect(you).toBeFocused();
    await expect(page.getByRole('table', { name: 'Roster' }).getByRole('row', { name: /Dana Ruiz/ })).toContainText('(you)');

    // The choice belongs to this machine: a reload keeps it.
    await page.reload();
    await expect(you).toHaveText('You: Dana Ruiz · Secretary');
    await page.getByRole('banner').screenshot({ path: test.info().outputPath('top-bar-chosen.png') });

    await goTo(page, 'Heatmap');
    const privacy = page.locator('g.hm-cell[data-model="credit-default-scorer"][data-column="privacy"]');
    await privacy.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Score Credit default scorer on Privacy' });
    await expect(drawer).toBeVisible();
    await page.keyboard.press('4');
    await drawer.getByLabel(/^Rationale/).fill('Customer PII in three features');
    await page.keyboard.press('Control+Enter');
    await expect(drawer).toBeHidden();

    // The Audit place names her on the score; what came before the choice names the computer account.
    await goTo(page, 'Audit');
    const events = page.getByRole('table', { name: 'Audit events' });
    const scored = events.getByRole('row').filter({ hasText: 'Score set' });
    await expect(scored).toHaveCount(1);
    await expect(scored).toContainText('Dana Ruiz <d.ruiz@bank.example>');
    const added = events.getByRole('row').filter({ hasText: 'Person added' });
    await expect(added).toHaveCount(1);
    await expect(added).not.toContainText('Dana Ruiz <');
    await page.getByLabel('Person').selectOption({ label: 'Dana Ruiz <d.ruiz@bank.example>' });
    await expect(events.getByRole('row').filter({ hasText: 'Score set' })).toHaveCount(1);
    await expect(events.getByRole('row').filter({ hasText: 'Person added' })).toHaveCount(0);
  });
});
