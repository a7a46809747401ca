import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/loopbackHost';
import { ServiceThread, serviceThreadFiles } from '../../electron/services/serviceThread/serviceThread';
import type { CallProgress, ChangeEvent } from '../../shared/contract/calls';
import type { Reply } from '../../shared/contract/errors';
import { CALL_PATH, CHANGE_EVENT_NAME, PROGRESS_EVENT_NAME, TOKEN_HEADER } from '../../shared/contract/transport';
import { closedBoardCycle } from '../services/sessions/meeting';
import { listenToHostEvents } from '../helpers/hostEvents';

const DIST = path.resolve(__dirname, '../../dist/electron');

const opened: { host: RunningHost; services: ServiceThread; events: http.ClientRequest }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    o.events.destroy();
    await o.host.close();
    await o.services.close();
  }
});

/** `mrb serve` as it runs: the loopback host forwarding to the services' thread, over a cycle with a closed session. */
async function serve() {
  const { file, dir, board } = closedBoardCycle();
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>MRB</title>');
  const services = new ServiceThread(serviceThreadFiles(DIST), { userDataDir: path.join(dir, 'user'), workspace: { actor: 'chair@test' } });
  const host = await startHost({ call: services.call, subscribe: (emit) => services.onEvent(emit), rendererDir });
  const events: { name: string; data: unknown }[] = [];
  const stream = await listenToHostEvents(host, events);
  opened.push({ host, services, events: stream });
  const call = async (name: string, args: unknown): Promise<Reply<unknown>> => {
    const res = await fetch(`${host.origin}${CALL_PATH}${name}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token }, body: JSON.stringify(args) });
    return (await res.json()) as Reply<unknown>;
  };
  expect(await call('cycle.open', { path: file })).toMatchObject({ ok: true });
  const identity = (await call('identities.create', { name: 'Ann Lee', email: 'ann@bank.example', organisation: 'Example Bank', out: path.join(dir, 'ann.p12'), passphrase: 'board passphrase' })) as Reply<{ fingerprint: string }>;
  if (!identity.ok) throw new Error(identity.error.message);
  const exportArgs = (exportId: string, out: string) => ({ sessionId: board.sessionId, identity: identity.value.fingerprint, passphrase: 'board passphrase', out: path.join(dir, out), exportId });
  const phases = (id: string) => events.filter((e) => e.name === PROGRESS_EVENT_NAME && (e.data as CallProgress).id === id).map((e) => (e.data as CallProgress).phase);
  return { dir, call, events, phases, exportArgs };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}

describe('the services beside the loopback host', () => {
  it('answers cycle.info and sends change events while a packet is laid out and signed, and reports the export phases in order', { timeout: 120_000 }, async () => {
    const { call, events, phases, exportArgs, dir } = await serve();
    const finished: string[] = [];
    const exporting = call('packets.export', exportArgs('q3-packet', 'q3.pdf')).then((reply) => {
      finished.push('export');
      return reply;
    });
    await until(() => phases('q3-packet').includes('pages'));
    const info = await call('cycle.info', {});
    finished.push('info');
    expect(info).toMatchObject({ ok: true, value: { name: 'Q3 2026 review' } });
    const renamed = await call('cycle.update', { name: 'Q3 2026 review (final)' });
    expect(renamed).toMatchObject({ ok: true });
    await until(() => events.some((e) => e.name === CHANGE_EVENT_NAME && (e.data as ChangeEvent).entity === 'cycle'));
    finished.push('change event');
    const exported = await exporting;
    expect(exported).toMatchObject({ ok: true, value: { fileName: 'q3.pdf', savedTo: path.join(dir, 'q3.pdf') } });
    expect(finished).toEqual(['info', 'change event', 'export']);
    expect(phases('q3-packet')).toEqual(['build', 'pages', 'sign', 'record']);
    expect(fs.existsSync(path.join(dir, 'q3.pdf'))).toBe(true);
  });

  it('a cancelled export saves no file and records nothing: the packets and the audit log are as before', { timeout: 120_000 }, async () => {
    const { call, phases, exportArgs, dir } = await serve();
    const auditBefore = await call('audit.verify', {});
    const packetsBefore = await call('packets.list', {});
    const exporting = call('packets.export', exportArgs('to-cancel', 'cancelled.pdf'));
    await until(() => phases('to-cancel').includes('pages'));
    expect(await call('packets.cancelExport', { exportId: 'to-cancel' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await exporting).toEqual({ ok: false, error: { code: 'cancelled', message: 'The packet export was cancelled; no file was saved and nothing was recorded.' } });
    expect(phases('to-cancel')).not.toContain('record');
    expect(fs.existsSync(path.join(dir, 'cancelled.pdf'))).toBe(false);
    expect(await call('packets.list', {})).toEqual(packetsBefore);
    expect(await call('audit.verify', {})).toEqual(auditBefore);
    // Once finished, an export is no longer running: cancelling it again says so.
    expect(await call('packets.cancelExport', { exportId: 'to-cancel' })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
