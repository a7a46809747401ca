import { CALL_PATH, CHANGE_EVENT_NAME, EVENTS_PATH, JOB_EVENT_NAME, TOKEN_HEADER, TOKEN_QUERY, UPLOAD_NAME_HEADER, UPLOAD_PATH } from '../../../shared/contract/transport';
import type { ConnectionState, Transport } from './transport';

/**
 * EventSource retries by itself after a dropped connection, but gives up for good when an
 * answer is not an event stream (a host restarted on the same port refuses the old
 * token, for instance); then we open a fresh one after this pause.
 */
const REOPEN_AFTER_MS = 3000;

/** The loopback host (`mrb serve`): POST per call, server-sent events for changes. */
export function httpTransport(token: string): Transport {
  return {
    async send(name, args) {
      const response = await fetch(CALL_PATH + encodeURIComponent(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(args ?? {}),
      });
      // Every answer of the host's API, refusals included, is a JSON Reply.
      return (await response.json()) as unknown;
    },

    listen(onEvent, onState, onJob) {
      let source: EventSource | null = null;
      let reopen: ReturnType<typeof setTimeout> | undefined;
      let stopped = false;
      const report = (state: ConnectionState) => {
        if (!stopped) onState(state);
      };
      const open = () => {
        source = new EventSource(`${EVENTS_PATH}?${TOKEN_QUERY}=${encodeURIComponent(token)}`);
        source.onopen = () => report('live');
        source.onerror = () => {
          report('reconnecting');
          if (source?.readyState === EventSource.CLOSED) {
            source = null;
            reopen = setTimeout(() => {
              if (!stopped) open();
            }, REOPEN_AFTER_MS);
          }
        };
        const forward = (name: string, deliver: (raw: unknown) => void) =>
          source?.addEventListener(name, (message) => {
            try {
              deliver(JSON.parse((message as MessageEvent<string>).data) as unknown);
            } catch {
              console.error(`A ${name} event that is not JSON was ignored:`, (message as MessageEvent<string>).data);
            }
          });
        forward(CHANGE_EVENT_NAME, onEvent);
        forward(JOB_EVENT_NAME, onJob);
      };
      open();
      return () => {
        stopped = true;
        clearTimeout(reopen);
        source?.close();
      };
    },
  };
}

/** Sends a dropped .zip to the host, which stores it for this run and answers with its path. */
export async function uploadFile(token: string, file: File): Promise<string> {
  const response = await fetch(UPLOAD_PATH, {
    method: 'POST',
    headers: { [TOKEN_HEADER]: token, [UPLOAD_NAME_HEADER]: encodeURIComponent(file.name) },
    body: file,
  });
  const reply = (await response.json()) as { ok: boolean; value?: { path: string }; error?: { message: string } };
  if (!reply.ok || !reply.value) throw new Error(reply.error?.message ?? `${file.name} could not be sent to the host.`);
  return reply.value.path;
}
