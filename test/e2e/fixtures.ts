import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test as base, chromium, _electron, type Browser, type ElectronApplication, type Page } from '@playwright/test';

const root = path.resolve(__dirname, '../..');
const MRB = path.join(root, 'dist', 'electron', 'mrb.cjs');
const CHROMIUM = process.env.MRB_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep Chromium from reaching for the network this machine does not have. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export type AppKind = 'browser' | 'electron';

/** Where the Electron binary would be, or why it is not usable here. */
function electronBinary(): { path: string } | { reason: string } {
  try {
    const required = createRequire(__filename)('electron') as unknown;
    if (typeof required === 'string' && fs.existsSync(required)) return { path: required };
    return { reason: 'the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); see README "Air-gapped install"' };
  } catch (err) {
    return { reason: `the Electron binary is not installed: ${(err as Error).message.split('\n')[0]}` };
  }
}

export interface MrbApp {
  kind: AppKind;
  /** Folder the host runs in; relative workspace paths land here. */
  dir: string;
  /** The first page, on the start screen or the open cycle. */
  page: Page;
  /** Another window on the same app (a second browser tab on the same host). */
  openAnotherPage(): Promise<Page>;
  /** Makes the next native save/open dialog answer with this path (Electron only). */
  answerDialogsWith(file: string): Promise<void>;
}

interface Fixtures {
  appKind: AppKind;
  app: MrbApp;
}

interface WorkerFixtures {
  browser: Browser;
}

function startHost(dir: string, userData: string, args: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MRB, 'serve', ...args], {
      cwd: dir,
      env: { ...process.env, MRB_USER_DATA: userData },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`mrb serve exited with ${code}: ${err || out}`)));
  });
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  appKind: ['browser', { option: true }],

  browser: [
    // Playwright reads the fixture's dependencies from this pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  app: async ({ appKind, browser }, use, testInfo) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-e2e-'));
    const userData = path.join(dir, '.user-data');
    try {
      if (appKind === 'browser') {
        const { child, url } = await startHost(dir, userData);
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        await page.goto(url);
        await use({
          kind: 'browser',
          dir,
          page,
          openAnotherPage: async () => {
            const other = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
            await other.goto(url);
            return other;
          },
          answerDialogsWith: async () => undefined,
        });
        await context.close();
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      } else {
        const electron = electronBinary();
        if ('reason' in electron) {
          console.log(`[electron project] skipped: ${electron.reason}`);
          testInfo.skip(true, electron.reason);
          return;
        }
        const electronApp: ElectronApplication = await _electron.launch({
          executablePath: electron.path,
          args: [root],
          cwd: dir,
          env: { ...process.env, MRB_USER_DATA: userData } as Record<string, string>,
        });
        const page = await electronApp.firstWindow();
        await use({
          kind: 'electron',
          dir,
          page,
          openAnotherPage: async () => {
            testInfo.skip(true, 'the desktop app has one main window; a second window arrives with the presenter view');
            return page;
          },
          answerDialogsWith: async (file) => {
            await electronApp.evaluate(({ dialog }, chosen) => {
              dialog.showSaveDialog = (async () => ({ canceled: false, filePath: chosen })) as typeof dialog.showSaveDialog;
              dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [chosen] })) as typeof dialog.showOpenDialog;
            }, file);
          },
        });
        await electronApp.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
