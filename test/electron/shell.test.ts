import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callNames } from '../../shared/contract/calls';
import type { CallProgress, ServicesNotice } from '../../shared/contract/calls';
import {
  IPC_CALL_CHANNEL,
  IPC_CHOOSE_NEW_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_CHOOSE_OPEN_CHANNEL,
  IPC_CHOOSE_SAVE_PDF_CHANNEL,
  IPC_KEYCHAIN_CHANNEL,
  IPC_MENU_CHANNEL,
  IPC_OPEN_PRESENTER_CHANNEL,
  IPC_PROGRESS_CHANNEL,
  IPC_SERVICES_CHANNEL,
} from '../../shared/contract/transport';
import { closedBoardCycle } from '../services/sessions/meeting';
import { fakeElectron, recorder, type FakeWindow } from './fakeElectron';

vi.mock('electron', () => fakeElectron);
// main.ts runs from source here, so the services' thread it starts is the built one (buildOnce), not one beside main.ts.
// It is started through a file that lets the test crash it (crashableEntry).
vi.mock('../../electron/services/serviceThread/serviceThread', async (original) => {
  const actual = await original<typeof import('../../electron/services/serviceThread/serviceThread')>();
  const { resolve } = await import('node:path');
  const { crashableEntry } = await import('../helpers/crashableServices');
  const built = actual.serviceThreadFiles(resolve(__dirname, '../../dist/electron'));
  const entry = crashableEntry(built.entry);
  return { ...actual, serviceThreadFiles: () => ({ ...built, entry }) };
});

const NODE_BINDING = path.resolve(__dirname, '../../node_modules/better-sqlite3/build/Release/better_sqlite3.node');

/** Loads the real main process against the fake, as a packaged app would start. */
async function startShell(): Promise<{ window: FakeWindow; dir: string }> {
  // Lives for the whole file (the shell starts once), so not a per-test temp folder.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-shell-'));
  process.env.MRB_USER_DATA = path.join(dir, 'user');
  fs.mkdirSync(path.join(dir, 'resources', 'native'), { recursive: true });
  fs.copyFileSync(NODE_BINDING, path.join(dir, 'resources', 'native', 'better_sqlite3.node'));
  Object.defineProperty(process, 'resourcesPath', { value: path.join(dir, 'resources'), configurable: true });
  await import('../../electron/main/main');
  recorder.ready();
  await new Promise((r) => setTimeout(r, 50));
  const window = recorder.windows[0];
  if (!window) throw new Error('no window was created');
  return { window, dir };
}

/** Quits as Electron does: before-quit may hold the quit (preventDefault) and quit again once the services have closed. */
async function quitApp(): Promise<void> {
  const quitsBefore = recorder.quit;
  let held = false;
  for (const quit of recorder.appListeners.get('before-quit') ?? []) quit({ preventDefault: () => (held = true) });
  if (held) await vi.waitFor(() => expect(recorder.quit).toBe(quitsBefore + 1), { timeout: 20_000 });
}

/**
 * Whether another process (the CLI, a second app) would find the workspace's writer lock
 * taken. Asked from a child process: POSIX locks are per process, so this one would not see
 * the services' thread's lock, and closing its own handle on the file would drop that lock.
 */
function lockedForOthers(file: string): boolean {
  const probe = `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
const db = new Database(${JSON.stringify(`${file}.lock`)}, { timeout: 0 });
try { db.exec('BEGIN IMMEDIATE'); db.exec('ROLLBACK'); process.stdout.write('free'); } catch (e) { process.stdout.write(e.code === 'SQLITE_BUSY' ? 'held' : String(e)); }`;
  const answer = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).stdout;
  if (answer !== 'held' && answer !== 'free') throw new Error(`the lock probe failed: ${answer}`);
  return answer === 'held';
}

function ipcEvent(window: FakeWindow, url: string) {
  return { sender: { id: window.webContents.id }, senderFrame: { url } };
}

