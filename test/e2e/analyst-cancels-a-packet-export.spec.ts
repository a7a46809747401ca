import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { DIST, gatedPacketWorker, hostOverThread } from './hostOverThread';
import { goTo } from './steps';

test('an analyst cancels a packet export while its pages are laid out: nothing is saved or recorded, Escape did not cancel it, and the next export is signed', async ({ appKind, browser }) => {
  test.skip(appKind === 'electron', 'the desktop app starts its own services and workers');
  // mrb demo and an RSA key pair take much of a loaded 2-core machine's default 30 s.
  test.setTimeout(120_000);
  let gate = '';
  const { dir, services, host, close } = await hostOverThread((built, folder) => {
    const gated = gatedPacketWorker(built.packetWorker, folder);
    gate = gated.gate;
    return { packetWorker: gated.worker };
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    execFileSync(process.execPath, [path.join(DIST, 'electron', 'mrb.cjs'), 'demo', path.join(dir, 'demo')]);
    expect(await services.request('cycle.open', { path: path.join(dir, 'demo', 'demo-cycle.mrb') })).toMatchObject({ ok: true });
    const identity = { name: 'Chloe Park', email: 'c.park@bank.example', organisation: 'Example Bank', out: path.join(dir, 'chloe.p12'), passphrase: 'board packet 2026' };
    expect(await services.request('identities.create', identity)).toMatchObject({ ok: true });
    const page = await context.newPage();
    await page.goto(host.url);
    await goTo(page, 'Packets');
    const list = page.getByRole('table', { name: 'Packets' });
    await expect(list.getByRole('row')).toHaveCount(2);
    const form = page.getByRole('form', { name: 'Export packet' });
    await expect(form.getByLabel('Signing identity', { exact: true })).toContainText('Chloe Park');
    await form.getByLabel('Passphrase').fill('board packet 2026');
    await form.getByRole('button', { name: 'Export and sign' }).click();

    await expect(form.getByText('Step 2 of 4: Laying out the pages…')).toBeVisible({ timeout: 30_000 });
    await expect(form.getByRole('progressbar', { name: 'Steps of the export finished' })).toHaveAttribute('value', '1');
    await form.getByRole('button', { name: 'Cancel export' }).focus();
    await page.keyboard.press('Escape');
    await expect(form.getByText('Step 2 of 4: Laying out the pages…')).toBeVisible();
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
    await form.getByLabel('Passphrase').fill('board packet 2026');
    await form.getByRole('button', { name: 'Export and sign' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'Signed packet session-1-decision-packet.pdf saved' })).toBeVisible({ timeout: 60_000 });
    await expect(form.getByText('The packet export was cancelled')).toHaveCount(0);
    expect(fs.existsSync(file)).toBe(true);
    await expect(list.getByRole('row')).toHaveCount(3);
  } finally {
    await context.close();
    await close();
  }
});
