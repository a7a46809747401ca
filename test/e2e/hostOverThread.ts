import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, type RunningHost } from '../../electron/host/loopbackHost';
import { ServiceThread, serviceThreadFiles } from '../../electron/services/serviceThread/serviceThread';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CRASH_CALL, crashableEntry } from '../helpers/crashableServices';
import { goTo } from './steps';

export const DIST = path.resolve(__dirname, '../../dist');

export interface HostOverThread {
  dir: string;
  services: ServiceThread;
  host: RunningHost;
  /** The built thread and workers (dist/electron), for a story to wrap one of them. */
  built: ReturnType<typeof serviceThreadFiles>;
  close(): Promise<void>;
}

/**
 * The loopback host over the real services' thread, as `mrb serve` runs them, but started
 * here so that a story may hand the thread a wrapped entry or worker (one it can make die
 * or wait). Its log and user data stay in its own folder.
 */
export async function hostOverThread(wrap: (built: ReturnType<typeof serviceThreadFiles>, dir: string) => Partial<ReturnType<typeof serviceThreadFiles>>): Promise<HostOverThread> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-e2e-thread-'));
  const userData = path.join(dir, 'user');
  const previous = process.env.MRB_USER_DATA;
  process.env.MRB_USER_DATA = userData;
  const built = serviceThreadFiles(path.join(DIST, 'electron'));
  const services = new ServiceThread({ ...built, ...wrap(built, dir) }, { userDataDir: userData, workspace: { actor: 'analyst@bank.example' } });
  const host = await startHost({ call: services.call, subscribe: (emit) => services.onEvent(emit), rendererDir: path.join(DIST, 'renderer') });
  return {
    dir,
    services,
    host,
    built,
    async close() {
      await host.close();
      await services.close();
      if (previous === undefined) delete process.env.MRB_USER_DATA;
      else process.env.MRB_USER_DATA = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A packet worker that holds its job until a gate file exists, then is the real one: the
 * export waits in "Building the decision record" (the worker's first step) for as long as
 * the story needs, however fast or slow the machine (the worker's messages wait in its port
 * until the real one listens).
 */
export function gatedPacketWorker(real: string, dir: string): { worker: string; gate: string } {
  const worker = path.join(dir, 'gatedPacketWorker.cjs');
  const gate = path.join(dir, 'gate-open');
  fs.writeFileSync(worker, `const fs = require('node:fs');\nconst wait = () => (fs.existsSync(${JSON.stringify(gate)}) ? require(${JSON.stringify(real)}) : setTimeout(wait, 20));\nwait();\n`);
  return { worker, gate };
}

export const PACKET_PASSPHRASE = 'board packet 2026';

export interface GatedPackets {
  page: Page;
  dir: string;
  /** Written to let the held packet worker go on. */
  gate: string;
  close(): Promise<void>;
}

/**
 * The demo cycle over the services' thread with a held packet worker, a signing identity
 * made, and a page on the Packets place: where the export stories start.
 */
export async function packetsOverGatedThread(browser: Browser): Promise<GatedPackets> {
  let gate = '';
  const { dir, services, host, close } = await hostOverThread((built, folder) => {
    const gated = gatedPacketWorker(built.packetWorker, folder);
    gate = gated.gate;
    return { packetWorker: gated.worker };
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const closeAll = async () => {
    await context.close();
    await close();
  };
  try {
    execFileSync(process.execPath, [path.join(DIST, 'electron', 'mrb.cjs'), 'demo', path.join(dir, 'demo')]);
    expect(await services.request('cycle.open', { path: path.join(dir, 'demo', 'demo-cycle.mrb') })).toMatchObject({ ok: true });
    const identity = { name: 'Chloe Park', email: 'c.park@bank.example', organisation: 'Example Bank', out: path.join(dir, 'chloe.p12'), passphrase: PACKET_PASSPHRASE };
    expect(await services.request('identities.create', identity)).toMatchObject({ ok: true });
    const page = await context.newPage();
    await page.goto(host.url);
    await goTo(page, 'Packets');
    await expect(page.getByRole('form', { name: 'Export packet' }).getByLabel('Signing identity', { exact: true })).toContainText('Chloe Park');
    return { page, dir, gate, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

export interface CrashableCycle {
  page: Page;
  context: BrowserContext;
  /** The open cycle's file. */
  file: string;
  /** The page's address, with its token. */
  url: string;
  /** Makes the services' thread die, as a bug in a handler would; answers the call in flight. */
  crash(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * A cycle named "Q3 review" open over a services' thread that a story can make die, and a
 * page showing it: where the stories of the services started again begin.
 */
export async function cycleOverCrashableThread(browser: Browser, viewport: { width: number; height: number }): Promise<CrashableCycle> {
  const { dir, services, host, close } = await hostOverThread((built, folder) => ({ entry: crashableEntry(built.entry, folder) }));
  const context = await browser.newContext({ viewport });
  const closeAll = async () => {
    await context.close();
    await close();
  };
  try {
    const file = path.join(dir, 'q3.mrb');
    expect(await services.request('cycle.create', { path: file, name: 'Q3 review' })).toMatchObject({ ok: true });
    const page = await context.newPage();
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Q3 review' })).toBeVisible();
    return { page, context, file, url: host.url, crash: () => services.call(CRASH_CALL, {}), close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
