import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const MRB = path.resolve(__dirname, '../../dist/electron/mrb.cjs');

test('the chair exports a signed packet from a closed session, sees it listed with its hash, and the verify screen says valid', async ({ app }) => {
  test.skip(app.kind === 'electron', 'the desktop app opens cycles and drops files through the OS');
  // mrb demo and two RSA key pairs take most of a loaded 2-core machine's default 30 s.
  test.setTimeout(120_000);
  // A whole cycle with a closed session, built by the same services (mrb demo).
  execFileSync(process.execPath, [MRB, 'demo', path.join(app.dir, 'demo')]);
  const { page } = app;
  await page.getByRole('button', { name: 'Open cycle' }).click();
  await page.getByLabel('File').fill('demo/demo-cycle.mrb');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Packets' }).click();

  const list = page.getByRole('table', { name: 'Packets' });
  await expect(list.getByRole('row')).toHaveCount(2);

  await page.getByRole('button', { name: 'New signing identity…' }).click();
  const identity = page.getByRole('form', { name: 'New signing identity' });
  await identity.getByLabel('Signer name').fill('Chloe Park');
  await identity.getByLabel('Email').fill('c.park@bank.example');
  await identity.getByLabel('Organisation').fill('Example Bank');
  await identity.getByLabel('Passphrase').fill('short');
  await identity.getByRole('button', { name: 'Create identity' }).click();
  await expect(identity.getByText('Passphrase: must be at least 8 characters')).toBeVisible();
  await identity.getByLabel('Passphrase').fill('board packet 2026');
  await identity.getByRole('button', { name: 'Create identity' }).click();
  // Making an RSA key takes seconds on a busy machine; the select appears once the identity exists.
  await expect(page.getByLabel('Signing identity', { exact: true })).toContainText('Chloe Park', { timeout: 30_000 });

  const form = page.getByRole('form', { name: 'Export packet' });
  await form.getByLabel('Passphrase').fill('not it at all');
  await form.getByRole('button', { name: 'Export and sign' }).click();
  await expect(form.getByText(/The passphrase does not open signer\.p12/)).toBeVisible({ timeout: 15_000 });
  await form.getByLabel('Passphrase').fill('board packet 2026');
  await form.getByRole('button', { name: 'Export and sign' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Signed packet session-1-decision-packet.pdf saved' });
  await expect(saved).toBeVisible({ timeout: 20_000 });
  // A bare name is saved beside the workspace.
  const file = path.join(app.dir, 'demo', 'session-1-decision-packet.pdf');
  const sha = (await saved.locator('code').textContent()) ?? '';
  expect(sha).toBe(execFileSync('sha256sum', [file]).toString().split(' ')[0]);
  await expect(list.getByRole('row')).toHaveCount(3);
  await expect(list.getByRole('row', { name: /session-1-decision-packet\.pdf/ })).toContainText(sha);

  const bytes = fs.readFileSync(file).toString('base64');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([raw], 'session-1-decision-packet.pdf', { type: 'application/pdf' }));
    return transfer;
  }, bytes);
  const zone = page.getByRole('region', { name: 'Verify a packet' });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
  const report = page.getByRole('status', { name: 'Verification' });
  await expect(report).toContainText('session-1-decision-packet.pdf: valid — signed by Chloe Park');
  await expect(report).toContainText('✓ whole file signed');
  await expect(report).toContainText('✓ chain head matches');

  // The session's own page lists its packets too.
  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Sessions' }).click();
  await page.getByRole('button', { name: 'Q3 model risk board' }).click();
  const own = page.getByRole('list', { name: 'Packets of this session' });
  await expect(own.getByRole('listitem')).toHaveCount(2);
  await expect(own).toContainText(sha);
});
