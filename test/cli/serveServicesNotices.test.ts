import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tellServicesNotices } from '../../electron/cli/commands/serve';
import type { CliIo } from '../../electron/cli/io';
import { ServiceThread, serviceThreadFiles } from '../../electron/services/serviceThread/serviceThread';
import { CRASH_CALL, crashableEntry } from '../helpers/crashableServices';
import { tempDir } from '../helpers/tempDir';

const DIST = path.resolve(__dirname, '../../dist/electron');

const previous = process.env.MRB_USER_DATA;
const started: ServiceThread[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) await t.close();
  if (previous === undefined) delete process.env.MRB_USER_DATA;
  else process.env.MRB_USER_DATA = previous;
});

/** The real services' thread as mrb serve starts it, with an entry the test can crash, and what serve's terminal shows. */
function served(): { services: ServiceThread; out: string[]; err: string[] } {
  const dir = tempDir();
  process.env.MRB_USER_DATA = path.join(dir, 'user');
  const files = serviceThreadFiles(DIST);
  const services = new ServiceThread({ ...files, entry: crashableEntry(files.entry, dir) }, { userDataDir: path.join(dir, 'user'), workspace: { app: 'mrb serve' } });
  started.push(services);
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t) };
  tellServicesNotices(services, io);
  return { services, out, err };
}

describe("mrb serve's terminal and the services' thread", () => {
  it('says once that the services were started again after a crash, with the workspace open again', async () => {
    const { services, out, err } = served();
    const file = path.join(tempDir(), 'q3.mrb');
    expect(await services.request('cycle.create', { path: file, name: 'Q3' })).toMatchObject({ ok: true });
    await services.call(CRASH_CALL, {});
    await expect.poll(() => err).toEqual([expect.stringMatching(new RegExp(`^The app's services stopped on an internal error and were started again, and ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is open again\\..* The details are in \\S+\\.$`))]);
    // The next call is served by the new thread, and nothing more is said.
    expect(await services.request('cycle.info', {})).toMatchObject({ ok: true, value: { name: 'Q3' } });
    expect(err).toHaveLength(1);
    expect(out).toEqual([]);
  }, 60_000);

  it('says when the services crashed too often and were left stopped, and how to start them again', async () => {
    const { services, err } = served();
    for (let i = 0; i < 3; i++) await services.call(CRASH_CALL, {});
    await expect.poll(() => err.at(-1)).toMatch(/^The app's services stopped on an internal error 3 times within a minute, so they were not started again; .* For mrb serve: press Ctrl\+C and run it again\.$/);
    expect(err.filter((line) => line.includes('were started again'))).toHaveLength(2);
  }, 60_000);
});
