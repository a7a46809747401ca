import { createContext, useContext, type ReactNode } from 'react';
import type { DesktopBridge } from '../../../shared/contract/transport';
import type { ApiClient } from './client';

export interface Api {
  client: ApiClient;
  /** The Electron bridge (native dialogs, menu commands), or null in a browser. */
  desktop: DesktopBridge | null;
  /** Where a file dropped on the window can be read by the back end: its own path (desktop) or an uploaded copy (browser). */
  pathForDrop(file: File): Promise<string>;
}

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi is used outside ApiProvider.');
  return api;
}
