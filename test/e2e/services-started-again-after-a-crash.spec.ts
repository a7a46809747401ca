import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost } from '../../electron/host/loopbackHost';
import { ServiceThread, serviceThreadFiles } from '../../electron/services/serviceThread/serviceThread';
import { CRASH_CALL, crashableEntry } from '../helpers/crashableServices';
import { expect, test } from './fixtures';

const DIST = path.resolve(__dirname, '../../dist');

/**
 * The loopback host as `mrb serve` runs it, but over a services' thread the test can make
 * die (crashableEntry): a bug in a handler, as the analyst would meet it.
 */
test('the services die while the analyst works: the page says once that they were started again, the cycle is still open, and the next save lands', async ({ appKind, browser }) => {
  test.skip(appKind === 'electron', 'the desktop app starts its own services; the shell test crashes them against the recording fake');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-e2e-crash-'));
  const userData = path.join(dir, 'user');
  const previous = process.env.MRB_USER_DATA;
  process.env.MRB_USER_DATA = userData;
  const built = serviceThreadFiles(path.join(DIST, 'electron'));
  const services = new ServiceThread({ ...built, entry: crashableEntry(built.entry, dir) }, { userDataDir: userData, workspace: { actor: 'analyst@bank.example' } });
  const host = await startHost({ call: services.call, subscribe: (emit) => services.onEvent(emit), rendererDir: path.join(DIST, 'renderer') });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const file = path.join(dir, 'q3.mrb');
    expect(await services.request('cycle.create', { path: file, name: 'Q3 review' })).toMatchObject({ ok: true });
    const page = await context.newPage();
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Q3 review' })).toBeVisible();

    expect(await services.call(CRASH_CALL, {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    const banner = page.getByRole('alert').filter({ hasText: "The app's services stopped on an internal error and were started again" });
    await expect(banner).toContainText(`and ${file} is open again`);
    await expect(banner).toContainText('check your last change');
    await page.screenshot({ path: test.info().outputPath('services-started-again.png') });

    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Name').fill('Q3 review, after the restart');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { name: 'Q3 review, after the restart' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(1);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    await context.close();
    await host.close();
    await services.close();
    if (previous === undefined) delete process.env.MRB_USER_DATA;
    else process.env.MRB_USER_DATA = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
