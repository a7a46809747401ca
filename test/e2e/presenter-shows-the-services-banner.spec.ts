import { expect, test } from './fixtures';
import { cycleOverCrashableThread } from './hostOverThread';

/** The services' thread made to die (crashableEntry) while the projector shows the presenter view. */
test('the services die while the presenter is on the projector: it says so as the main window does', async ({ appKind, browser }) => {
  test.skip(appKind === 'electron', 'the desktop app starts its own services; the presenter view is the same page over the loopback host');
  const { context, file, url, crash, close } = await cycleOverCrashableThread(browser, { width: 1280, height: 720 });
  try {
    // The presenter's address carries the token, as the Present button's does (presenterUrl).
    const presenter = await context.newPage();
    const address = new URL(url);
    address.searchParams.set('view', 'presenter');
    await presenter.goto(address.toString());
    await expect(presenter.getByRole('heading', { name: 'Waiting for the chair' })).toBeVisible();

    expect(await crash()).toMatchObject({ ok: false, error: { code: 'internal' } });
    const banner = presenter.getByRole('alert').filter({ hasText: "The app's services stopped on an internal error and were started again" });
    await expect(banner).toContainText(`and ${file} is open again`, { timeout: 30_000 });
    await expect(presenter.getByRole('heading', { name: 'Waiting for the chair' })).toBeVisible();
    await presenter.screenshot({ path: test.info().outputPath('presenter-services-banner.png') });
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(presenter.getByRole('alert')).toHaveCount(0);
  } finally {
    await close();
  }
});
