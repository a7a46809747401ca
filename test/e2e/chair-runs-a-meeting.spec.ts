import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const EXAMPLE = path.resolve(__dirname, '../../shared/bundle/examples/credit-default-scorer');

interface ModelSpec {
  id: string;
  name: string;
  /** Scores by dimension key, so the heat (and the agenda's order) is known. */
  scores: Record<string, number>;
}

/** Three models whose heat puts them on the agenda in this order; two of 11 dimensions scored, so their tiers rest on floors. */
const MODELS: readonly ModelSpec[] = [
  { id: 'credit-default-scorer', name: 'Credit default scorer', scores: { customer_harm: 5, privacy: 5 } },
  { id: 'fraud-alert-ranker', name: 'Fraud alert ranker', scores: { customer_harm: 3, privacy: 3 } },
  { id: 'churn-propensity', name: 'Churn propensity', scores: { customer_harm: 1, privacy: 1 } },
];

/** A calendar day `days` from today, as the host (on this machine) counts today. */
function day(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The example bundle as another model: the manifest's hashes do not cover bundle.json itself. */
function bundleFor(dir: string, model: ModelSpec): string {
  const target = path.join(dir, model.id);
  fs.cpSync(EXAMPLE, target, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(target, 'bundle.json'), 'utf8'));
  manifest.model.id = model.id;
  manifest.model.name = model.name;
  fs.writeFileSync(path.join(target, 'bundle.json'), JSON.stringify(manifest, null, 2));
  return target;
}

/**
 * A call to the loopback host with this page's token. Only for the analyst's scoring,
 * which happens before the meeting and has its own story (analyst-scores-on-the-heatmap).
 */
async function call(page: Page, name: string, args: unknown): Promise<void> {
  const reply = await page.evaluate(
    async ([n, a]) => {
      const response = await fetch(`/api/call/${n}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mrb-token': sessionStorage.getItem('mrb.token') ?? '' },
        body: JSON.stringify(a),
      });
      return (await response.json()) as { ok: boolean };
    },
    [name, args] as const,
  );
  expect(reply.ok, `${name} ${JSON.stringify(args)}`).toBe(true);
}

async function cycleWithModels(page: Page, dir: string, models: readonly ModelSpec[]): Promise<void> {
  const paths = models.map((m) => bundleFor(dir, m));
  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByLabel('Name').fill('Q3');
  await page.getByLabel('File').fill('q3.mrb');
  await page.getByRole('button', { name: 'Create cycle' }).click();
  await place(page, 'Evidence').click();
  await page.getByLabel('Bundle paths').fill(paths.join(', '));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Imports' }).getByText('Imported')).toHaveCount(models.length, { timeout: 20_000 });
  for (const m of models) {
    for (const [dimension, value] of Object.entries(m.scores)) await call(page, 'scores.set', { modelId: m.id, dimension, value, rationale: 'set for the meeting' });
  }
}

const place = (page: Page, name: string) => page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name });

async function newSession(page: Page, title: string): Promise<void> {
  await place(page, 'Sessions').click();
  await page.getByRole('button', { name: 'New session' }).first().click();
  const form = page.getByRole('form', { name: 'New session' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Date').fill(day(0));
  await form.getByLabel('Location').fill('Room 4.12');
  await form.getByLabel('Chair').fill('Ada Byron');
  await form.getByRole('button', { name: 'Create session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Session \\d+: ${title}`) })).toBeVisible();
}

