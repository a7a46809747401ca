import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';
import { goTo } from './steps';

const MRB = path.resolve(__dirname, '../../dist/electron/mrb.cjs');

test('the verify screen calls a packet valid only when its signer chains to a CA trusted here, says which, and names a packet of another cycle', async ({ app }) => {
  test.skip(app.kind === 'electron', 'the desktop app opens cycles through the OS dialog');
  test.setTimeout(150_000);
  // Two whole cycles, each with its own signer, CA and signed packet (mrb demo).
  execFileSync(process.execPath, [MRB, 'demo', path.join(app.dir, 'ours')]);
  execFileSync(process.execPath, [MRB, 'demo', path.join(app.dir, 'theirs')]);
  const { page } = app;
  await page.getByRole('button', { name: 'Open cycle' }).click();
  await page.getByLabel('File').fill('ours/demo-cycle.mrb');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await goTo(page, 'Packets');

  const form = page.getByRole('form', { name: 'Verify packet' });
  const report = page.getByRole('status', { name: 'Verification' });
  const verify = async (file: string, ca = '') => {
    await form.getByLabel('Packet file').fill(file);
    await form.getByLabel('Trusted CA certificate (optional)').fill(ca);
    await form.getByRole('button', { name: 'Verify' }).click();
  };

  // The CA field left empty and no identity here: intact, but nobody vouches for the signer.
  await verify('ours/decision-packet.pdf');
  await expect(report.locator('.verdict')).toHaveText(/^decision-packet\.pdf: signature intact, signer not trusted — signed by Ana Khan/);
  await expect(report).toContainText("No CA trusted here vouches for the signer: anyone can make a CA with the board's names.");
  await expect(report).toContainText("✗ signer trusted: No trusted CA or workspace was given");
  await expect(report).toContainText('✓ signature valid');

  // The board's CA given: valid, naming what was trusted.
  await verify('ours/decision-packet.pdf', 'ours/board-ca.pem');
  await expect(report.locator('.verdict')).toHaveText(/^decision-packet\.pdf: valid — signed by Ana Khan/);
  await expect(report).toContainText('Trusted: board-ca.pem.');
  await expect(report).not.toContainText('belongs to another cycle');

  // Another cycle's packet under our CA: its signer is not trusted, and its cycle is named.
  await verify('theirs/decision-packet.pdf', 'ours/board-ca.pem');
  await expect(report.locator('.verdict')).toHaveText(/^decision-packet\.pdf: signature intact, signer not trusted/);
  await expect(report).toContainText(/✗ chains to the trusted CA: The signer does not chain to board-ca\.pem/);
  await expect(report).toContainText(/This packet belongs to another cycle: .+ \(id [0-9a-f-]{36}\), not the one open here\./);
  await report.screenshot({ path: test.info().outputPath('verify-another-cycle-untrusted.png') });

  // With its own CA it is valid, and still named as another cycle's.
  await verify('theirs/decision-packet.pdf', 'theirs/board-ca.pem');
  await expect(report.locator('.verdict')).toHaveText(/^decision-packet\.pdf: valid/);
  await expect(report).toContainText(/This packet belongs to another cycle/);

  // An identity created here: its CA is trusted from then on, and the screen says so.
  await page.getByRole('button', { name: 'New signing identity…' }).click();
  const identity = page.getByRole('form', { name: 'New signing identity' });
  await identity.getByLabel('Signer name').fill('Chloe Park');
  await identity.getByLabel('Email').fill('c.park@bank.example');
  await identity.getByLabel('Organisation').fill('Example Bank');
  await identity.getByLabel('Passphrase').fill('board packet 2026');
  await identity.getByRole('button', { name: 'Create identity' }).click();
  await expect(page.getByLabel('Signing identity')).toContainText('Chloe Park', { timeout: 20_000 });
  await verify('ours/decision-packet.pdf');
  await expect(report.locator('.verdict')).toHaveText(/signature intact, signer not trusted/);
  await expect(report).toContainText(/✗ chains to the trusted CA: The signer does not chain to the CA of your identity Chloe Park/);

  const exportForm = page.getByRole('form', { name: 'Export packet' });
  await exportForm.getByLabel('Passphrase').fill('board packet 2026');
  await exportForm.getByRole('button', { name: 'Export and sign' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed packet session-1-decision-packet.pdf saved' })).toBeVisible({ timeout: 30_000 });
  await verify('ours/session-1-decision-packet.pdf');
  await expect(report.locator('.verdict')).toHaveText(/^session-1-decision-packet\.pdf: valid — signed by Chloe Park/);
  await expect(report).toContainText(/Trusted: the CA of your identity Chloe Park \([0-9A-F:]{11}…\)\./);
  await page.screenshot({ path: test.info().outputPath('verify-valid-known-identity.png'), fullPage: true });
});
