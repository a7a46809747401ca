import { expect, test } from './fixtures';
import { cycleOverCrashableThread } from './hostOverThread';

/** The services' thread made to die (crashableEntry) as a bug in a handler would, while the page is open. */
test('the services die while the analyst works: the page says once that they were started again, the cycle is still open, and the next save lands', async ({ appKind, browser }) => {
  test.skip(appKind === 'electron', 'the desktop app starts its own services; the shell test crashes them against the recording fake');
  const { page, file, crash, close } = await cycleOverCrashableThread(browser, { width: 1280, height: 800 });
  try {

    expect(await crash()).toMatchObject({ ok: false, error: { code: 'internal' } });
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
    await close();
  }
});
