import { useCallback, useEffect, useState } from 'react';
import { formatRoute, OVERVIEW, parseRoute, type Route } from './route';

export interface Navigate {
  /**
   * Goes to a route. A new place or object is a step Back can undo; a list's filters or a
   * tab changing in place replaces the address, so Back leaves the list rather than
   * walking through every filter tried.
   */
  (to: Route, how?: 'push' | 'replace'): void;
}

export interface RouteState {
  route: Route;
  /** The address that named no place, when the app landed on the Overview instead of it. */
  unknown: string | null;
  navigate: Navigate;
}

/** The route in the address's hash, kept in step with Back, Forward, reload and links. */
export function useRoute(): RouteState {
  const [hash, setHash] = useState(() => window.location.hash);
  const [unknown, setUnknown] = useState<string | null>(null);
  const parsed = parseRoute(hash);

  useEffect(() => {
    const onHash = () => {
      setUnknown(null);
      setHash(window.location.hash);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (parsed !== null) return;
    const overview = formatRoute(OVERVIEW);
    window.history.replaceState(window.history.state, '', overview);
    setUnknown(hash);
    setHash(overview);
  }, [parsed, hash]);

  const navigate = useCallback<Navigate>((to, how = 'push') => {
    const next = formatRoute(to);
    setUnknown(null);
    if (next === window.location.hash) return;
    // The bare address the app opened with is the Overview already: naming it is no step for Back to undo.
    const current = parseRoute(window.location.hash);
    const same = current !== null && formatRoute(current) === next;
    if (how === 'push' && !same) window.location.hash = next;
    else {
      window.history.replaceState(window.history.state, '', next);
      setHash(next);
    }
  }, []);

  return { route: parsed ?? OVERVIEW, unknown, navigate };
}
