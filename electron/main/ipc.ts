import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Reply } from '../../shared/contract/errors';
import {
  CHANGE_EVENT_NAME,
  IPC_CALL_CHANNEL,
  IPC_CHOOSE_BUNDLES_CHANNEL,
  IPC_CHOOSE_NEW_CHANNEL,
  IPC_CHOOSE_SAVE_PDF_CHANNEL,
  IPC_CHOOSE_OPEN_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_JOB_CHANNEL,
  IPC_KEYCHAIN_CHANNEL,
  IPC_OPEN_PRESENTER_CHANNEL,
  IPC_PROGRESS_CHANNEL,
  IPC_SERVICES_CHANNEL,
  JOB_EVENT_NAME,
  PROGRESS_EVENT_NAME,
  SERVICES_EVENT_NAME,
  type KeychainReply,
} from '../../shared/contract/transport';
import type { Keychain } from './keychain';
import type { CallForwarder } from '../services/serviceThread/serviceThread';
import { isAppUrl } from './security';

const UNAUTHORIZED: Reply<never> = { ok: false, error: { code: 'unauthorized', message: 'This window may not call the app.' } };

/** Only our own windows, showing our own pages, may call. */
export function isTrustedSender(event: IpcMainInvokeEvent, windows: () => BrowserWindow[]): boolean {
  const url = event.senderFrame?.url ?? '';
  return isAppUrl(url) && windows().some((w) => w.webContents.id === event.sender.id);
}

/** The services' events, by transport event name, and the IPC channel each reaches the windows on. */
const EVENT_CHANNELS: Record<string, string> = {
  [CHANGE_EVENT_NAME]: IPC_EVENT_CHANNEL,
  [JOB_EVENT_NAME]: IPC_JOB_CHANNEL,
  [PROGRESS_EVENT_NAME]: IPC_PROGRESS_CHANNEL,
  [SERVICES_EVENT_NAME]: IPC_SERVICES_CHANNEL,
};

/** Hands each event of the services' thread to every window, on its channel. */
export function forwardEvent(windows: () => BrowserWindow[], eventName: string, payload: unknown): void {
  const channel = EVENT_CHANNELS[eventName];
  if (channel === undefined) return;
  for (const w of windows()) w.webContents.send(channel, payload);
}

/**
 * One channel serves the whole contract, forwarded to the services' thread, where the
 * arguments are validated against the contract's schemas by dispatch, exactly as behind
 * the loopback host. Nothing runs here but the forwarding, so a long call (a packet
 * export, an audit check) never freezes a window.
 */
export function registerIpc(ipcMain: IpcMain, dialog: Dialog, call: CallForwarder, windows: () => BrowserWindow[], openPresenter: () => void, keychain: Keychain): void {
  ipcMain.handle(IPC_KEYCHAIN_CHANNEL, (event, request: unknown): KeychainReply => {
    if (!isTrustedSender(event, windows)) return { available: false, reason: 'This window may not use the keychain.' };
    const status = keychain.status();
    const r = (request ?? {}) as { op?: unknown; fingerprint?: unknown; passphrase?: unknown };
    const fingerprint = typeof r.fingerprint === 'string' ? r.fingerprint : '';
    if (r.op === 'save' && typeof r.passphrase === 'string') return { ...status, saved: keychain.save(fingerprint, r.passphrase) };
    if (r.op === 'load') return { ...status, passphrase: keychain.load(fingerprint) };
    if (r.op === 'forget') keychain.forget(fingerprint);
    return status;
  });
  ipcMain.handle(IPC_OPEN_PRESENTER_CHANNEL, (event) => {
    if (isTrustedSender(event, windows)) openPresenter();
  });
  ipcMain.handle(IPC_CALL_CHANNEL, (event, name: unknown, args: unknown) => {
    if (!isTrustedSender(event, windows)) return UNAUTHORIZED;
    return call(typeof name === 'string' ? name : String(name), args);
  });
  ipcMain.handle(IPC_CHOOSE_NEW_CHANNEL, async (event, suggested: unknown) => {
    if (!isTrustedSender(event, windows)) return null;
    const name = typeof suggested === 'string' && suggested.trim() !== '' ? suggested.trim().replace(/[^\w .-]+/g, '-') : 'review-cycle';
    const result = await dialog.showSaveDialog({
      title: 'Create review cycle',
      defaultPath: `${name}.mrb`,
      filters: [{ name: 'Review cycle', extensions: ['mrb'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (result.canceled || !result.filePath) return null;
    return result.filePath.endsWith('.mrb') ? result.filePath : `${result.filePath}.mrb`;
  });
  ipcMain.handle(IPC_CHOOSE_OPEN_CHANNEL, async (event) => {
    if (!isTrustedSender(event, windows)) return null;
    const result = await dialog.showOpenDialog({ title: 'Open review cycle', filters: [{ name: 'Review cycle', extensions: ['mrb'] }], properties: ['openFile'] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
  // No overwrite confirmation: the packet service never overwrites, and says so if the chosen file exists.
  ipcMain.handle(IPC_CHOOSE_SAVE_PDF_CHANNEL, async (event, suggested: unknown) => {
    if (!isTrustedSender(event, windows)) return null;
    const name = typeof suggested === 'string' && suggested.trim() !== '' ? suggested.trim().replace(/[^\w .-]+/g, '-') : 'decision-packet.pdf';
    const result = await dialog.showSaveDialog({ title: 'Save the signed packet', defaultPath: name, filters: [{ name: 'PDF', extensions: ['pdf'] }], properties: ['createDirectory'] });
    if (result.canceled || !result.filePath) return null;
    return result.filePath.toLowerCase().endsWith('.pdf') ? result.filePath : `${result.filePath}.pdf`;
  });
  ipcMain.handle(IPC_CHOOSE_BUNDLES_CHANNEL, async (event) => {
    if (!isTrustedSender(event, windows)) return [];
    const result = await dialog.showOpenDialog({
      title: 'Import evaluation bundles',
      filters: [{ name: 'Bundle (zip)', extensions: ['zip'] }],
      properties: ['openFile', 'openDirectory', 'multiSelections'],
    });
    return result.canceled ? [] : result.filePaths;
  });
}
