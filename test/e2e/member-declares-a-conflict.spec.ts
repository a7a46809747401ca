import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCycle, goTo, importBundles } from './steps';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function addAttendee(page: Page, name: string, role: string, voting: boolean): Promise<void> {
  const form = page.getByRole('form', { name: 'Add attendee' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Role').fill(role);
  await form.getByLabel('Voting member').setChecked(voting);
  await form.getByRole('button', { name: 'Add attendee' }).click();
  await expect(page.getByRole('table', { name: 'Attendees' }).getByRole('row', { name: new RegExp(name) })).toBeVisible();
}

test.describe('a member declares a conflict', () => {
  test.skip(({ appKind }) => appKind === 'electron', 'bundle paths are typed in');

  test('a recused member is out of the vote and the quorum; a dissent is recorded with its reason and printed in the minutes', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await createCycle(page);
    await importBundles(page);
    // The secretary is on the cycle's roster (Settings); attendance picks her from it.
    await goTo(page, 'Settings');
    const rosterForm = page.getByRole('form', { name: 'Add to the roster' });
    await rosterForm.getByLabel('Name').fill('Dana Ruiz');
    await rosterForm.getByLabel('E-mail').fill('d.ruiz@bank.example');
    await rosterForm.getByLabel('Organisation').fill('Board office');
    await rosterForm.getByLabel('Role').selectOption({ label: 'Secretary' });
    await rosterForm.getByRole('button', { name: 'Add to the roster' }).click();
    await expect(page.getByRole('table', { name: 'Roster' })).toContainText('d.ruiz@bank.example');

    await goTo(page, 'Sessions');
    await page.getByRole('button', { name: 'New session' }).first().click();
    const form = page.getByRole('form', { name: 'New session' });
    await form.getByLabel('Title').fill('Q3 board');
    await form.getByLabel('Date').fill(today());
    await form.getByLabel('Chair').fill('Ada Byron');
    await form.getByRole('button', { name: 'Create session' }).click();
    await addAttendee(page, 'Ada Byron', 'Chair', true);
    await addAttendee(page, 'Ben Okafor', 'Head of Risk ML', true);
    await addAttendee(page, 'Chen Li', 'Compliance', true);
    const addForm = page.getByRole('form', { name: 'Add attendee' });
    await addForm.getByLabel('From the roster').selectOption({ label: 'Dana Ruiz (Secretary)' });
    await expect(addForm.getByLabel('Voting member')).not.toBeChecked();
    await addForm.getByRole('button', { name: 'Add attendee' }).click();
    await expect(page.getByRole('table', { name: 'Attendees' }).getByRole('row', { name: /Dana Ruiz/ })).toContainText('Secretary');
    for (const name of ['Ada Byron', 'Ben Okafor', 'Chen Li', 'Dana Ruiz']) await page.getByRole('checkbox', { name: `${name} present` }).check();
    await page.getByRole('button', { name: 'Build agenda from heat' }).click();
    await page.getByRole('button', { name: 'Start chairing' }).click();
    const current = page.getByRole('region', { name: /^Current item/ });
    await expect(current.getByRole('heading', { name: 'Credit default scorer' })).toBeVisible();

    // Ben built the model: he declares it and steps aside; the banner counts the item's quorum without him.
    const conflicts = current.getByRole('region', { name: 'Conflicts of interest' });
    await conflicts.getByLabel('Member').selectOption({ label: 'Ben Okafor' });
    await conflicts.getByLabel('Reason').fill('I lead the team that built this model.');
    await conflicts.getByRole('button', { name: 'Declare conflict' }).click();
    await expect(conflicts.getByRole('listitem').filter({ hasText: 'Ben Okafor' })).toContainText('Recused');
    await expect(page.locator('.quorum-banner')).toHaveText('Quorum met: 2 of 3 voting members present (Ben Okafor recused); a majority of 3 voting members needs 2.');

    // A rejection: the form says what the votes are on; Ben is not asked; Chen dissents with a reason.
    await page.keyboard.press('r');
    const drawer = page.getByRole('dialog', { name: 'Decision on Credit default scorer' });
    await expect(drawer.getByRole('group', { name: 'Votes on the proposed outcome: Rejected' })).toBeVisible();
    await expect(drawer.getByRole('radio', { name: 'Ben Okafor: For' })).toHaveCount(0);
    await expect(drawer.getByText('Recused from this item: Ben Okafor.')).toBeVisible();
    await drawer.getByLabel('Rationale').fill('The accuracy claim does not hold.');
    await drawer.getByLabel('Blocking risk').selectOption({ index: 1 });
    await drawer.getByRole('radio', { name: 'Ada Byron: Against' }).check();
    await drawer.getByRole('radio', { name: 'Chen Li: For' }).check();
    await drawer.getByLabel('Ada Byron: reason for the vote').fill('The claim is overstated.');
    await drawer.getByLabel('Chen Li: reason for the vote').fill('The gap is within what the team disclosed.');
    await drawer.getByRole('checkbox', { name: 'Chen Li: record a dissent' }).check();
    await drawer.screenshot({ path: test.info().outputPath('dissent-form.png') });
    await drawer.getByRole('button', { name: 'Record decision' }).click();
    await expect(drawer).toBeHidden();

    await page.getByRole('button', { name: 'Stop chairing' }).click();
    const minutes = page.getByRole('region', { name: 'Minutes' });
    await expect(minutes).toContainText('Ben Okafor: I lead the team that built this model. (recused');
    await expect(minutes).toContainText('Chen Li dissents from "Rejected": The gap is within what the team disclosed.');
    await expect(minutes).toContainText('Recused (did not vote, not counted in the quorum): Ben Okafor');
    await minutes.screenshot({ path: test.info().outputPath('minutes.png') });

    // Closed, the decision is amended only with the board: the chair's and the secretary's sign-off, by name.
    await page.getByRole('button', { name: 'Close session…' }).click();
    await page.getByRole('alertdialog', { name: 'Close session 1?' }).getByRole('button', { name: 'Close session' }).click();
    await page.getByRole('button', { name: 'Amend the decision on Credit default scorer' }).click();
    const amend = page.getByRole('dialog', { name: 'Amend the decision on Credit default scorer' });
    await amend.getByLabel('Reason for the amendment').fill('The team restated the claim.');
    await amend.getByRole('radio', { name: 'Deferred' }).check();
    await amend.getByLabel('Rationale').fill('Wait for the restated claim to be checked.');
    const approval = amend.getByRole('group', { name: "The board's approval of the amendment" });
    await expect(approval.getByRole('textbox', { name: 'Chair' })).toHaveValue('Ada Byron');
    await expect(approval.getByRole('textbox', { name: 'Secretary' })).toHaveValue('Dana Ruiz');
    await approval.getByRole('textbox', { name: 'Secretary' }).fill('Chen Li');
    await amend.getByRole('button', { name: 'Record amendment' }).click();
    await expect(approval.getByText("The sign-off must be by the session's secretary (Dana Ruiz), not \"Chen Li\".")).toBeVisible();
    await approval.getByRole('textbox', { name: 'Secretary' }).fill('Dana Ruiz');
    await amend.getByRole('button', { name: 'Record amendment' }).click();
    await expect(amend).toBeHidden();
    await expect(minutes).toContainText('Approved by: sign-off of the chair, Ada Byron, and the secretary, Dana Ruiz');
    // The original stays readable above its amendment.
    await expect(minutes).toContainText('The accuracy claim does not hold.');
    const record = page.getByRole('listitem', { name: '1. Credit default scorer' });
    await expect(record).toContainText('Dissent: Chen Li: The gap is within what the team disclosed.');
    await expect(record).toContainText('Recused: Ben Okafor (did not vote, not counted in the quorum).');
    await expect(record).toContainText('Approved by the sign-off of the chair, Ada Byron, and the secretary, Dana Ruiz.');
  });
});
