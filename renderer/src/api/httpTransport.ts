import { CALL_PATH, CHANGE_EVENT_NAME, EVENTS_PATH, JOB_EVENT_NAME, PROGRESS_EVENT_NAME, SERVICES_EVENT_NAME, TOKEN_HEADER, TOKEN_QUERY, UPLOAD_NAME_HEADER, UPLOAD_PATH } from '../../../shared/contract/transport';
import type { ConnectionState, Transport } from './transport';

/**
 * EventSource retries by itself after a dropped connection, but gives up for good when an
 * answer is not an event stream (a host restarted on the same port refuses the old
 * token, for instance), and it never says why. So while the stream is down the page asks
 * the host directly, at this pace: a refused token means a new run of the host; no answer
 * for LOST_AFTER_MS means the host is gone from this address.
 */
const PROBE_EVERY_MS = 2000;
const LOST_AFTER_MS = 8000;

/** How the host answers a call with this page's token: its HTTP status, or null when nothing answers. */
async function probe(token: string): Promise<number | null> {
  try {
    const response = await fetch(`${CALL_PATH}cycle.info`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token }, body: '{}' });
    return response.status;
  } catch {
    return null;
  }
}

/** The loopback host (`mrb serve`): POST per call, server-sent events for changes, jobs, progress and the services' notices. */
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

    listen(to) {
      let source: EventSource | null = null;
      let probing: ReturnType<typeof setTimeout> | undefined;
      let downSince: number | null = null;
      let state: ConnectionState = 'connecting';
      let stopped = false;
      const report = (next: ConnectionState) => {
        if (stopped || next === state) return;
        state = next;
        to.state(next);
      };
      const check = async () => {
        probing = undefined;
        const status = await probe(token);
        if (stopped || state === 'live') return;
        if (status === 401) {
          // This token will never be accepted again: stop knocking and say why.
          source?.close();
          source = null;
          report('restarted');
          return;
        }
        if (status === null && downSince !== null && Date.now() - downSince >= LOST_AFTER_MS) report('lost');
        if (status !== null && source === null) open();
        probing = setTimeout(() => void check(), PROBE_EVERY_MS);
      };
      const open = () => {
        source = new EventSource(`${EVENTS_PATH}?${TOKEN_QUERY}=${encodeURIComponent(token)}`);
        source.onopen = () => {
          downSince = null;
          clearTimeout(probing);
          probing = undefined;
          report('live');
        };
        source.onerror = () => {
          if (stopped || state === 'restarted') return;
          downSince ??= Date.now();
          if (state !== 'lost') report('reconnecting');
          if (source?.readyState === EventSource.CLOSED) source = null;
          probing ??= setTimeout(() => void check(), PROBE_EVERY_MS);
        };
        const forward = (name: string, deliver: (raw: unknown) => void) =>
          source?.addEventListener(name, (message) => {
            try {
              deliver(JSON.parse((message as MessageEvent<string>).data) as unknown);
            } catch {
              console.error(`A ${name} event that is not JSON was ignored:`, (message as MessageEvent<string>).data);
            }
          });
        forward(CHANGE_EVENT_NAME, to.event);
        forward(JOB_EVENT_NAME, to.job);
        forward(PROGRESS_EVENT_NAME, to.progress);
        forward(SERVICES_EVENT_NAME, to.services);
      };
      open();
      return () => {
        stopped = true;
        clearTimeout(probing);
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
