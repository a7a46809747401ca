import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceThread, serviceThreadFiles } from '../../../electron/services/serviceThread/serviceThread';
import type { ChangeEvent, ImportJob, ServicesNotice } from '../../../shared/contract/calls';
import { CHANGE_EVENT_NAME, JOB_EVENT_NAME, SERVICES_EVENT_NAME } from '../../../shared/contract/transport';
import { crashableEntry } from '../../helpers/crashableServices';
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

function crashable(): string {
  return crashableEntry(serviceThreadFiles(DIST).entry, tempDir());
}

/** The services events the thread's owner hands to the pages, in order. */
function servicesNotices(thread: ServiceThread): ServicesNotice[] {
  const notices: ServicesNotice[] = [];
  thread.onEvent((name, payload) => {
    if (name === SERVICES_EVENT_NAME) notices.push(payload as ServicesNotice);
  });
  return notices;
}

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

  it('a thread that dies is started again: the call in flight gets a sentence, the workspace is open again and writable, and the pages are told once', async () => {
    const thread = start(crashable());
    const notices = servicesNotices(thread);
    const file = path.join(tempDir(), 'q3.mrb');
    expect(await thread.request('cycle.create', { path: file, name: 'Q3' })).toMatchObject({ ok: true });
    expect(await thread.call('test.crash', {})).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: expect.stringMatching(/^The app's services stopped on an internal error before test\.crash was answered, and were started again; the details are in \S+\. Check whether it was done before trying again\.$/),
      },
    });
    // Asked at once, it waits for the new thread to have reopened the workspace.
    expect(await thread.request('cycle.info', {})).toMatchObject({ ok: true, value: { name: 'Q3', path: file } });
    // The dead thread's writer lock went with it: the new one writes.
    expect(await thread.request('cycle.update', { name: 'Q3 final' })).toMatchObject({ ok: true, value: { name: 'Q3 final' } });
    expect(notices).toEqual([{ kind: 'restarted', message: expect.stringContaining(`and ${file} is open again. A change being saved at that moment may not have been saved`) }]);
    const log = /The details are in (\S+)\.$/.exec(notices[0]!.message)![1]!;
    expect(path.dirname(log)).toBe(path.join(userData, 'logs'));
    expect(fs.readFileSync(log, 'utf8')).toMatch(/services thread \{\}\nTypeError: the services broke/);
  });

  it('when the workspace cannot be opened again, the pages are sent back to the start (a workspace closed) and told why', async () => {
    const thread = start(crashable());
    const notices = servicesNotices(thread);
    const workspaces: string[][] = [];
    thread.onEvent((name, payload) => {
      if (name === CHANGE_EVENT_NAME && (payload as ChangeEvent).entity === 'workspace') workspaces.push((payload as ChangeEvent).ids);
    });
    const file = path.join(tempDir(), 'gone.mrb');
    expect(await thread.request('cycle.create', { path: file, name: 'Gone' })).toMatchObject({ ok: true });
    fs.renameSync(file, `${file}.moved`);
    await thread.call('test.crash', {});
    expect(await thread.request('cycle.info', {})).toEqual({ ok: true, value: null });
    expect(workspaces).toEqual([[file], []]);
    expect(notices).toEqual([{ kind: 'restarted', message: expect.stringContaining(`but ${file} could not be opened again: `) }]);
  });

  it('imports the dead thread was running end as failed on every page, with a sentence; finished ones are left as they are', async () => {
    // A stand-in thread: it reports two imports, one finished and one still queued, then dies.
    const job = (id: string, status: ImportJob['status']): ImportJob => ({
      id, source: `${id}.zip`, origin: `/bundles/${id}.zip`, status, phase: null, file: null, bytes: 0, totalBytes: 10, rows: 0, message: null, outcome: null,
    });
    const entry = path.join(tempDir(), 'importing.cjs');
    fs.writeFileSync(
      entry,
      `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.kind === 'close') return parentPort.close();
  if (m.name === 'test.crash') throw new TypeError('the services broke');
  for (const payload of ${JSON.stringify([job('a', 'running'), job('a', 'imported'), job('b', 'queued')])}) parentPort.postMessage({ kind: 'event', name: 'job', payload });
  parentPort.postMessage({ kind: 'reply', id: m.id, reply: { ok: true, value: [] } });
});`,
    );
    const thread = start(entry);
    const jobs: ImportJob[] = [];
    thread.onEvent((name, payload) => {
      if (name === JOB_EVENT_NAME) jobs.push(payload as ImportJob);
    });
    expect(await thread.call('bundles.import', { paths: ['/bundles/a.zip', '/bundles/b.zip'] })).toEqual({ ok: true, value: [] });
    await thread.call('test.crash', {});
    expect(jobs.slice(3)).toEqual([{ ...job('b', 'failed'), message: "The app's services stopped while this import ran, so it may not have been imported; retry it." }]);
  });

  it('a thread that dies three times within a minute is left stopped: every call then says so, naming the log, never a stack', async () => {
    const broken = path.join(tempDir(), 'broken.cjs');
    fs.writeFileSync(broken, "require('node:worker_threads').parentPort.once('message', () => { throw new TypeError('the services broke'); });");
    const thread = start(broken);
    const notices = servicesNotices(thread);
    const restarted = /^The app's services stopped on an internal error before cycle\.info was answered, and were started again; the details are in \S+\. Check whether it was done before trying again\.$/;
    expect(await thread.call('cycle.info', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(restarted) } });
    expect(await thread.call('cycle.info', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(restarted) } });
    const third = await thread.call('cycle.info', {});
    expect(third).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.stringMatching(/^The app's services stopped on an internal error 3 times within a minute, so they were not started again; the details are in \S+\. Restart the app\.$/) },
    });
    expect(await thread.call('cycle.info', {})).toEqual(third);
    expect(notices.map((n) => n.kind)).toEqual(['restarted', 'restarted', 'stopped']);
    expect(notices[2]!.message).toBe((third as { error: { message: string } }).error.message);
  });
});
