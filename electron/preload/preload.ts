import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  IPC_CALL_CHANNEL,
  IPC_CHOOSE_BUNDLES_CHANNEL,
  IPC_CHOOSE_SAVE_PDF_CHANNEL,
  IPC_CHOOSE_NEW_CHANNEL,
  IPC_CHOOSE_OPEN_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_JOB_CHANNEL,
  IPC_MENU_CHANNEL,
  IPC_OPEN_PRESENTER_CHANNEL,
  IPC_KEYCHAIN_CHANNEL,
  IPC_PROGRESS_CHANNEL,
  IPC_SERVICES_CHANNEL,
  type KeychainReply,
  type KeychainRequest,
  type DesktopBridge,
  type MenuCommand,
} from '../../shared/contract/transport';

/**
 * The whole surface the page gets: named functions, never ipcRenderer itself. Runs in a
 * sandboxed preload, so it is bundled to one CommonJS file that requires only 'electron'.
 */
function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
}

const bridge = {
  kind: 'electron',
  call: (name: string, args: unknown) => ipcRenderer.invoke(IPC_CALL_CHANNEL, name, args) as Promise<unknown>,
  onEvent: (listener: (event: unknown) => void) => subscribe(IPC_EVENT_CHANNEL, listener),
  onJob: (listener: (job: unknown) => void) => subscribe(IPC_JOB_CHANNEL, listener),
  onProgress: (listener: (progress: unknown) => void) => subscribe(IPC_PROGRESS_CHANNEL, listener),
  onServices: (listener: (notice: unknown) => void) => subscribe(IPC_SERVICES_CHANNEL, listener),
  chooseNewCyclePath: (suggestedName: string) => ipcRenderer.invoke(IPC_CHOOSE_NEW_CHANNEL, suggestedName) as Promise<string | null>,
  chooseCyclePath: () => ipcRenderer.invoke(IPC_CHOOSE_OPEN_CHANNEL) as Promise<string | null>,
  chooseBundlePaths: () => ipcRenderer.invoke(IPC_CHOOSE_BUNDLES_CHANNEL) as Promise<string[]>,
  choosePdfSavePath: (suggestedName: string) => ipcRenderer.invoke(IPC_CHOOSE_SAVE_PDF_CHANNEL, suggestedName) as Promise<string | null>,
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  onMenuCommand: (listener: (command: MenuCommand) => void) => subscribe(IPC_MENU_CHANNEL, listener),
  openPresenter: () => ipcRenderer.invoke(IPC_OPEN_PRESENTER_CHANNEL) as Promise<void>,
  keychain: (request: KeychainRequest) => ipcRenderer.invoke(IPC_KEYCHAIN_CHANNEL, request) as Promise<KeychainReply>,
} as const satisfies DesktopBridge;

contextBridge.exposeInMainWorld('mrb', bridge);
