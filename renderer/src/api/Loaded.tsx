import type { ReactNode } from 'react';
import type { CallName, CallResult } from '../../../shared/contract/calls';
import type { CallState } from './useCall';

/**
 * Renders a call's result once it is there; before that a quiet placeholder, and the
 * error sentence when the first fetch failed. A failed refresh keeps the last result on
 * screen with the reason above it.
 */
export function Loaded<K extends CallName>({ state, what, children }: { state: CallState<K>; what: string; children: (value: CallResult<K>) => ReactNode }) {
  if (state.value === undefined) {
    if (state.error) {
      return (
        <p className="notice notice-error" role="alert">
          Could not load {what}: {state.error.message}
        </p>
      );
    }
    return <p className="placeholder">Loading {what}…</p>;
  }
  return (
    <>
      {state.error && (
        <p className="notice notice-error" role="alert">
          Could not refresh {what}: {state.error.message}
        </p>
      )}
      {children(state.value)}
    </>
  );
}
