import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startHost, type RunningHost } from '../../electron/host/loopbackHost';
import { dispatch } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers';
import { ImportJobs } from '../../electron/services/jobs/importJobs';
import { ExportRuns } from '../../electron/services/packets/exportRuns';
import { ServiceThread, serviceThreadFiles } from '../../electron/services/serviceThread/serviceThread';
import { WorkspaceSession } from '../../electron/services/workspaceSession';
import type { Reply } from '../../shared/contract/errors';
import { CALL_PATH, CHANGE_EVENT_NAME, EVENTS_PATH, PROGRESS_EVENT_NAME, TOKEN_HEADER, TOKEN_QUERY } from '../../shared/contract/transport';
import type { BenchRow } from './heatmapBench';

/**
 * `npm run bench -- responsiveness`: through the loopback host, while a 200-model packet
 * is exported, cycle.info is asked again and again (each as soon as the last answered)
 * and a rename is saved every 250 ms; measured with the services in the host's own thread
 * (as before issue 15) and in their own thread (as `mrb serve` runs now).
 */

const RENAME_EVERY_MS = 250;

interface Served {
  host: RunningHost;
  close(): Promise<void>;
}

/** As before: the handler table run in the host's thread. */
async function inHostThread(userDataDir: string, rendererDir: string): Promise<Served> {
  const session = new WorkspaceSession({ userDataDir, workspace: { actor: 'bench' } });
  const exports = new ExportRuns(null);
  const imports = new ImportJobs(session, { workerPath: path.join(userDataDir, 'no-imports-here.cjs'), tolerance: () => 0.001 });
  const handlers = createHandlers(session, imports, exports);
  const host = await startHost({
    call: (name, args) => dispatch(handlers, name, args),
    subscribe: (emit) => {
      const offChange = session.onChange((e) => emit(CHANGE_EVENT_NAME, e));
      const offProgress = exports.onProgress((p) => emit(PROGRESS_EVENT_NAME, p));
      return () => {
        offChange();
        offProgress();
      };
    },
    rendererDir,
  });
  return {
    host,
    close: async () => {
      await host.close();
      imports.dispose();
      session.dispose();
    },
  };
}

