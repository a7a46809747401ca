import { expect, test } from './fixtures';
import { api, bundleFor, createCycleWithPeriod, day, decide, importPaths, sessionWith } from './cycleSteps';
import { goTo } from './steps';

const CREDIT = { id: 'credit-default-scorer', name: 'Credit default scorer' };
const FRAUD = { id: 'fraud-alert-ranker', name: 'Fraud alert ranker' };

test.describe('cycles that follow one another', () => {
  test.skip(({ appKind }) => appKind === 'electron', 'bundle paths and the next file are typed in');

  test('the board starts the next cycle from one whose period has ended; the Overview shows the carried acceptance expiring and the models due', async ({ app }, testInfo) => {
    test.setTimeout(120_000);
    const { page } = app;
    await createCycleWithPeriod(page, 'Q3', 'q3.mrb', day(-100), day(-2));
    await importPaths(page, [bundleFor(app.dir, CREDIT), bundleFor(app.dir, FRAUD)]);
    for (const m of [CREDIT, FRAUD]) {
      for (const dimension of ['customer_harm', 'privacy']) await api(page, 'scores.set', { modelId: m.id, dimension, value: m === CREDIT ? 4 : 2, rationale: 'scored for the story' });
    }
    // Q3's board approved the credit scorer with a condition now overdue and a risk accepted until 20 days from now.
    const session = await sessionWith(page, 'Q3 board', day(-30), [CREDIT.id, FRAUD.id]);
    await decide(page, session, CREDIT.id, {
      outcome: 'approved_with_conditions',
      conditions: [{ text: 'Restate the accuracy claim in the model card', due: day(-3), owner: 'Risk ML' }],
      acceptances: [{ risk: 'Residual drift on income until retraining', approver: 'Ada Byron', compensatingControls: 'Manual review of declines', expiry: day(20) }],
    });
    await decide(page, session, FRAUD.id, { outcome: 'approved' });

    // The period has ended: the Overview offers the next cycle.
    await goTo(page, 'Overview');
    const banner = page.getByRole('region', { name: /This cycle's period ended/ });
    await expect(banner).toBeVisible();
    await banner.getByRole('button', { name: 'Start next cycle…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start the next cycle' });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    // Prefilled: the quarter after Q3, filed beside it.
    await expect(dialog.getByLabel('Name')).toHaveValue('Q4');
    await expect(dialog.getByLabel('Period start')).toHaveValue(day(-1));
    await expect(dialog.getByLabel('File')).toHaveValue(/q4\.mrb$/);

    // Refused at the field, nothing written: a period that starts before Q3 ends, a file that exists.
    await dialog.getByLabel('Period start').fill(day(-10));
    await dialog.getByRole('button', { name: 'Start next cycle' }).click();
    await expect(dialog.getByLabel('Period start')).toHaveAttribute('aria-invalid', 'true');
    await page.screenshot({ path: testInfo.outputPath('next-cycle-refused.png') });
    await dialog.getByLabel('Period start').fill(day(-1));
    const q4 = (await dialog.getByLabel('File').inputValue()).replace(/q4\.mrb$/, 'q3.mrb');
    await dialog.getByLabel('File').fill(q4);
    await dialog.getByRole('button', { name: 'Start next cycle' }).click();
    await expect(dialog.getByLabel('File')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel('File').fill(q4.replace(/q3\.mrb$/, 'q4.mrb'));
    await dialog.getByRole('button', { name: 'Start next cycle' }).click();
    await expect(dialog).toBeHidden();

    // Q4 is open and says what it carried from Q3.
    await expect(page.getByRole('heading', { level: 1, name: 'Q4' })).toBeVisible();
    const lineage = page.getByRole('region', { name: 'Started from Q3' });
    const carried = lineage.getByRole('list', { name: 'Carried forward' });
    await expect(carried).toContainText('2 models');
    await expect(carried).toContainText('1 open condition');
    await expect(carried).toContainText('1 risk acceptance');

    // The posture: the carried acceptance expires within 30 days, the credit scorer is due and why.
    const posture = page.getByRole('region', { name: 'Risk posture' });
    const due = posture.getByRole('list', { name: 'Models due' });
    await expect(due).toContainText('Credit default scorer');
    await expect(posture.getByRole('list', { name: 'Why Credit default scorer is due' })).toContainText('Risk acceptance expires');
    await expect(posture.getByRole('list', { name: 'Why Credit default scorer is due' })).toContainText('Restate the accuracy claim in the model card');
    await page.screenshot({ path: testInfo.outputPath('overview-posture.png'), fullPage: true });

    // The model page: Q3's scores beside this cycle's (none yet, so the model is unscored now), tier and heat per cycle.
    await due.getByRole('button', { name: 'Credit default scorer' }).click();
    const model = page.getByRole('dialog', { name: 'Model Credit default scorer' });
    const scores = model.getByRole('table', { name: 'Risk scores' });
    await expect(scores.getByRole('columnheader', { name: 'Last cycle (Q3)' })).toBeVisible();
    await expect(scores.getByRole('row', { name: /Customer harm/ })).toContainText('—');
    await expect(scores.getByRole('row', { name: /Customer harm/ }).locator('td.prior')).toHaveText('4');
    const history = model.getByRole('table', { name: 'Tier and heat per cycle' });
    await expect(history.getByRole('row', { name: /^Q3/ })).toContainText('Approved with conditions');
    await expect(history.getByRole('row', { name: /^Q4/ })).toContainText('this cycle');
    await expect(model.getByRole('table', { name: 'Findings of the model' })).toContainText('since Q3');
    await page.screenshot({ path: testInfo.outputPath('model-across-cycles.png'), fullPage: true });
    // The scoring drawer shows last cycle's score under its own heading; the score to save is not taken from it.
    await scores.getByRole('row', { name: /Customer harm/ }).getByRole('button', { name: 'Score…' }).click();
    const drawer = page.getByRole('dialog', { name: 'Score Credit default scorer on Customer harm' });
    await expect(drawer.getByRole('heading', { name: 'Last cycle (Q3)' })).toBeVisible();
    await expect(drawer.locator('.prior-score strong')).toHaveText('4');
    await expect(drawer.getByText('Not scored yet.')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await model.getByRole('button', { name: 'Close' }).click();
    await posture.getByRole('button', { name: /^1 acceptances expiring within 30 days/ }).click();

    // The figure opens the acceptance register filtered to what it counted.
    await expect(page.getByRole('tab', { name: 'Actions and acceptances' })).toHaveAttribute('aria-selected', 'true');
    const acceptances = page.getByRole('table', { name: 'Acceptance register' });
    await expect(acceptances.getByRole('row', { name: /Residual drift on income until retraining/ })).toContainText('Carried from Q3');
    await expect(page.getByRole('combobox', { name: 'Expiry', exact: true })).toHaveValue('30');

    // A finding of the credit scorer is covered by the carried acceptance, with why.
    await page.getByRole('tab', { name: 'Findings' }).click();
    const findings = page.getByRole('table', { name: 'Findings register' });
    const drift = findings.getByRole('row', { name: /Credit default scorer income has drifted/ });
    await drift.getByRole('button', { name: /^Link an acceptance/ }).click();
    const cover = page.getByRole('form', { name: 'Cover finding by a risk acceptance' });
    await cover.getByLabel('Risk acceptance').selectOption({ label: `Residual drift on income until retraining (until ${day(20)}, Ada Byron)` });
    await cover.getByLabel('Note').fill('The acceptance covers the income drift until retraining.');
    await cover.getByRole('button', { name: 'Link acceptance' }).click();
    await expect(cover).toBeHidden();
    await page.getByRole('combobox', { name: 'Show', exact: true }).selectOption('');
    await expect(drift).toContainText('Covered by an acceptance');

    // The tier figure opens the inventory filtered to that tier: both models are unscored in Q4 so far,
    // yet their open high findings are a floor that makes them at least High.
    await goTo(page, 'Overview');
    await page.getByRole('region', { name: 'Risk posture' }).getByRole('button', { name: '2 models in tier High: show them' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Inventory' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Tier', exact: true })).toHaveValue('high');
    await expect(page.getByText('2 of 2 models')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('acceptances-expiring.png'), fullPage: true });
  });

  test('the findings register: filters, aging, close with evidence; a model decided this cycle and not due stays off the agenda built from the due list', async ({ app }, testInfo) => {
    test.setTimeout(120_000);
    const { page } = app;
    const CHURN = { id: 'churn-propensity', name: 'Churn propensity' };
    await createCycleWithPeriod(page, 'Q4', 'q4.mrb', day(-30), day(60));
    await importPaths(page, [bundleFor(app.dir, CREDIT), bundleFor(app.dir, FRAUD), bundleFor(app.dir, CHURN)]);

    // The imports registered their findings; the tab lists them with severity, age and follow-up.
    await goTo(page, 'Registers');
    await page.getByRole('tab', { name: 'Findings' }).click();
    const register = page.getByRole('table', { name: 'Findings register' });
    await expect(register.getByRole('row').nth(1)).toBeVisible();
    await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('Churn propensity');
    const churnRows = register.getByRole('row', { name: /Churn propensity/ });
    const open = await churnRows.count();
    expect(open).toBeGreaterThan(0);
    await page.screenshot({ path: testInfo.outputPath('findings-register.png'), fullPage: true });

    // Closing needs its evidence note; the churn model's findings are closed one by one.
    const first = churnRows.first();
    await first.getByRole('button', { name: /^Close with evidence/ }).click();
    const closing = page.getByRole('form', { name: 'Close finding with evidence' });
    await closing.getByRole('button', { name: 'Close finding' }).click();
    await expect(closing.getByLabel('Evidence note')).toHaveAttribute('aria-invalid', 'true');
    await closing.getByLabel('Evidence note').fill('Recomputed in bundle 1.4.3, ticket MRB-31');
    await closing.getByRole('button', { name: 'Close finding' }).click();
    await expect(closing).toBeHidden();
    await expect(churnRows).toHaveCount(open - 1);
    for (let left = open - 1; left > 0; left -= 1) {
      await churnRows.first().getByRole('button', { name: /^Close with evidence/ }).click();
      await closing.getByLabel('Evidence note').fill('Fixed in the model card');
      await closing.getByRole('button', { name: 'Close finding' }).click();
      await expect(churnRows).toHaveCount(left - 1);
    }
    await page.getByRole('combobox', { name: 'Show', exact: true }).selectOption('');
    await expect(register.getByRole('row', { name: /Churn propensity/ }).first()).toContainText('Closed with evidence');

    // A finding the board raises by hand is checked at its fields, then assigned.
    await page.getByRole('button', { name: 'Raise a finding…' }).click();
    const raise = page.getByRole('form', { name: 'Raise a finding' });
    await raise.getByLabel('Model').selectOption('Fraud alert ranker');
    await raise.getByLabel('Type').selectOption('Policy exception');
    await raise.getByLabel('Severity').selectOption('Low');
    await raise.getByLabel('Category').fill('documentation');
    await raise.getByRole('button', { name: 'Raise finding' }).click();
    await expect(raise.getByLabel('Finding')).toHaveAttribute('aria-invalid', 'true');
    await raise.getByLabel('Finding').fill('The model card does not name the training window');
    await raise.getByRole('button', { name: 'Raise finding' }).click();
    await expect(raise).toBeHidden();
    await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('');
    const raised = register.getByRole('row', { name: /The model card does not name the training window/ });
    await expect(raised).toContainText('Policy exception');
    await raised.getByRole('button', { name: /^Assign/ }).click();
    const assign = page.getByRole('form', { name: 'Assign finding' });
    await assign.getByLabel('Owner').fill('Model documentation team');
    await assign.getByLabel('Due').fill(day(14));
    await assign.getByRole('button', { name: 'Assign' }).click();
    await expect(raised).toContainText('Model documentation team');

    // Churn is decided this cycle, with nothing left open: it is not due again.
    const first1 = await sessionWith(page, 'October board', day(-10), [CHURN.id]);
    await decide(page, first1, CHURN.id, { outcome: 'approved' });
    const next = await api<{ session: { id: string; number: number } }>(page, 'sessions.create', { title: 'November board', date: day(0), location: '', chair: 'Ada Byron' });

    await goTo(page, 'Sessions');
    await page.getByRole('button', { name: /November board/ }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Session ${next.session.number}: November board`) })).toBeVisible();
    const build = page.getByRole('group', { name: 'Build from the due list' });
    await expect(build).toContainText('2 models due');
    await build.getByLabel('At most this many items').fill('1');
    await build.getByRole('button', { name: 'Build agenda from due list' }).click();
    const agenda = page.getByRole('list', { name: 'Agenda items' });
    const items = agenda.getByRole('listitem', { name: /^\d+\. / });
    await expect(items).toHaveCount(1);
    await build.getByLabel('At most this many items').fill('12');
    await page.getByRole('button', { name: 'Rebuild from due list' }).click();
    await page.getByRole('group', { name: 'Rebuild the agenda' }).getByRole('button', { name: 'Rebuild' }).click();
    await expect(items).toHaveCount(2);
    await expect(agenda).not.toContainText('Churn propensity');
    await expect(agenda.getByRole('list', { name: 'Why Credit default scorer is due' })).toContainText('Never reviewed by the board.');
    await page.screenshot({ path: testInfo.outputPath('agenda-from-due-list.png'), fullPage: true });
  });
});
