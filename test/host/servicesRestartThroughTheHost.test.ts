import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/loopbackHost';
import { ServiceThread, serviceThreadFiles } from '../../electron/services/serviceThread/serviceThread';
import type { Reply } from '../../shared/contract/errors';
import { CALL_PATH, SERVICES_EVENT_NAME, TOKEN_HEADER } from '../../shared/contract/transport';
import { CRASH_CALL, crashableEntry } from '../helpers/crashableServices';
import { tempDir } from '../helpers/tempDir';
import { listenToHostEvents } from '../helpers/hostEvents';

const DIST = path.resolve(__dirname, '../../dist/electron');

const opened: { host: RunningHost; services: ServiceThread; events: http.ClientRequest }[] = [];
const previous = process.env.MRB_USER_DATA;
afterEach(async () => {
  for (const o of opened.splice(0)) {
    o.events.destroy();
    await o.host.close();
    await o.services.close();
  }
  if (previous === undefined) delete process.env.MRB_USER_DATA;
  else process.env.MRB_USER_DATA = previous;
});

describe('the services started again behind the loopback host', () => {
  it('a page gets a sentence for its call in flight, the workspace back, and one services event on its stream', async () => {
    const dir = tempDir();
    process.env.MRB_USER_DATA = path.join(dir, 'user');
    const rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>MRB</title>');
    const services = new ServiceThread({ ...serviceThreadFiles(DIST), entry: crashableEntry(serviceThreadFiles(DIST).entry, dir) }, { userDataDir: path.join(dir, 'user'), workspace: { actor: 'chair@test' } });
    const host = await startHost({ call: services.call, subscribe: (emit) => services.onEvent(emit), rendererDir });
    const events: { name: string; data: unknown }[] = [];
    opened.push({ host, services, events: await listenToHostEvents(host, events) });
    const call = async (name: string, args: unknown): Promise<Reply<unknown>> => {
      const res = await fetch(`${host.origin}${CALL_PATH}${name}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token }, body: JSON.stringify(args) });
      return (await res.json()) as Reply<unknown>;
    };
    const file = path.join(dir, 'q3.mrb');
    expect(await call('cycle.create', { path: file, name: 'Q3' })).toMatchObject({ ok: true });

    expect(await call(CRASH_CALL, {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/^The app's services stopped on an internal error before test\.crash was answered/) } });
    expect(await call('cycle.info', {})).toMatchObject({ ok: true, value: { name: 'Q3', path: file } });
    await expect.poll(() => events.filter((e) => e.name === SERVICES_EVENT_NAME)).toEqual([
      { name: SERVICES_EVENT_NAME, data: { kind: 'restarted', message: expect.stringContaining(`and ${file} is open again`) } },
    ]);
  });
});