/** As now: the host forwards to the services' thread. */
async function besideHost(userDataDir: string, rendererDir: string, distElectron: string): Promise<Served> {
  const services = new ServiceThread(serviceThreadFiles(distElectron), { userDataDir, workspace: { actor: 'bench' } });
  const host = await startHost({ call: services.call, subscribe: (emit) => services.onEvent(emit), rendererDir });
  return {
    host,
    close: async () => {
      await host.close();
      await services.close();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function measure(served: Served, file: string, sessionId: string, dir: string, label: string): Promise<{ infos: number[]; resets: number; changes: number; exportMs: number }> {
  const { host } = served;
  // node:http, not fetch: fetch gives up on an answer after 5 minutes, and a large export on a busy machine may take longer.
  // A host stalled for minutes resets or times out the requests that waited past its request timeout: counted, not fatal.
  const call = (name: string, args: unknown): Promise<Reply<unknown> | 'reset'> =>
    new Promise((resolve) => {
      const req = http.request(`${host.origin}${CALL_PATH}${name}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        // A request the stalled host timed out is answered without a Reply (408, empty body).
        res.on('end', () => resolve(res.statusCode === 200 ? (JSON.parse(body) as Reply<unknown>) : 'reset'));
        res.on('error', () => resolve('reset'));
      });
      req.on('error', () => resolve('reset'));
      req.end(JSON.stringify(args));
    });
  const must = async <T>(name: string, args: unknown): Promise<T> => {
    const reply = await call(name, args);
    if (reply === 'reset' || !reply.ok) throw new Error(`${name}: ${reply === 'reset' ? 'the connection was reset' : reply.error.message}`);
    return reply.value as T;
  };
  await must('cycle.open', { path: file });
  const identity = await must<{ fingerprint: string }>('identities.create', { name: 'Bench Signer', email: 'bench@example.com', organisation: 'Bench', out: path.join(dir, `${label}.p12`), passphrase: 'bench passphrase' });
  let changes = 0;
  let exporting = false;
  const stream = http.get(`${host.origin}${EVENTS_PATH}?${TOKEN_QUERY}=${host.token}`, (res) => {
    res.on('data', (chunk: Buffer) => {
      if (exporting) changes += chunk.toString().split(`event: ${CHANGE_EVENT_NAME}\n`).length - 1;
    });
  });
  const infos: number[] = [];
  const t0 = performance.now();
  exporting = true;
  const exported = call('packets.export', { sessionId, identity: identity.fingerprint, passphrase: 'bench passphrase', out: path.join(dir, `${label}.pdf`), exportId: label }).finally(() => {
    exporting = false;
  });
  let renames = 0;
  const renamer = setInterval(() => {
    renames += 1;
    void call('cycle.update', { name: `Packet benchmark (rename ${renames})` });
  }, RENAME_EVERY_MS);
  // Every answer to a question asked during the export counts, however late it came.
  let resets = 0;
  while (exporting) {
    const asked = performance.now();
    if ((await call('cycle.info', {})) === 'reset') resets += 1;
    infos.push(performance.now() - asked);
  }
  clearInterval(renamer);
  const reply = await exported;
  const exportMs = performance.now() - t0;
  stream.destroy();
  if (reply === 'reset' || !reply.ok) throw new Error(`packets.export: ${reply === 'reset' ? 'the connection was reset' : reply.error.message}`);
  return { infos, resets, changes, exportMs };
}

export async function benchResponsiveness(parent: string, self: string, rendererDir: string): Promise<BenchRow[]> {
  // A folder of its own: the packet bench, in the same run, builds its cycle under the same name.
  const dir = fs.mkdtempSync(path.join(parent, 'responsiveness-'));
  const cycle = spawnSync(process.execPath, [self, '--packet-cycle', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (cycle.status !== 0) throw new Error(`responsiveness bench cycle failed: ${cycle.stderr}`);
  const sessionId = cycle.stdout.trim();
  const built = path.join(dir, 'packet-bench.mrb');
  const rows: BenchRow[] = [];
  // Now first: the services in the host's thread stall it for the whole export, minutes on a busy machine.
  const runs: [string, (userData: string) => Promise<Served>][] = [
    ['services in their own thread', (u) => besideHost(u, rendererDir, path.resolve(self, '..', '..', 'electron'))],
    ['services in the host thread (before)', (u) => inHostThread(u, rendererDir)],
  ];
  for (const [label, start] of runs) {
    const key = label.startsWith('services in the host') ? 'in-thread' : 'own-thread';
    const file = path.join(dir, `${key}.mrb`);
    fs.copyFileSync(built, file);
    const served = await start(path.join(dir, `user-${key}`));
    try {
      const { infos, resets, changes, exportMs } = await measure(served, file, sessionId, dir, key);
      const sorted = [...infos].sort((a, b) => a - b);
      console.log(
        `responsiveness, ${label}: export ${(exportMs / 1000).toFixed(1)} s, ${infos.length} cycle.info asked (${resets} reset or timed out by the host), p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms; ${changes} change events during it`,
      );
      const own = key === 'own-thread';
      rows.push({ name: `cycle.info during a 200-model export, ${label}: p50`, value: percentile(sorted, 50), unit: 'ms' });
      rows.push({ name: `cycle.info during a 200-model export, ${label}: p95`, value: percentile(sorted, 95), unit: 'ms', ...(own ? { target: { op: '<' as const, value: 50 } } : {}) });
      rows.push({ name: `cycle.info during a 200-model export, ${label}: max`, value: sorted.at(-1) ?? NaN, unit: 'ms' });
      rows.push({ name: `cycle.info requests reset or timed out by the host, ${label}`, value: resets, unit: 'requests' });
      rows.push({ name: `change events during the export, ${label}`, value: changes, unit: 'events', ...(own ? { target: { op: '>' as const, value: 0 } } : {}) });
    } finally {
      await served.close();
    }
  }
  return rows;
}
