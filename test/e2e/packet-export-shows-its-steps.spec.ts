import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { PACKET_PASSPHRASE, packetsOverGatedThread } from './hostOverThread';

const STEPS = ['Step 1 of 4: Building the decision record…', 'Step 2 of 4: Laying out the pages…', 'Step 3 of 4: Signing…', 'Step 4 of 4: Recording the packet in the audit log…'];

test('an analyst exports a signed packet and sees its steps go by in order, with a Cancel button while it works', async ({ appKind, browser }) => {
  test.skip(appKind === 'electron', 'the desktop app opens cycles through the OS');
  // mrb demo and an RSA key pair take much of a loaded 2-core machine's default 30 s.
  test.setTimeout(120_000);
  // The packet worker waits for the gate, so building the record is seen however fast the machine; the rest goes at its own pace.
  const { page, dir, gate, close } = await packetsOverGatedThread(browser);
  try {
    const form = page.getByRole('form', { name: 'Export packet' });
    // Every step the page shows, as it shows it: after the record, a step may be on screen for only a moment.
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
    await form.getByLabel('Passphrase').fill(PACKET_PASSPHRASE);
    await form.getByRole('button', { name: 'Export and sign' }).click();
    await expect(form.getByText('Step 1 of 4: Building the decision record…')).toBeVisible({ timeout: 30_000 });
    await expect(form.getByRole('button', { name: 'Cancel export' })).toBeVisible();
    await expect(form.getByRole('button', { name: 'Exporting…' })).toBeDisabled();

    fs.writeFileSync(gate, '');
    await expect(form.getByRole('status').filter({ hasText: 'Signed packet session-1-decision-packet.pdf saved' })).toBeVisible({ timeout: 60_000 });
    await expect(form.getByRole('button', { name: 'Cancel export' })).toHaveCount(0);
    const seen = await page.evaluate(() => (window as unknown as { stepsSeen: string[] }).stepsSeen);
    // Each step the page showed is one of the four, in order, and the record's among them.
    const order = seen.map((s) => STEPS.indexOf(s));
    expect(order).not.toContain(-1);
    expect(order).toEqual([...new Set(order)].sort((a, b) => a - b));
    expect(seen).toContain(STEPS[0]);
    expect(fs.existsSync(path.join(dir, 'demo', 'session-1-decision-packet.pdf'))).toBe(true);
  } finally {
    await close();
  }
});
