import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, type RunningHost } from '../../electron/host/loopbackHost';
import { ServiceThread, serviceThreadFiles } from '../../electron/services/serviceThread/serviceThread';

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
 * export waits in "Laying out the pages" for as long as the story needs, however fast or
 * slow the machine (the worker's messages wait in its port until the real one listens).
 */
export function gatedPacketWorker(real: string, dir: string): { worker: string; gate: string } {
  const worker = path.join(dir, 'gatedPacketWorker.cjs');
  const gate = path.join(dir, 'gate-open');
  fs.writeFileSync(worker, `const fs = require('node:fs');\nconst wait = () => (fs.existsSync(${JSON.stringify(gate)}) ? require(${JSON.stringify(real)}) : setTimeout(wait, 20));\nwait();\n`);
  return { worker, gate };
}
