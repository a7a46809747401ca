import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session as electronSession, shell } from 'electron';
import { Keychain } from './keychain';
import type { ChangeEvent } from '../../shared/contract/calls';
import { CHANGE_EVENT_NAME, IPC_MENU_CHANNEL, type MenuCommand } from '../../shared/contract/transport';
import { logFolder } from '../services/errorLog';
import { defaultUserDataDir, RecentCycles } from '../services/recentCycles';
import { ServiceThread, serviceThreadFiles } from '../services/serviceThread/serviceThread';
import { sqliteVersion } from '../services/store/queries';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { forwardEvent, registerIpc } from './ipc';
import { mainWindowOptions, preloadPath, PRESENTER_URL, presenterWindowOptions, START_URL, windowStateOf } from './mainWindow';
import { aboutText, menuTemplate } from './menu';
import { denyPermissions, installSecurity } from './security';
import { loadWindowState, saveWindowState } from './windowState';

/**
 * The Electron shell: lifecycle, the one main window, menu, dialogs and IPC wiring.
 * Everything else is the same services the CLI and the loopback host use, run in their
 * own thread (ServiceThread) so that no call freezes a window.
 */

// dist/electron/main.cjs: the renderer and the preload sit beside it in dist/.
const distElectron = __dirname;
const rendererDir = path.join(distElectron, '..', 'renderer');
const userDataDir = defaultUserDataDir();
app.setPath('userData', userDataDir);

/** better-sqlite3 compiled for Electron's ABI (npm run native:electron), never the Node build. */
function nativeBinding(): string | null {
  const candidates = app.isPackaged
    ? [path.join(process.resourcesPath, 'native', 'better_sqlite3.node')]
    : [path.join(distElectron, '..', 'native', 'electron', 'better_sqlite3.node')];
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

function cyclePathFromArgs(argv: string[]): string | null {
  return argv.slice(1).find((a) => a.endsWith('.mrb') && fs.existsSync(a)) ?? null;
}

registerAppScheme(protocol);
installSecurity(app);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let presenterWindow: BrowserWindow | null = null;
  const send = (command: MenuCommand) => mainWindow?.webContents.send(IPC_MENU_CHANNEL, command);
  // One presenter window; asking again brings it forward (it usually sits on the projector).
  const openPresenter = () => {
    if (presenterWindow) {
      presenterWindow.focus();
      return;
    }
    presenterWindow = new BrowserWindow(presenterWindowOptions(preloadPath(distElectron)));
    presenterWindow.once('ready-to-show', () => presenterWindow?.show());
    presenterWindow.on('closed', () => {
      presenterWindow = null;
    });
    void presenterWindow.loadURL(PRESENTER_URL);
  };

  app.on('second-instance', (_event, argv) => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    const file = cyclePathFromArgs(argv);
    if (file) send({ kind: 'open-path', path: file });
  });

  app.whenReady().then(() => {
    const binding = nativeBinding();
    if (!binding) {
      dialog.showErrorBox(
        'Model Review Board cannot open workspaces',
        'The SQLite module built for this Electron version is missing. Run `npm run native:electron` in the project folder, then start the app again.',
      );
      app.quit();
      return;
    }
    const services = new ServiceThread(serviceThreadFiles(distElectron), { userDataDir, workspace: { app: 'Model Review Board desktop', nativeBinding: binding } });
    const recent = new RecentCycles(userDataDir);
    denyPermissions(electronSession.defaultSession);
    handleAppProtocol(protocol, rendererDir);
    registerIpc(ipcMain, dialog, services.call, () => BrowserWindow.getAllWindows(), openPresenter, new Keychain(safeStorage, userDataDir));

    const rebuildMenu = () =>
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          menuTemplate(process.platform, recent.list(), {
            send,
            presenter: openPresenter,
            print: () => BrowserWindow.getFocusedWindow()?.webContents.print(),
            quit: () => app.quit(),
            openLog: () => void shell.openPath(logFolder()),
            about: () =>
              void dialog.showMessageBox({
                type: 'info',
                title: 'About Model Review Board',
                message: `Model Review Board ${app.getVersion()}`,
                detail: aboutText({
                  Electron: process.versions.electron,
                  Chromium: process.versions.chrome,
                  Node: process.versions.node,
                  V8: process.versions.v8,
                  SQLite: sqliteVersion(binding),
                }),
              }),
          }, !app.isPackaged),
        ),
      );
    services.onEvent((eventName, payload) => {
      forwardEvent(() => BrowserWindow.getAllWindows(), eventName, payload);
      const entity = eventName === CHANGE_EVENT_NAME ? (payload as ChangeEvent).entity : null;
      if (entity === 'workspace' || entity === 'cycle') rebuildMenu();
    });
    rebuildMenu();

    const state = loadWindowState(userDataDir);
    mainWindow = new BrowserWindow(mainWindowOptions(preloadPath(distElectron), state));
    if (state.maximized) mainWindow.maximize();
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('close', () => {
      if (mainWindow) saveWindowState(userDataDir, windowStateOf(mainWindow));
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
      presenterWindow?.close();
    });
    void mainWindow.loadURL(START_URL);
    const file = cyclePathFromArgs(process.argv);
    if (file) mainWindow.webContents.once('did-finish-load', () => send({ kind: 'open-path', path: file }));

    // The workspace is closed in its thread (its writer lock released) before the app goes.
    let closed = false;
    app.on('before-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      void services.close().then(() => {
        closed = true;
        app.quit();
      });
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
