import http from 'node:http';
import type { RunningHost } from '../../electron/host/loopbackHost';
import { EVENTS_PATH, TOKEN_QUERY } from '../../shared/contract/transport';

/** The pages' event stream, frame by frame, as a browser's EventSource reads it; destroy the request to stop. */
export function listenToHostEvents(host: RunningHost, into: { name: string; data: unknown }[]): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${host.origin}${EVENTS_PATH}?${TOKEN_QUERY}=${host.token}`, (res) => {
      let buffered = '';
      res.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const frames = buffered.split('\n\n');
        buffered = frames.pop() ?? '';
        for (const frame of frames) {
          const name = /^event: (.+)$/m.exec(frame)?.[1];
          const data = /^data: (.+)$/m.exec(frame)?.[1];
          if (name && data) into.push({ name, data: JSON.parse(data) as unknown });
        }
      });
      resolve(req);
    });
    req.on('error', reject);
  });
}
