import type { DesktopBridge } from '../../../shared/contract/transport';
import { createClient, type ApiClient } from './client';
import { desktopTransport } from './desktopTransport';
import { httpTransport, uploadFile } from './httpTransport';
import { forgetToken, takeToken } from './token';

export type Connection =
  | { kind: 'ready'; client: ApiClient; desktop: DesktopBridge | null; pathForDrop(file: File): Promise<string> }
  | { kind: 'no-token' };

/** Picks the transport once at startup: the Electron bridge when present, else the loopback host. */
export function connect(win: Window): Connection {
  const bridge = win.mrb;
  if (bridge) return { kind: 'ready', client: createClient(desktopTransport(bridge)), desktop: bridge, pathForDrop: async (file) => bridge.pathForFile(file) };
  const token = takeToken(win.location, win.sessionStorage, (url) => win.history.replaceState(win.history.state, '', url));
  if (token === null) return { kind: 'no-token' };
  const client = createClient(httpTransport(token));
  // A restarted host never takes this token again; a reload then asks for the new address
  // instead of failing call after call with the old one.
  client.onConnection((state) => {
    if (state === 'restarted') forgetToken(win.sessionStorage);
  });
  return { kind: 'ready', client, desktop: null, pathForDrop: (file) => uploadFile(token, file) };
}