describe('the Electron shell', () => {
  let shell: { window: FakeWindow; dir: string };
  beforeAll(async () => {
    shell = await startShell();
  });
  afterAll(async () => {
    await quitApp();
    fs.rmSync(shell.dir, { recursive: true, force: true });
  });

  it('asks for the single-instance lock and registers app:// as a privileged scheme before ready', () => {
    expect(recorder.singleInstanceRequested).toBe(1);
    expect(recorder.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('opens one hardened window on the app:// protocol', () => {
    const prefs = shell.window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(shell.window.loaded).toEqual(['app://mrb/index.html']);
  });

  it('serves the renderer with a strict CSP and refuses paths outside it', async () => {
    const handler = recorder.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    for (const url of ['app://mrb/../../etc/passwd', 'app://mrb/%2e%2e/%2e%2e/etc/passwd', 'app://mrb/assets/..%2f..%2f..%2fpackage.json', 'app://mrb/missing.js']) {
      expect(handler!({ url }).status).toBe(404);
    }
    const csp = handler!({ url: 'app://mrb/nothing-here.js' }).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it('blocks navigation away, new windows and every permission', () => {
    const prevented = vi.fn();
    shell.window.webContents.emit('will-navigate', { preventDefault: prevented }, 'https://example.com/');
    expect(prevented).toHaveBeenCalledTimes(1);
    const allowed = vi.fn();
    shell.window.webContents.emit('will-navigate', { preventDefault: allowed }, 'app://mrb/overview');
    expect(allowed).not.toHaveBeenCalled();
    expect(shell.window.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const granted = vi.fn();
    recorder.permissionRequest?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(recorder.permissionCheck?.()).toBe(false);
  });

  it('serves every contract call over one IPC channel, validating arguments', async () => {
    const handle = recorder.ipcHandlers.get(IPC_CALL_CHANNEL)!;
    const event = ipcEvent(shell.window, 'app://mrb/index.html');
    expect(await handle(event, 'cycle.info', {})).toEqual({ ok: true, value: null });
    expect(await handle(event, 'cycle.recent', {})).toEqual({ ok: true, value: [] });
    expect(await handle(event, 'cycle.create', { path: 'x.mrb' })).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'name' } });
    const created = await handle(event, 'cycle.create', { path: path.join(shell.dir, 'q3.mrb'), name: 'Q3' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Q3' } });
    // Every declared call reaches a handler: none answers "unknown call".
    for (const name of callNames) {
      const reply = (await handle(event, name, {})) as { ok: boolean; error?: { code: string } };
      expect(reply.error?.code, name).not.toBe('unknown_call');
    }
    expect(await handle(event, 'cycle.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('forwards the calls to the services\' thread and its change events to every window', async () => {
    const handle = recorder.ipcHandlers.get(IPC_CALL_CHANNEL)!;
    const event = ipcEvent(shell.window, 'app://mrb/index.html');
    const file = path.join(shell.dir, 'events.mrb');
    const before = shell.window.webContents.sent.length;
    expect(await handle(event, 'cycle.create', { path: file, name: 'Events' })).toMatchObject({ ok: true, value: { name: 'Events' } });
    // The workspace is held by the services' thread: nobody else may write to it.
    expect(lockedForOthers(file)).toBe(true);
    await vi.waitFor(() => expect(shell.window.webContents.sent.slice(before)).toContainEqual([IPC_EVENT_CHANNEL, { entity: 'workspace', ids: [file], seq: null }]));
    expect(await handle(event, 'packets.cancelExport', { exportId: 'none-running' })).toEqual({ ok: true, value: { cancelled: false } });
    expect(await handle(event, 'cycle.open', { path: path.join(shell.dir, 'q3.mrb') })).toMatchObject({ ok: true, value: { name: 'Q3' } });
  });

  it('refuses calls from another origin or a frame that is not ours', async () => {
    const handle = recorder.ipcHandlers.get(IPC_CALL_CHANNEL)!;
    const foreign = await handle(ipcEvent(shell.window, 'https://evil.example/'), 'cycle.info', {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const stranger = await handle({ sender: { id: 9999 }, senderFrame: { url: 'app://mrb/index.html' } }, 'cycle.info', {});
    expect(stranger).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await recorder.ipcHandlers.get(IPC_CHOOSE_OPEN_CHANNEL)!(ipcEvent(shell.window, 'https://evil.example/'))).toBeNull();
    expect(recorder.ipcHandlers.has(IPC_CHOOSE_NEW_CHANNEL)).toBe(true);
  });

  it('asks where to save a packet with the save dialog, for our own pages only, and the name ends in .pdf', async () => {
    const choose = recorder.ipcHandlers.get(IPC_CHOOSE_SAVE_PDF_CHANNEL)!;
    expect(await choose(ipcEvent(shell.window, 'https://evil.example/'), 'x.pdf')).toBeNull();
    const dialog = fakeElectron.dialog as unknown as { showSaveDialog: (options: unknown) => Promise<{ canceled: boolean; filePath?: string }> };
    const original = dialog.showSaveDialog;
    const asked: unknown[] = [];
    dialog.showSaveDialog = async (options) => {
      asked.push(options);
      return { canceled: false, filePath: '/board/q3 packet' };
    };
    try {
      expect(await choose(ipcEvent(shell.window, 'app://mrb/index.html'), 'session-1-decision-packet.pdf')).toBe('/board/q3 packet.pdf');
      expect(asked).toEqual([expect.objectContaining({ defaultPath: 'session-1-decision-packet.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] })]);
    } finally {
      dialog.showSaveDialog = original;
    }
    expect(await choose(ipcEvent(shell.window, 'app://mrb/index.html'), 'x.pdf')).toBeNull();
  });

  it('opens one hardened presenter window for our own pages only, and brings it forward when asked again', async () => {
    const open = recorder.ipcHandlers.get(IPC_OPEN_PRESENTER_CHANNEL)!;
    await open(ipcEvent(shell.window, 'https://evil.example/'));
    expect(recorder.windows).toHaveLength(1);
    await open(ipcEvent(shell.window, 'app://mrb/index.html'));
    await open(ipcEvent(shell.window, 'app://mrb/index.html'));
    expect(recorder.windows).toHaveLength(2);
    const presenter = recorder.windows[1]!;
    expect(presenter.loaded).toEqual(['app://mrb/index.html?view=presenter']);
    expect(presenter.focused).toBe(1);
    expect(presenter.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    const prevented = vi.fn();
    presenter.webContents.emit('will-navigate', { preventDefault: prevented }, 'https://example.com/');
    expect(prevented).toHaveBeenCalledTimes(1);
    // Its pages may call the contract too: it reads the live session through it.
    expect(await recorder.ipcHandlers.get(IPC_CALL_CHANNEL)!(ipcEvent(presenter, 'app://mrb/index.html?view=presenter'), 'cycle.recent', {})).toMatchObject({ ok: true });
  });

  it('keeps identity passphrases in the OS keychain, sealed, and never with a plain-text backend', async () => {
    const keychain = recorder.ipcHandlers.get(IPC_KEYCHAIN_CHANNEL)!;
    const ours = ipcEvent(shell.window, 'app://mrb/index.html');
    const fingerprint = 'ab'.repeat(32);
    expect(await keychain(ours, { op: 'status' })).toEqual({ available: true, reason: null });
    expect(await keychain(ours, { op: 'save', fingerprint, passphrase: 'board packet 2026' })).toMatchObject({ saved: true });
    const stored = fs.readFileSync(path.join(shell.dir, 'user', 'keychain.json'), 'utf8');
    expect(stored).toContain(fingerprint);
    expect(stored).not.toContain('board packet 2026');
    expect(await keychain(ours, { op: 'load', fingerprint })).toMatchObject({ passphrase: 'board packet 2026' });
    expect(await keychain(ipcEvent(shell.window, 'https://evil.example/'), { op: 'load', fingerprint })).toEqual({ available: false, reason: 'This window may not use the keychain.' });

    recorder.keychainBackend = 'basic_text';
    try {
      expect(await keychain(ours, { op: 'status' })).toMatchObject({ available: false, reason: expect.stringMatching(/basic_text.*plain text/) });
      expect(await keychain(ours, { op: 'load', fingerprint })).toMatchObject({ available: false, passphrase: null });
      expect(await keychain(ours, { op: 'save', fingerprint, passphrase: 'x' })).toMatchObject({ saved: false });
    } finally {
      recorder.keychainBackend = 'gnome_libsecret';
    }
    await keychain(ours, { op: 'forget', fingerprint });
    expect(await keychain(ours, { op: 'load', fingerprint })).toMatchObject({ passphrase: null });
  });

  it('has a native menu: File (New, Start Next, Open, Open Recent, Print, Close), Window, Help with About', () => {
    const menu = recorder.menus.at(-1) as { label?: string; role?: string; submenu?: { label?: string }[] }[];
    const file = menu.find((m) => m.label === '&File');
    expect(file?.submenu?.map((i) => i.label).filter(Boolean)).toEqual(['New Cycle…', 'Start Next Cycle…', 'Open Cycle…', 'Open Recent', 'Print…', 'Close Cycle', 'Quit']);
    expect(menu.find((m) => m.label === '&Window')?.submenu?.[0]).toMatchObject({ label: 'Presenter View', accelerator: 'CmdOrCtrl+Shift+P' });
    expect(menu.find((m) => m.label === '&Help')?.submenu?.[0]?.label).toBe('About Model Review Board');
    const recent = file?.submenu?.find((i) => i.label === 'Open Recent') as { submenu?: { label?: string }[] };
    expect(recent.submenu?.[0]?.label).toMatch(/^Q3 — .*q3\.mrb$/);
  });

  it('Help > Open Log Folder opens the folder of the log the app writes its internal errors to', () => {
    const menu = recorder.menus.at(-1) as { label?: string; submenu?: { label?: string; click?: () => void }[] }[];
    menu.find((m) => m.label === '&Help')?.submenu?.find((i) => i.label === 'Open Log Folder')?.click?.();
    expect(recorder.openedPaths).toEqual([path.join(shell.dir, 'user', 'logs')]);
    expect(fs.statSync(path.join(shell.dir, 'user', 'logs')).isDirectory()).toBe(true);
  });

  it('File > Print… (Ctrl+P) prints the window in front', () => {
    const menu = recorder.menus.at(-1) as { label?: string; submenu?: { label?: string; accelerator?: string; click?: () => void }[] }[];
    const item = menu.find((m) => m.label === '&File')?.submenu?.find((i) => i.label === 'Print…');
    expect(item?.accelerator).toBe('CmdOrCtrl+P');
    const before = shell.window.webContents.printed;
    item?.click?.();
    expect(shell.window.webContents.printed).toBe(before + 1);
  });

  it('File > Start Next Cycle… asks the page to open the next-cycle dialog', () => {
    const menu = recorder.menus.at(-1) as { label?: string; submenu?: { label?: string; click?: () => void }[] }[];
    const item = menu.find((m) => m.label === '&File')?.submenu?.find((i) => i.label === 'Start Next Cycle…');
    const before = shell.window.webContents.sent.length;
    item?.click?.();
    expect(shell.window.webContents.sent.slice(before)).toEqual([[IPC_MENU_CHANNEL, { kind: 'next-cycle' }]]);
  });

  it('hands a packet export\'s phases to every window on the progress channel, in order', { timeout: 120_000 }, async () => {
    const handle = recorder.ipcHandlers.get(IPC_CALL_CHANNEL)!;
    const event = ipcEvent(shell.window, 'app://mrb/index.html');
    const { file, dir, board } = closedBoardCycle();
    try {
      expect(await handle(event, 'cycle.open', { path: file })).toMatchObject({ ok: true });
      const identity = (await handle(event, 'identities.create', { name: 'Ann Lee', email: 'ann@bank.example', organisation: 'Example Bank', out: path.join(dir, 'ann.p12'), passphrase: 'board passphrase' })) as {
        value: { fingerprint: string };
      };
      const exported = await handle(event, 'packets.export', {
        sessionId: board.sessionId,
        identity: identity.value.fingerprint,
        passphrase: 'board passphrase',
        out: path.join(dir, 'q3.pdf'),
        exportId: 'shell-export',
      });
      expect(exported).toMatchObject({ ok: true, value: { fileName: 'q3.pdf' } });
      const progress = shell.window.webContents.sent.filter(([channel]) => channel === IPC_PROGRESS_CHANNEL).map(([, p]) => p as CallProgress);
      expect(progress).toEqual(['build', 'pages', 'sign', 'record'].map((phase) => ({ call: 'packets.export', id: 'shell-export', phase })));
    } finally {
      expect(await handle(event, 'cycle.open', { path: path.join(shell.dir, 'q3.mrb') })).toMatchObject({ ok: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts the services again after their thread dies: the call in flight gets a sentence, the workspace is open again, and every window is told once', async () => {
    const handle = recorder.ipcHandlers.get(IPC_CALL_CHANNEL)!;
    const event = ipcEvent(shell.window, 'app://mrb/index.html');
    const file = path.join(shell.dir, 'q3.mrb');
    const before = shell.window.webContents.sent.length;
    expect(await handle(event, 'test.crash', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/^The app's services stopped on an internal error before test\.crash/) } });
    expect(await handle(event, 'cycle.info', {})).toMatchObject({ ok: true, value: { name: 'Q3', path: file } });
    // The new thread holds the workspace and its writer lock, as the dead one did.
    expect(lockedForOthers(file)).toBe(true);
    const sent = shell.window.webContents.sent.slice(before);
    const notices = sent.filter(([channel]) => channel === IPC_SERVICES_CHANNEL).map(([, n]) => n as ServicesNotice);
    expect(notices).toEqual([{ kind: 'restarted', message: expect.stringContaining(`and ${file} is open again`) }]);
    expect(sent).toContainEqual([IPC_EVENT_CHANNEL, { entity: 'workspace', ids: [file], seq: null }]);
  });

  it('holds the quit until the services\' thread has closed the workspace and let its writer lock go', async () => {
    const file = path.join(shell.dir, 'q3.mrb');
    expect(lockedForOthers(file)).toBe(true);
    await quitApp();
    expect(lockedForOthers(file)).toBe(false);
  });
});

describe('the preload bridge', () => {
  it('exposes exactly the DesktopBridge functions as window.mrb, never ipcRenderer', async () => {
    await import('../../electron/preload/preload');
    const bridge = recorder.exposed.get('mrb') as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([
      'call',
      'chooseBundlePaths',
      'chooseCyclePath',
      'chooseNewCyclePath',
      'choosePdfSavePath',
      'keychain',
      'kind',
      'onEvent',
      'onJob',
      'onMenuCommand',
      'onProgress',
      'onServices',
      'openPresenter',
      'pathForFile',
    ]);
    expect(bridge.kind).toBe('electron');
    expect(await (bridge.call as (n: string, a: unknown) => Promise<unknown>)('cycle.info', {})).toEqual([IPC_CALL_CHANNEL, 'cycle.info', {}]);
  });

  it('hands the page the progress and services events main sends, without the IPC event, until it unsubscribes', async () => {
    await import('../../electron/preload/preload');
    const bridge = recorder.exposed.get('mrb') as Record<string, (listener: (payload: unknown) => void) => () => void>;
    for (const [subscribe, channel, payload] of [
      ['onProgress', IPC_PROGRESS_CHANNEL, { call: 'packets.export', id: 'x', phase: 'sign' }],
      ['onServices', IPC_SERVICES_CHANNEL, { kind: 'restarted', message: 'The services were started again.' }],
    ] as const) {
      const received: unknown[] = [];
      const off = bridge[subscribe]!((p) => received.push(p));
      const deliver = () => recorder.rendererListeners.get(channel)?.forEach((l) => l({ sender: 'the IPC event' }, payload));
      deliver();
      off();
      deliver();
      expect(received, subscribe).toEqual([payload]);
    }
  });
});
