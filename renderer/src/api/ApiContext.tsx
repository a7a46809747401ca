import { createContext, useContext, type ReactNode } from 'react';
import type { DesktopBridge } from '../../../shared/contract/transport';
import type { ApiClient } from './client';

export interface Api {
  client: ApiClient;
  /** The Electron bridge (native dialogs, menu commands), or null in a browser. */
  desktop: DesktopBridge | null;
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
