import { defineConfig } from '@playwright/test';

/**
 * The same user stories run in two projects: Debian's Chromium against the loopback
 * host (`mrb serve`, real services), and the real Electron app where its binary exists
 * (skipped with a printed reason where it does not; see test/e2e/fixtures.ts).
 */
export default defineConfig<{ appKind: 'browser' | 'electron' }>({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  // One retry on CI: a story that fails twice is a failure; one that passes on retry is named as flaky in the list.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'chromium', use: { appKind: 'browser' } },
    { name: 'electron', use: { appKind: 'electron' } },
  ],
});