async function addAttendee(page: Page, name: string, role: string, voting: boolean): Promise<void> {
  const form = page.getByRole('form', { name: 'Add attendee' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Role').fill(role);
  await form.getByLabel('Voting member').setChecked(voting);
  await form.getByRole('button', { name: 'Add attendee' }).click();
  await expect(page.getByRole('table', { name: 'Attendees' }).getByRole('row', { name: new RegExp(name) })).toBeVisible();
}

async function vote(drawer: Locator, votes: Record<string, 'For' | 'Against' | 'Abstain'>): Promise<void> {
  for (const [who, choice] of Object.entries(votes)) await drawer.getByRole('radio', { name: `${who}: ${choice}` }).check();
}

const agendaNames = (page: Page) => page.getByRole('list', { name: 'Agenda items' }).locator('.agenda-title strong');

test.describe('the chair runs a meeting', () => {
  test.skip(({ appKind }) => appKind === 'electron', 'bundle paths are typed in, and the presenter opens as a second page');

  test('attendance, agenda, three decisions by keyboard with the presenter following, closing, registers and minutes', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await cycleWithModels(page, app.dir, MODELS);

    // An empty place says what it is for; a session needs a title.
    await place(page, 'Sessions').click();
    await expect(page.getByRole('heading', { name: 'No sessions yet' })).toBeVisible();
    await page.getByRole('button', { name: 'New session' }).click();
    const form = page.getByRole('form', { name: 'New session' });
    await form.getByRole('button', { name: 'Create session' }).click();
    await expect(form.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText(/^Title: must not be empty/)).toBeVisible();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await newSession(page, 'Q3 model risk board');

    // Attendees: three voting members and an observer; no quorum until attendance is taken.
    await addAttendee(page, 'Ada Byron', 'Chair, head of model risk', true);
    await addAttendee(page, 'Ben Okafor', 'Compliance', true);
    await addAttendee(page, 'Chen Li', 'Data protection', true);
    await addAttendee(page, 'Dana Ruiz', 'Secretary', false);
    const quorum = page.locator('.quorum-banner');
    await expect(quorum).toHaveText('Quorum not met: 0 of 3 voting members present; a majority of 3 voting members needs 2. Take attendance first.');
    for (const name of ['Ada Byron', 'Ben Okafor', 'Chen Li', 'Dana Ruiz']) await page.getByRole('checkbox', { name: `${name} present` }).check();
    await expect(quorum).toHaveText('Quorum met: 3 of 3 voting members present; a majority of 3 voting members needs 2.');

    // The agenda from heat, riskiest first; an item moves by keyboard and back.
    await page.getByRole('button', { name: 'Build agenda from heat' }).click();
    await expect(agendaNames(page)).toHaveText(MODELS.map((m) => m.name));
    await expect(page.getByRole('listitem', { name: '1. Credit default scorer' }).getByText('Top quartile')).toBeVisible();
    // Two dimensions of 11 scored at 5: too little for the heat's Critical; the floor (a dimension at 4 or more) makes it High.
    await expect(page.getByRole('listitem', { name: '1. Credit default scorer' }).getByText('High', { exact: true })).toBeVisible();
    await page.getByRole('listitem', { name: '3. Churn propensity' }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(agendaNames(page)).toHaveText(['Credit default scorer', 'Churn propensity', 'Fraud alert ranker']);
    await expect(page.getByRole('listitem', { name: '2. Churn propensity' })).toBeFocused();
    await page.keyboard.press('Alt+ArrowDown');
    await expect(agendaNames(page)).toHaveText(MODELS.map((m) => m.name));

    // The projector: a page of its own, waiting until the chair opens an item.
    const presenter = await app.openAnotherPage();
    await presenter.goto(new URL('/?view=presenter', page.url()).toString());
    await expect(presenter.getByRole('heading', { name: 'Waiting for the chair' })).toBeVisible();
    await expect(presenter.getByText('Session 1: Q3 model risk board')).toBeVisible();
    await expect(presenter.getByRole('button')).toHaveCount(0);
    await expect(presenter.getByRole('textbox')).toHaveCount(0);

    await page.getByRole('button', { name: 'Start chairing' }).click();
    const current = page.getByRole('region', { name: /^Current item/ });
    await expect(current.getByRole('heading', { name: 'Credit default scorer' })).toBeVisible();
    await expect(current.getByRole('timer', { name: 'Time on this item' })).toHaveText(/^\d\d:\d\d/);
    await expect(current.getByRole('list', { name: 'Heatmap row of Credit default scorer' }).getByRole('listitem')).toHaveCount(12);
    await expect(current.getByRole('list', { name: 'Findings' })).toContainText('overall.accuracy is claimed as 0.7 but recomputes to 0.68');
    const onScreen = presenter.getByRole('region', { name: 'Current item' });
    const decisionOnScreen = presenter.getByRole('region', { name: 'Decision' });
    await expect(onScreen.getByRole('heading', { name: 'Credit default scorer' })).toBeVisible();
    await expect(onScreen.getByText('High', { exact: true })).toBeVisible();
    await expect(decisionOnScreen).toContainText('Under discussion');

    // ? lists the keys.
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Chairing shortcuts' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Chairing shortcuts' })).toBeHidden();

    // Item 1, C: approved with conditions, a condition, a mitigation and a risk acceptance.
    await page.keyboard.press('c');
    let drawer = page.getByRole('dialog', { name: 'Decision on Credit default scorer' });
    await expect(drawer.getByRole('radio', { name: /Approved with conditions/ })).toBeChecked();
    await expect(drawer.getByLabel('Rationale')).toBeFocused();
    await drawer.getByLabel('Rationale').fill('Performs within tolerance; the accuracy claim must be corrected.');
    // Nine dimensions unscored and the bundle's findings open: the approval asks for the chair's acknowledgement.
    await expect(drawer.getByText("Approving this model needs the chair's acknowledgement:")).toBeVisible();
    await expect(drawer.getByText(/9 dimensions of 11 are not scored/)).toBeVisible();
    await drawer.getByRole('textbox', { name: "Chair's acknowledgement" }).fill('The two scored dimensions carry the risk; the rest are scored before the next session.');
    await drawer.screenshot({ path: test.info().outputPath('acknowledgement.png') });
    await vote(drawer, { 'Ada Byron': 'For', 'Ben Okafor': 'For', 'Chen Li': 'Against' });
    await expect(drawer.getByText('2 for, 1 against, 0 abstaining')).toBeVisible();
    const condition = drawer.getByRole('group', { name: 'Condition 1' });
    await condition.getByLabel('Condition', { exact: true }).fill('Restate the accuracy claim in the model card');
    await condition.getByLabel('Due').fill(day(30));
    await condition.getByLabel('Owner').fill('Risk ML');
    await drawer.getByRole('button', { name: 'Add mitigation' }).click();
    const mitigation = drawer.getByRole('group', { name: 'Mitigation 1' });
    await mitigation.getByLabel('Action').fill('Monthly drift monitoring on income');
    await mitigation.getByLabel('Owner').fill('ML Ops');
    await mitigation.getByLabel('Due').fill(day(60));
    await mitigation.getByLabel('Success criteria').fill('PSI below 0.1 for three months');
    await drawer.getByRole('button', { name: 'Add risk acceptance' }).click();
    const acceptance = drawer.getByRole('group', { name: 'Risk acceptance 1' });
    await acceptance.getByLabel('Risk accepted').fill('Residual drift on income until retraining');
    await acceptance.getByLabel('Approver').fill('Ada Byron');
    await acceptance.getByLabel('Expires').fill(day(180));
    await acceptance.getByLabel('Compensating controls').fill('Manual review of declines above 0.8');
    await page.keyboard.press('Control+Enter');
    await expect(drawer).toBeHidden();
    await expect(current.getByText('2 for, 1 against, 0 abstaining')).toBeVisible();
    await expect(decisionOnScreen).toContainText('Approved with conditions');
    await expect(decisionOnScreen).toContainText('2 for, 1 against, 0 abstaining');

    // N: item 2 on both screens; R: rejected on a dimension of the taxonomy.
    await page.keyboard.press('n');
    await expect(current.getByRole('heading', { name: 'Fraud alert ranker' })).toBeVisible();
    await expect(onScreen.getByRole('heading', { name: 'Fraud alert ranker' })).toBeVisible();
    await expect(decisionOnScreen).toContainText('Under discussion');
    await page.keyboard.press('r');
    drawer = page.getByRole('dialog', { name: 'Decision on Fraud alert ranker' });
    await drawer.getByLabel('Rationale').fill('Customer harm is too high for an automated block.');
    await drawer.getByLabel('Blocking risk').selectOption({ label: 'Customer harm' });
    await vote(drawer, { 'Ada Byron': 'Against', 'Ben Okafor': 'Against', 'Chen Li': 'Abstain' });
    await drawer.getByRole('button', { name: 'Record decision' }).click();
    await expect(drawer).toBeHidden();
    await expect(decisionOnScreen).toContainText('Rejected');
    await expect(decisionOnScreen).toContainText('0 for, 2 against, 1 abstaining');

    // → (the arrow works as N does): item 3; D: deferred.
    await page.keyboard.press('ArrowRight');
    await expect(onScreen.getByRole('heading', { name: 'Churn propensity' })).toBeVisible();
    await page.keyboard.press('d');
    drawer = page.getByRole('dialog', { name: 'Decision on Churn propensity' });
    await drawer.getByLabel('Rationale').fill('The bundle lacks the current population; resubmit next cycle.');
    await vote(drawer, { 'Ada Byron': 'For', 'Ben Okafor': 'For', 'Chen Li': 'For' });
    await page.keyboard.press('Control+Enter');
    await expect(drawer).toBeHidden();
    await expect(decisionOnScreen).toContainText('Deferred');
    await expect(decisionOnScreen).toContainText('3 for, 0 against, 0 abstaining');

    // P: back to item 2; the presenter follows, with the decision already recorded.
    await page.keyboard.press('p');
    await expect(onScreen.getByRole('heading', { name: 'Fraud alert ranker' })).toBeVisible();
    await expect(decisionOnScreen).toContainText('Rejected');
    await expect(page.getByRole('navigation', { name: 'Agenda' }).getByRole('button', { name: /Fraud alert ranker/ })).toHaveAttribute('aria-current', 'true');

    // Closing locks the record; the presenter goes quiet; amendments are what remains.
    await page.getByRole('button', { name: 'Stop chairing' }).click();
    await page.getByRole('button', { name: 'Close session…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Close session 1?' });
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Close session' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Closed');
    await expect(page.getByRole('button', { name: 'Start chairing' })).toHaveCount(0);
    await expect(page.getByRole('checkbox', { name: 'Ada Byron present' })).toBeDisabled();
    await expect(page.getByRole('button', { name: /^Amend the decision on/ })).toHaveCount(3);
    await expect(presenter.getByRole('heading', { name: 'Waiting for the chair' })).toBeVisible();

    // An amendment needs its reason; the original decision stays beside it.
    await page.getByRole('button', { name: 'Amend the decision on Churn propensity' }).click();
    const amend = page.getByRole('dialog', { name: 'Amend the decision on Churn propensity' });
    await expect(amend.getByLabel('Reason for the amendment')).toBeFocused();
    await amend.getByLabel('Rationale').fill('Deferred to the Q4 board, when the current population is in.');
    await amend.getByRole('button', { name: 'Record amendment' }).click();
    await expect(amend.getByLabel('Reason for the amendment')).toHaveAttribute('aria-invalid', 'true');
    await expect(amend.getByText('An amendment says why the decision is amended: give a reason.')).toBeVisible();
    await amend.getByLabel('Reason for the amendment').fill('The team asked for more time.');
    await page.keyboard.press('Control+Enter');
    await expect(amend).toBeHidden();
    const churn = page.getByRole('listitem', { name: '3. Churn propensity' });
    await expect(churn).toContainText('The bundle lacks the current population; resubmit next cycle.');
    await expect(churn).toContainText('Reason for the amendment: The team asked for more time.');

    // The minutes: every outcome and its rationale.
    const minutes = page.getByRole('region', { name: 'Minutes' });
    await expect(minutes.getByRole('heading', { name: /1\. Credit default scorer .*: Approved with conditions/ })).toBeVisible();
    await expect(minutes.getByRole('heading', { name: /2\. Fraud alert ranker .*: Rejected/ })).toBeVisible();
    await expect(minutes.getByRole('heading', { name: /3\. Churn propensity .*: Deferred/ })).toBeVisible();
    await expect(minutes).toContainText('Performs within tolerance; the accuracy claim must be corrected.');
    await expect(minutes).toContainText('Customer harm is too high for an automated block.');
    await expect(minutes).toContainText('The bundle lacks the current population; resubmit next cycle.');
    await expect(minutes).toContainText('Blocking risk: Customer harm');
    await expect(minutes.getByRole('heading', { name: /^Amendment 1/ })).toBeVisible();
    await expect(minutes).toContainText('Deferred to the Q4 board, when the current population is in.');
    const download = page.waitForEvent('download');
    await minutes.getByRole('button', { name: 'Export Markdown' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.md$/);
    expect(fs.readFileSync(await file.path(), 'utf8')).toContain('**Outcome:** Rejected');

    // The registers: the condition and the mitigation, and the acceptance.
    await place(page, 'Registers').click();
    const actions = page.getByRole('table', { name: 'Action register' });
    await expect(actions.getByRole('row', { name: /Restate the accuracy claim in the model card/ })).toContainText('Condition');
    await expect(actions.getByRole('row', { name: /Monthly drift monitoring on income/ })).toContainText('ML Ops');
    const acceptances = page.getByRole('table', { name: 'Acceptance register' });
    await expect(acceptances.getByRole('row', { name: /Residual drift on income until retraining/ })).toContainText('Active');

    // Follow-up: marking the mitigation done, with a note.
    await actions.getByRole('button', { name: 'Mark done: Monthly drift monitoring on income' }).click();
    await page.getByRole('form', { name: 'Mark action done' }).getByLabel('Note').fill('Dashboard live, ticket MRB-12');
    await page.getByRole('button', { name: 'Mark done', exact: true }).click();
    await expect(actions.getByRole('row', { name: /Monthly drift monitoring on income/ })).toContainText('Done');
    await expect(actions.getByRole('row', { name: /Monthly drift monitoring on income/ })).toContainText('Dashboard live, ticket MRB-12');
  });

  test('a vote without quorum is refused, with the reason said up front and the API sentence at the votes', async ({ app }) => {
    const { page } = app;
    await cycleWithModels(page, app.dir, MODELS.slice(0, 1));
    await newSession(page, 'Thin attendance');
    await addAttendee(page, 'Ada Byron', 'Chair', true);
    await addAttendee(page, 'Ben Okafor', 'Compliance', true);
    await addAttendee(page, 'Chen Li', 'Data protection', true);
    await page.getByRole('checkbox', { name: 'Ada Byron present' }).check();
    await page.getByRole('button', { name: 'Build agenda from heat' }).click();
    await page.getByRole('button', { name: 'Start chairing' }).click();
    await expect(page.getByText('The board cannot decide yet. Quorum not met: 1 of 3 voting members present')).toBeVisible();

    await page.keyboard.press('a');
    const drawer = page.getByRole('dialog', { name: 'Decision on Credit default scorer' });
    const votes = drawer.getByRole('group', { name: 'Votes' });
    await expect(votes).toContainText('No decision can be recorded yet. Quorum not met: 1 of 3 voting members present; a majority of 3 voting members needs 2.');
    await drawer.getByLabel('Rationale').fill('Looks fine to me.');
    await drawer.getByRole('textbox', { name: "Chair's acknowledgement" }).fill('Scoring completes next month.');
    await vote(drawer, { 'Ada Byron': 'For' });
    await drawer.getByRole('button', { name: 'Record decision' }).click();
    await expect(votes.getByRole('alert')).toHaveText(
      'No decision can be recorded: Quorum not met: 1 of 3 voting members present; a majority of 3 voting members needs 2. Take attendance first.',
    );
    await expect(votes).toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();
    await expect(page.getByRole('region', { name: /^Current item/ }).getByText('No decision yet.')).toBeVisible();
  });
});
