import path from 'node:path';
import { CRASH_CALL, crashableEntry } from '../helpers/crashableServices';
import { expect, test } from './fixtures';
import { hostOverThread } from './hostOverThread';

/** The services' thread made to die (crashableEntry) while the projector shows the presenter view. */
test('the services die while the presenter is on the projector: it says so as the main window does', async ({ appKind, browser }) => {
  test.skip(appKind === 'electron', 'the desktop app starts its own services; the presenter view is the same page over the loopback host');
  const { dir, services, host, close } = await hostOverThread((built, folder) => ({ entry: crashableEntry(built.entry, folder) }));
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const file = path.join(dir, 'q3.mrb');
    expect(await services.request('cycle.create', { path: file, name: 'Q3 review' })).toMatchObject({ ok: true });
    const page = await context.newPage();
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Q3 review' })).toBeVisible();
    // The presenter's address carries the token, as the Present button's does (presenterUrl).
    const presenter = await context.newPage();
    const address = new URL(host.url);
    address.searchParams.set('view', 'presenter');
    await presenter.goto(address.toString());
    await expect(presenter.getByRole('heading', { name: 'Waiting for the chair' })).toBeVisible();

    expect(await services.call(CRASH_CALL, {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    const banner = presenter.getByRole('alert').filter({ hasText: "The app's services stopped on an internal error and were started again" });
    await expect(banner).toContainText(`and ${file} is open again`, { timeout: 30_000 });
    await expect(presenter.getByRole('heading', { name: 'Waiting for the chair' })).toBeVisible();
    await presenter.screenshot({ path: test.info().outputPath('presenter-services-banner.png') });
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(presenter.getByRole('alert')).toHaveCount(0);
  } finally {
    await context.close();
    await close();
  }
});
