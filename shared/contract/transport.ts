/**
 * What both transports agree on. The loopback host serves POST `${CALL_PATH}<name>` with
 * the JSON arguments as body and the per-run token in TOKEN_HEADER; change events stream
 * from EVENTS_PATH as server-sent events, as do job, progress and services events (EventSource cannot set headers, so the token
 * rides in the `token` query parameter there). In Electron the same names travel over
 * IPC_CALL_CHANNEL and IPC_EVENT_CHANNEL.
 */
export const CALL_PATH = '/api/call/';
export const EVENTS_PATH = '/api/events';
export const TOKEN_HEADER = 'x-mrb-token';
export const TOKEN_QUERY = 'token';
/** Loopback host only: a dropped .zip is sent here (raw body, name in UPLOAD_NAME_HEADER) and answered with the path it was stored at. */
export const UPLOAD_PATH = '/api/upload';
export const UPLOAD_NAME_HEADER = 'x-mrb-filename';
export const IPC_CALL_CHANNEL = 'mrb:call';
export const IPC_EVENT_CHANNEL = 'mrb:event';
export const CHANGE_EVENT_NAME = 'change';
/** Import job progress: SSE event name on the host; IPC_JOB_CHANNEL in Electron. */
export const JOB_EVENT_NAME = 'job';
export const IPC_JOB_CHANNEL = 'mrb:job';
/** A long call's phases (CallProgress): SSE event name on the host; IPC_PROGRESS_CHANNEL in Electron. */
export const PROGRESS_EVENT_NAME = 'progress';
export const IPC_PROGRESS_CHANNEL = 'mrb:progress';
/** The services' thread restarted or stopped for good (ServicesNotice): SSE event name on the host; IPC_SERVICES_CHANNEL in Electron. */
export const SERVICES_EVENT_NAME = 'services';
export const IPC_SERVICES_CHANNEL = 'mrb:services';
/** Electron only: native dialogs and menu commands, next to the contract. */
export const IPC_CHOOSE_NEW_CHANNEL = 'mrb:choose-new-cycle';
export const IPC_CHOOSE_OPEN_CHANNEL = 'mrb:choose-cycle';
export const IPC_MENU_CHANNEL = 'mrb:menu';
export const IPC_CHOOSE_BUNDLES_CHANNEL = 'mrb:choose-bundles';
export const IPC_CHOOSE_SAVE_PDF_CHANNEL = 'mrb:choose-save-pdf';
/** Electron only: open (or bring forward) the presenter window for the projector. */
export const IPC_OPEN_PRESENTER_CHANNEL = 'mrb:open-presenter';
/** The query that turns the renderer into the presenter view, on app:// and on the loopback host alike. */
export const PRESENTER_QUERY = 'view=presenter';
/** Electron only: identity passphrases in the OS keychain (safeStorage). */
export const IPC_KEYCHAIN_CHANNEL = 'mrb:keychain';

/** The object the Electron preload exposes as `window.mrb`. */
export interface DesktopBridge {
  readonly kind: 'electron';
  call(name: string, args: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
  onJob(listener: (job: unknown) => void): () => void;
  /** The phases of a long call (CallProgress): a packet export's build, pages, sign, record. */
  onProgress(listener: (progress: unknown) => void): () => void;
  /** The services' thread restarted after a crash, or stopped for good (ServicesNotice). */
  onServices(listener: (notice: unknown) => void): () => void;
  /** Native file dialogs; they resolve to null when the user cancels. */
  chooseNewCyclePath(suggestedName: string): Promise<string | null>;
  chooseCyclePath(): Promise<string | null>;
  /** Bundle folders or zips to import; empty when the user cancels. */
  chooseBundlePaths(): Promise<string[]>;
  /** Where to save a new PDF (a signed packet), from the save dialog; null when the user cancels. */
  choosePdfSavePath(suggestedName: string): Promise<string | null>;
  /** The path on disk of a file or folder dropped on the window. */
  pathForFile(file: DroppedFile): string;
  /** Menu commands (File > New, Open, ...) forwarded to the page. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Opens the presenter view in a second window, or brings it forward. */
  openPresenter(): Promise<void>;
  /** The OS keychain for identity passphrases, by certificate fingerprint; never a plain-text backend. */
  keychain(request: KeychainRequest): Promise<KeychainReply>;
}

/** A DOM `File` as shared/ may name it: shared/ compiles without the DOM (tsconfig.shared.json). */
export interface DroppedFile {
  readonly name: string;
}

export type KeychainRequest =
  | { op: 'status' }
  | { op: 'save'; fingerprint: string; passphrase: string }
  | { op: 'load'; fingerprint: string }
  | { op: 'forget'; fingerprint: string };

export type KeychainReply = { available: boolean; reason: string | null; passphrase?: string | null; saved?: boolean };

export type MenuCommand = { kind: 'new-cycle' } | { kind: 'next-cycle' } | { kind: 'open-cycle' } | { kind: 'open-path'; path: string } | { kind: 'close-cycle' };
