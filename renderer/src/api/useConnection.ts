import { useSyncExternalStore } from 'react';
import { useApi } from './ApiContext';
import type { ConnectionState } from './transport';

export function useConnection(): ConnectionState {
  const { client } = useApi();
  return useSyncExternalStore(
    (onChange) => client.onConnection(onChange),
    () => client.connection,
  );
}
