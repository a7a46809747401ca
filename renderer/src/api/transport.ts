/** Whether change events are reaching this window right now. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

/**
 * How calls and events travel: Electron IPC through `window.mrb`, or HTTP to the loopback
 * host. Both carry the contract's Reply objects and ChangeEvents unchanged; the client
 * checks their shape, so a transport only moves bytes.
 */
export interface Transport {
  /** Resolves to the raw Reply; rejects only when the other side could not be reached. */
  send(name: string, args: unknown): Promise<unknown>;
  /** Starts delivering raw change events and import-job events; returns the function that stops it. */
  listen(onEvent: (raw: unknown) => void, onState: (state: ConnectionState) => void, onJob: (raw: unknown) => void): () => void;
}
