import { useSyncExternalStore } from 'react';
import type { CallArgs, CallResult, ExportPhase } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';
import { asCallError, type CallError } from '../api/callError';
import type { ApiClient } from '../api/client';

/** The export under way, by the id it was started with (its progress events name it). */
export interface ExportRun {
  id: string;
  phase: ExportPhase | null;
  cancelling: boolean;
}

/** How the last export ended: its packet, cancelled (the service's sentence), or refused (the error to place at its field). */
export type ExportOutcome = { kind: 'saved'; packet: CallResult<'packets.export'> } | { kind: 'cancelled'; message: string } | { kind: 'refused'; error: CallError };

export interface ExportState {
  running: ExportRun | null;
  outcome: ExportOutcome | null;
}

/**
 * This page's packet export, kept apart from the Packets place: an analyst who leaves the
 * place while a packet is signed finds it still under way on coming back, with its step
 * and Cancel, and then how it ended.
 */
class PacketExport {
  private state: ExportState = { running: null, outcome: null };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly client: ApiClient) {
    client.onProgress((p) => {
      const running = this.state.running;
      if (running !== null && running.id === p.id) this.set({ ...this.state, running: { ...running, phase: p.phase } });
    });
    // How the last export ended belongs to the cycle it was made in, not to the next one opened.
    client.onRefresh((r) => {
      if (r.kind === 'change' && r.event.entity === 'workspace' && this.state.outcome !== null) this.set({ ...this.state, outcome: null });
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): ExportState => this.state;

  readonly start = async (args: Omit<CallArgs<'packets.export'>, 'exportId'>): Promise<ExportOutcome> => {
    const id = crypto.randomUUID();
    this.set({ running: { id, phase: null, cancelling: false }, outcome: null });
    let outcome: ExportOutcome;
    try {
      outcome = { kind: 'saved', packet: await this.client.call('packets.export', { ...args, exportId: id }) };
    } catch (err) {
      const error = asCallError(err);
      outcome = error.code === 'cancelled' ? { kind: 'cancelled', message: error.message } : { kind: 'refused', error };
    }
    this.set({ running: null, outcome });
    return outcome;
  };

  /** Should the export finish first, its own answer (the saved packet) is what stays. */
  readonly cancel = async (): Promise<void> => {
    const running = this.state.running;
    if (running === null || running.cancelling) return;
    this.set({ ...this.state, running: { ...running, cancelling: true } });
    try {
      await this.client.call('packets.cancelExport', { exportId: running.id });
    } catch (err) {
      this.set({ ...this.state, outcome: { kind: 'refused', error: asCallError(err) } });
    }
  };

  private set(next: ExportState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}

const exports = new WeakMap<ApiClient, PacketExport>();

/** The page's packet export (one per client, so per window or page), and how to start or cancel it. */
export function usePacketExport(): ExportState & Pick<PacketExport, 'start' | 'cancel'> {
  const { client } = useApi();
  let store = exports.get(client);
  if (store === undefined) {
    store = new PacketExport(client);
    exports.set(client, store);
  }
  const state = useSyncExternalStore(store.subscribe, store.snapshot);
  return { ...state, start: store.start, cancel: store.cancel };
}
