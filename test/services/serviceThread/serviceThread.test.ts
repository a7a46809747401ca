import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceThread, serviceThreadFiles } from '../../../electron/services/serviceThread/serviceThread';
import { tempDir } from '../../helpers/tempDir';

const DIST = path.resolve(__dirname, '../../../dist/electron');

let userData: string;
const previous = process.env.MRB_USER_DATA;
const started: ServiceThread[] = [];
beforeEach(() => {
  userData = tempDir('mrb-user-');
  process.env.MRB_USER_DATA = userData;
});
afterEach(async () => {
  for (const t of started.splice(0)) await t.close();
  if (previous === undefined) delete process.env.MRB_USER_DATA;
  else process.env.MRB_USER_DATA = previous;
});

function start(entry?: string): ServiceThread {
  const files = serviceThreadFiles(DIST);
  const thread = new ServiceThread({ ...files, ...(entry ? { entry } : {}) }, { userDataDir: userData, workspace: { actor: 'analyst@test' } });
  started.push(thread);
  return thread;
}

describe('the services\' thread, seen from its owner', () => {
  it('answers a contract call with its Reply, arguments checked against the contract there', async () => {
    const thread = start();
    expect(await thread.call('cycle.info', {})).toEqual({ ok: true, value: null });
    expect(await thread.call('cycle.create', { path: 'x.mrb' })).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'name' } });
    expect(await thread.call('cycle.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    const file = path.join(tempDir(), 'q3.mrb');
    const created = await thread.request('cycle.create', { path: file, name: 'Q3' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Q3', path: file } });
  });

  it('refuses arguments that are not plain data with a sentence, and keeps serving', async () => {
    const thread = start();
    expect(await thread.call('cycle.open', { path: () => 'x.mrb' })).toEqual({
      ok: false,
      error: { code: 'invalid_argument', message: 'The arguments of cycle.open could not be sent: they must be plain data (JSON).' },
    });
    expect(await thread.call('cycle.info', {})).toEqual({ ok: true, value: null });
  });

  it('when the thread dies, the call waiting and every later one get one sentence naming the log, never a stack', async () => {
    const broken = path.join(tempDir(), 'broken.cjs');
    fs.writeFileSync(broken, "require('node:worker_threads').parentPort.once('message', () => { throw new TypeError('the services broke'); });");
    const thread = start(broken);
    const waiting = await thread.call('cycle.info', {});
    expect(waiting).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/^The app's services stopped on an internal error; the details are in \S+\. Restart the app\.$/) } });
    const log = /the details are in (\S+)\. Restart/.exec((waiting as { error: { message: string } }).error.message)![1]!;
    expect(path.dirname(log)).toBe(path.join(userData, 'logs'));
    expect(fs.readFileSync(log, 'utf8')).toMatch(/services thread \{\}\nTypeError: the services broke/);
    expect(await thread.call('cycle.info', {})).toEqual(waiting);
  });
});
