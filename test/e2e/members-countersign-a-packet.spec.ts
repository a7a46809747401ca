import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { goTo } from './steps';

const MRB = path.resolve(__dirname, '../../dist/electron/mrb.cjs');

test('members countersign the chair’s packet, one in the app and one with mrb countersign; the Packets place shows who signed and who has not yet', async ({ app }) => {
  test.skip(app.kind === 'electron', 'the desktop app opens cycles through the OS dialog');
  test.setTimeout(180_000);
  // A whole cycle whose closed session 1 has voting members Ana Khan (chair, the packet's signer), Ben Ortiz and Chloe Park.
  execFileSync(process.execPath, [MRB, 'demo', path.join(app.dir, 'ours')]);
  const { page } = app;
  await page.getByRole('button', { name: 'Open cycle' }).click();
  await page.getByLabel('File').fill('ours/demo-cycle.mrb');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await goTo(page, 'Packets');

  // Ben makes his signing identity here.
  await page.getByRole('button', { name: 'New signing identity…' }).click();
  const identity = page.getByRole('form', { name: 'New signing identity' });
  await identity.getByLabel('Signer name').fill('Ben Ortiz');
  await identity.getByLabel('Email').fill('b.ortiz@bank.example');
  await identity.getByLabel('Organisation').fill('Example Bank');
  await identity.getByLabel('Identity file').fill('ben.p12');
  await identity.getByLabel('CA certificate file').fill('ben-ca.pem');
  await identity.getByLabel('Passphrase').fill('board packet 2026');
  await identity.getByRole('button', { name: 'Create identity' }).click();
  await expect(page.getByLabel('Countersign as')).toContainText('Ben Ortiz <b.ortiz@bank.example>', { timeout: 30_000 });

  // A wrong passphrase is refused at its field; nothing is written.
  const form = page.getByRole('form', { name: 'Countersign packet' });
  await form.getByLabel('Packet to countersign').fill('ours/decision-packet.pdf');
  await form.getByLabel('Save as').fill('countersigned.pdf');
  await form.getByLabel('Passphrase').fill('not the passphrase');
  await form.getByRole('button', { name: 'Countersign' }).click();
  await expect(form.locator('.field-error')).toHaveText('The passphrase does not open ben.p12; check it and try again.');

  await form.getByLabel('Passphrase').fill('board packet 2026');
  await form.getByRole('button', { name: 'Countersign' }).click();
  const card = page.locator('section.card', { has: form });
  await expect(card.getByRole('status').filter({ hasText: 'Countersigned countersigned.pdf: signature 2 of 2.' })).toBeVisible({ timeout: 30_000 });
  const signatures = card.getByRole('table', { name: 'Signatures' });
  await expect(signatures.locator('tbody tr')).toHaveCount(2);
  await expect(signatures.locator('tbody tr').nth(0)).toContainText('Ana Khan');
  await expect(signatures.locator('tbody tr').nth(0)).toContainText('not trusted here');
  await expect(signatures.locator('tbody tr').nth(1)).toContainText(/Ben Ortiz · b\.ortiz@bank\.example.*the CA of your identity Ben Ortiz/);
  await expect(card).toContainText('Voting members of session 1: Q3 model risk board');
  await expect(card).toContainText('Not signed yet: Chloe Park (Compliance).');
  await expect(card.getByRole('list', { name: 'Members who signed' }).locator('li')).toHaveText([/Ana Khan \(Chief Risk Officer\) signed \(signature 1\)/, /Ben Ortiz \(Head of Model Validation\) signed \(signature 2\)/]);

  // Chloe signs on her own machine with the CLI, and sends the file back.
  const env = { ...process.env, MRB_PASSPHRASE: 'chloe signs 2026' };
  execFileSync(process.execPath, [MRB, 'identity', 'create', '--name', 'Chloe Park', '--email', 'c.park@bank.example', '--org', 'Example Bank', '--out', 'chloe.p12', '--ca-out', 'chloe-ca.pem'], { cwd: app.dir, env });
  execFileSync(process.execPath, [MRB, 'countersign', 'countersigned.pdf', '--identity', 'chloe.p12', '--out', 'countersigned.pdf'], { cwd: app.dir, env });

  // The secretary drops the returned file on the verify screen, with the board's CA given: everyone voting has signed; Chloe's CA is not one trusted here.
  const verify = page.getByRole('form', { name: 'Verify packet' });
  await verify.getByLabel('Trusted CA certificate (optional)').fill('ours/board-ca.pem');
  const bytes = fs.readFileSync(path.join(app.dir, 'countersigned.pdf')).toString('base64');
  const dataTransfer = await page.evaluateHandle((b64) => {
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([raw], 'countersigned.pdf', { type: 'application/pdf' }));
    return transfer;
  }, bytes);
  const zone = page.getByRole('region', { name: 'Verify a packet' });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
  const report = zone.getByRole('status', { name: 'Verification' });
  await expect(report.locator('.verdict')).toHaveText(/^countersigned\.pdf: signature intact, signer not trusted — signed by Ana Khan/);
  await expect(report.getByRole('table', { name: 'Signatures' }).locator('tbody tr')).toHaveCount(3);
  await expect(report).toContainText('Every voting member has signed.');
  await expect(report).toContainText('Chloe Park (Compliance) signed (signature 3)');
  await expect(report).toContainText('but no CA trusted here vouches for the certificate');
  await expect(report).toContainText('✓ signature 3: only a signature added');
  await report.screenshot({ path: test.info().outputPath('countersigned-three-signers.png') });
});
