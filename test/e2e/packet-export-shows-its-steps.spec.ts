import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { api } from './cycleSteps';
import { expect, test } from './fixtures';
import { goTo } from './steps';

const MRB = path.resolve(__dirname, '../../dist/electron/mrb.cjs');

const STEPS = ['Step 1 of 4: Building the decision record…', 'Step 2 of 4: Laying out the pages…', 'Step 3 of 4: Signing…', 'Step 4 of 4: Recording the packet in the audit log…'];

test('an analyst exports a signed packet and sees its steps go by in order, with a Cancel button while it works', async ({ app }) => {
  test.skip(app.kind === 'electron', 'the desktop app opens cycles through the OS');
  // mrb demo and an RSA key pair take much of a loaded 2-core machine's default 30 s.
  test.setTimeout(120_000);
  execFileSync(process.execPath, [MRB, 'demo', path.join(app.dir, 'demo')]);
  const { page } = app;
  await page.getByRole('button', { name: 'Open cycle' }).click();
  await page.getByLabel('File').fill('demo/demo-cycle.mrb');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await api(page, 'identities.create', { name: 'Chloe Park', email: 'c.park@bank.example', organisation: 'Example Bank', out: path.join(app.dir, 'chloe.p12'), passphrase: 'board packet 2026' });
  await goTo(page, 'Packets');
  const form = page.getByRole('form', { name: 'Export packet' });
  await expect(form.getByLabel('Signing identity', { exact: true })).toContainText('Chloe Park');

  // Every step the page shows, as it shows it: a step may be on screen for only a moment.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { stepsSeen: string[] }).stepsSeen = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[role="status"]')) {
        const text = el.textContent ?? '';
        if (/^Step \d of 4: /.test(text) && seen.at(-1) !== text) seen.push(text);
      }
      if (!seen.includes('Cancel export') && [...document.querySelectorAll('button')].some((b) => b.textContent === 'Cancel export')) seen.push('Cancel export');
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await form.getByLabel('Passphrase').fill('board packet 2026');
  await form.getByRole('button', { name: 'Export and sign' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Signed packet session-1-decision-packet.pdf saved' })).toBeVisible({ timeout: 60_000 });
  await expect(form.getByRole('button', { name: 'Cancel export' })).toHaveCount(0);

  const seen = await page.evaluate(() => (window as unknown as { stepsSeen: string[] }).stepsSeen);
  expect(seen).toContain('Cancel export');
  const steps = seen.filter((s) => s !== 'Cancel export');
  // The page showed steps, each one of the four, never going back.
  expect(steps.length).toBeGreaterThan(0);
  const order = steps.map((s) => STEPS.indexOf(s));
  expect(order).not.toContain(-1);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(fs.existsSync(path.join(app.dir, 'demo', 'session-1-decision-packet.pdf'))).toBe(true);
});
