import type { App, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';

/**
 * Everything the desktop window may load or do, in one place. The UI comes only from the
 * app:// protocol; nothing remote is ever loaded, opened, navigated to or granted.
 */

export const APP_ORIGIN = 'app://mrb';

export const CSP = CONTENT_SECURITY_POLICY;

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'mrb';
  } catch {
    return false;
  }
}

/** Locks one web contents: no navigation away, no new windows, no webviews. */
export function lockWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No permission (camera, notifications, geolocation, ...) is ever granted. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function installSecurity(app: App): void {
  app.on('web-contents-created', (_event, contents) => lockWebContents(contents));
}
