import path from 'node:path';
import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import { PRESENTER_QUERY } from '../../shared/contract/transport';
import { APP_ORIGIN } from './security';
import type { WindowState } from './windowState';

/** The main window's options: the hardening every window of ours has. */
export function mainWindowOptions(preload: string, state: WindowState): BrowserWindowConstructorOptions {
  return {
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Model Review Board',
    backgroundColor: '#1c1c1e',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

export const START_URL = `${APP_ORIGIN}/index.html`;
export const PRESENTER_URL = `${START_URL}?${PRESENTER_QUERY}`;

/** The presenter window: the same hardening, sized for a projector, no menu bar to show. */
export function presenterWindowOptions(preload: string): BrowserWindowConstructorOptions {
  const base = mainWindowOptions(preload, { width: 1280, height: 720, maximized: false });
  return { ...base, title: 'Model Review Board — presenter view', autoHideMenuBar: true, backgroundColor: '#000000' };
}

export function preloadPath(distElectronDir: string): string {
  return path.join(distElectronDir, 'preload.cjs');
}

export function windowStateOf(win: BrowserWindowType): WindowState {
  const b = win.getNormalBounds();
  return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
}
