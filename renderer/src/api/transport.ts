/**
 * Whether change events are reaching this window right now. Over the loopback host the
 * stream may drop: 'reconnecting' while it is being reopened, 'lost' once the host has
 * not answered for a while (stopped, or started again at another address), 'restarted'
 * when a host answers at this address but refuses this page's token: a new run of
 * `mrb serve`, whose address (with its new token) the page cannot know.
 */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'lost' | 'restarted';

/** Whether what the page shows may be out of date: nothing reaches it from the back end. */
export function isDisconnected(state: ConnectionState): boolean {
  return state === 'reconnecting' || state === 'lost' || state === 'restarted';
}

/**
 * How calls and events travel: Electron IPC through `window.mrb`, or HTTP to the loopback
 * host. Both carry the contract's Reply objects and ChangeEvents unchanged; the client
 * checks their shape, so a transport only moves bytes.
 */
export interface Transport {
  /** Resolves to the raw Reply; rejects only when the other side could not be reached. */
  send(name: string, args: unknown): Promise<unknown>;
  /** Starts delivering the back end's raw events and the connection's state; returns the function that stops it. */
  listen(to: TransportSinks): () => void;
}

/** Where a transport delivers what the back end pushes, each as it arrived (the client checks its shape). */
export interface TransportSinks {
  /** A committed change (ChangeEvent). */
  event(raw: unknown): void;
  state(state: ConnectionState): void;
  /** An import job's progress (ImportJob). */
  job(raw: unknown): void;
  /** A long call's phase (CallProgress). */
  progress(raw: unknown): void;
  /** The services restarted after a crash, or stopped for good (ServicesNotice). */
  services(raw: unknown): void;
}
