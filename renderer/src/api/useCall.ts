import { startTransition, useCallback, useEffect, useState } from 'react';
import type { CallArgs, CallName, CallResult } from '../../../shared/contract/calls';
import { useApi } from './ApiContext';
import { asCallError, type CallError } from './callError';

export interface CallState<K extends CallName> {
  /** The last good result; kept while a refresh runs or after a refresh fails. */
  value: CallResult<K> | undefined;
  error: CallError | undefined;
  loading: boolean;
  reload(): void;
  /** Shows a result obtained elsewhere (e.g. cycle.create returns the new cycle's info). */
  replace(value: CallResult<K>): void;
}

/**
 * A counter that moves on every change event and after every gap in the event stream.
 * Views re-fetch what they show when it moves; the calls are local and small, so fetching
 * again on any change is simpler and safer than deciding which change touches what.
 * It moves in a transition: a view that draws the change from the event itself (the
 * heatmap's live cells) is painted first, and the re-fetching views (the status bar, the
 * person chooser, at the root of the app) re-render after it instead of in the same frame.
 */
function useRefreshCount(): number {
  const { client } = useApi();
  const [count, setCount] = useState(0);
  useEffect(() => client.onRefresh(() => startTransition(() => setCount((n) => n + 1))), [client]);
  return count;
}

/** Fetches a call's result and keeps it current with the change events. */
export function useCall<K extends CallName>(name: K, args: CallArgs<K>): CallState<K> {
  const { client } = useApi();
  const refreshes = useRefreshCount();
  const [reloads, setReloads] = useState(0);
  const argsKey = JSON.stringify(args);
  const [state, setState] = useState<{ value: CallResult<K> | undefined; error: CallError | undefined; loading: boolean }>({
    value: undefined,
    error: undefined,
    loading: true,
  });

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    client.call(name, JSON.parse(argsKey) as CallArgs<K>).then(
      (value) => {
        if (current) setState({ value, error: undefined, loading: false });
      },
      (err: unknown) => {
        if (current) setState((s) => ({ value: s.value, error: asCallError(err), loading: false }));
      },
    );
    return () => {
      current = false;
    };
  }, [client, name, argsKey, refreshes, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const replace = useCallback((value: CallResult<K>) => setState({ value, error: undefined, loading: false }), []);
  return { ...state, reload, replace };
}
