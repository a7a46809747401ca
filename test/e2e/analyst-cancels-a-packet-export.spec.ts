import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { PACKET_PASSPHRASE, packetsOverGatedThread } from './hostOverThread';

test('an analyst cancels a packet export while its record is built: nothing is saved or recorded, Escape did not cancel it, and the next export is signed', async ({ appKind, browser }) => {
  test.skip(appKind === 'electron', 'the desktop app starts its own services and workers');
  // mrb demo and an RSA key pair take much of a loaded 2-core machine's default 30 s.
  test.setTimeout(120_000);
  const { page, dir, gate, close } = await packetsOverGatedThread(browser);
  try {
    const list = page.getByRole('table', { name: 'Packets' });
    await expect(list.getByRole('row')).toHaveCount(2);
    const form = page.getByRole('form', { name: 'Export packet' });
    await form.getByLabel('Passphrase').fill(PACKET_PASSPHRASE);
    await form.getByRole('button', { name: 'Export and sign' }).click();

    await expect(form.getByText('Step 1 of 4: Building the decision record…')).toBeVisible({ timeout: 30_000 });
    await expect(form.getByRole('progressbar', { name: 'Steps of the export finished' })).toHaveAttribute('value', '0');
    await form.getByRole('button', { name: 'Cancel export' }).focus();
    await page.keyboard.press('Escape');
    await expect(form.getByText('Step 1 of 4: Building the decision record…')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('export-under-way.png') });

    await form.getByRole('button', { name: 'Cancel export' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'The packet export was cancelled; no file was saved and nothing was recorded.' })).toBeVisible();
    await expect(form.getByRole('button', { name: 'Cancel export' })).toHaveCount(0);
    await expect(form.getByRole('button', { name: 'Export and sign' })).toBeEnabled();
    const file = path.join(dir, 'demo', 'session-1-decision-packet.pdf');
    expect(fs.existsSync(file)).toBe(false);
    await expect(list.getByRole('row')).toHaveCount(2);
    await page.screenshot({ path: test.info().outputPath('export-cancelled.png') });

    fs.writeFileSync(gate, '');
    await form.getByLabel('Passphrase').fill(PACKET_PASSPHRASE);
    await form.getByRole('button', { name: 'Export and sign' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'Signed packet session-1-decision-packet.pdf saved' })).toBeVisible({ timeout: 60_000 });
    await expect(form.getByText('The packet export was cancelled')).toHaveCount(0);
    expect(fs.existsSync(file)).toBe(true);
    await expect(list.getByRole('row')).toHaveCount(3);
  } finally {
    await close();
  }
});
