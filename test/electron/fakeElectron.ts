/**
 * A recording stand-in for the `electron` module: the shell's wiring runs against it in
 * plain Node, and tests read back what was registered, created and loaded.
 */
type Listener = (...args: unknown[]) => unknown;

export interface Recorder {
  appListeners: Map<string, Listener[]>;
  singleInstanceRequested: number;
  quit: number;
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, (request: { url: string }) => Response>;
  ipcHandlers: Map<string, Listener>;
  windows: FakeWindow[];
  menus: unknown[];
  errorBoxes: [string, string][];
  /** Folders and files opened in the OS file manager (shell.openPath). */
  openedPaths: string[];
  permissionRequest: Listener | null;
  permissionCheck: Listener | null;
  exposed: Map<string, unknown>;
  /** What the preload listens to, by IPC channel (ipcRenderer.on, less what it removed). */
  rendererListeners: Map<string, Listener[]>;
  ready: () => void;
  isPackaged: boolean;
  /** What safeStorage reports: the Linux backend, and whether encryption is available. */
  keychainBackend: string;
  encryptionAvailable: boolean;
}

export const recorder: Recorder = {
  appListeners: new Map(),
  singleInstanceRequested: 0,
  quit: 0,
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  windows: [],
  menus: [],
  errorBoxes: [],
  openedPaths: [],
  permissionRequest: null,
  permissionCheck: null,
  exposed: new Map(),
  rendererListeners: new Map(),
  ready: () => undefined,
  isPackaged: true,
  keychainBackend: 'gnome_libsecret',
  encryptionAvailable: true,
};

let nextId = 1;

export class FakeWebContents {
  readonly id = nextId++;
  readonly listeners = new Map<string, Listener[]>();
  windowOpenHandler: Listener | null = null;
  sent: [string, unknown][] = [];
  printed = 0;
  print() {
    this.printed += 1;
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
}

export class FakeWindow {
  static getAllWindows(): FakeWindow[] {
    return recorder.windows;
  }
  /** The first window, as if the user had it in front. */
  static getFocusedWindow(): FakeWindow | null {
    return recorder.windows[0] ?? null;
  }
  readonly webContents = new FakeWebContents();
  loaded: string[] = [];
  focused = 0;
  constructor(readonly options: Record<string, unknown>) {
    recorder.windows.push(this);
    recorder.appListeners.get('web-contents-created')?.forEach((l) => l({}, this.webContents));
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  once() {}
  on() {}
  focus() {
    this.focused += 1;
  }
  close() {}
  maximize() {}
  isMaximized() {
    return false;
  }
  isMinimized() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 820 };
  }
}

export const fakeElectron = {
  app: {
    get isPackaged() {
      return recorder.isPackaged;
    },
    setPath: () => undefined,
    getVersion: () => '0.0.0-test',
    requestSingleInstanceLock: () => {
      recorder.singleInstanceRequested += 1;
      return true;
    },
    on: (event: string, listener: Listener) => {
      recorder.appListeners.set(event, [...(recorder.appListeners.get(event) ?? []), listener]);
    },
    whenReady: () => new Promise<void>((resolve) => (recorder.ready = resolve)),
    quit: () => {
      recorder.quit += 1;
    },
  },
  BrowserWindow: FakeWindow,
  dialog: {
    showErrorBox: (title: string, body: string) => recorder.errorBoxes.push([title, body]),
    showSaveDialog: async () => ({ canceled: true }),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showMessageBox: async () => ({ response: 0 }),
  },
  ipcMain: { handle: (channel: string, handler: Listener) => recorder.ipcHandlers.set(channel, handler) },
  Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => recorder.menus.push(menu) },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => recorder.privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: (request: { url: string }) => Response) => recorder.protocolHandlers.set(scheme, handler),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: Listener) => (recorder.permissionRequest = h),
      setPermissionCheckHandler: (h: Listener) => (recorder.permissionCheck = h),
    },
  },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => recorder.exposed.set(key, value) },
  webUtils: { getPathForFile: () => '/dropped/path' },
  shell: {
    openPath: async (p: string) => {
      recorder.openedPaths.push(p);
      return '';
    },
  },
  safeStorage: {
    isEncryptionAvailable: () => recorder.encryptionAvailable,
    getSelectedStorageBackend: () => recorder.keychainBackend,
    // Reversible but not the clear text, as the OS would return an opaque blob.
    encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`),
    decryptString: (blob: Buffer) => Buffer.from(blob.toString().replace(/^sealed:/, ''), 'hex').toString(),
  },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => args,
    on: (channel: string, listener: Listener) => recorder.rendererListeners.set(channel, [...(recorder.rendererListeners.get(channel) ?? []), listener]),
    removeListener: (channel: string, listener: Listener) => recorder.rendererListeners.set(channel, (recorder.rendererListeners.get(channel) ?? []).filter((l) => l !== listener)),
  },
};
