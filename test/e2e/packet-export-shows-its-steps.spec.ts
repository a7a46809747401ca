import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { DIST, gatedPacketWorker, hostOverThread } from './hostOverThread';
import { goTo } from './steps';

const STEPS = ['Step 1 of 4: Building the decision record…', 'Step 2 of 4: Laying out the pages…', 'Step 3 of 4: Signing…', 'Step 4 of 4: Recording the packet in the audit log…'];

test('an analyst exports a signed packet and sees its steps go by in order, with a Cancel button while it works', async ({ appKind, browser }) => {
  test.skip(appKind === 'electron', 'the desktop app opens cycles through the OS');
  // mrb demo and an RSA key pair take much of a loaded 2-core machine's default 30 s.
  test.setTimeout(120_000);
  // The pages wait for the gate, so the laying out is seen however fast the machine; the rest goes at its own pace.
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
    const form = page.getByRole('form', { name: 'Export packet' });
    await expect(form.getByLabel('Signing identity', { exact: true })).toContainText('Chloe Park');

    // Every step the page shows, as it shows it: after the pages, a step may be on screen for only a moment.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { stepsSeen: string[] }).stepsSeen = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[role="status"]')) {
          const text = el.textContent ?? '';
          if (/^Step \d of 4: /.test(text) && seen.at(-1) !== text) seen.push(text);
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await form.getByLabel('Passphrase').fill('board packet 2026');
    await form.getByRole('button', { name: 'Export and sign' }).click();
    await expect(form.getByText('Step 2 of 4: Laying out the pages…')).toBeVisible({ timeout: 30_000 });
    await expect(form.getByRole('button', { name: 'Cancel export' })).toBeVisible();
    await expect(form.getByRole('button', { name: 'Exporting…' })).toBeDisabled();

    fs.writeFileSync(gate, '');
    await expect(form.getByRole('status').filter({ hasText: 'Signed packet session-1-decision-packet.pdf saved' })).toBeVisible({ timeout: 60_000 });
    await expect(form.getByRole('button', { name: 'Cancel export' })).toHaveCount(0);
    const seen = await page.evaluate(() => (window as unknown as { stepsSeen: string[] }).stepsSeen);
    // Each step the page showed is one of the four, in order, and the pages among them.
    const order = seen.map((s) => STEPS.indexOf(s));
    expect(order).not.toContain(-1);
    expect(order).toEqual([...new Set(order)].sort((a, b) => a - b));
    expect(seen).toContain(STEPS[1]);
    expect(fs.existsSync(path.join(dir, 'demo', 'session-1-decision-packet.pdf'))).toBe(true);
  } finally {
    await context.close();
    await close();
  }
});
