import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALL_PATH } from '../../shared/contract/transport';
import { isLoopbackOrigin } from '../../electron/services/hostEndpoint';
import { WriterLock } from '../../electron/services/store/writerLock';
import { systemClock } from '../../electron/services/clock';
import { MRB, runMrb } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

/**
 * A planted `<file>.mrb.host` (issue 10 §2): the CLI talks to a host only when the file is
 * the user's own, 0600, names a loopback address, and the host answers with the cycle id
 * the workspace file holds. Here a lock held by this test stands for the app holding the
 * workspace, and a fake host answers every call as if it took it.
 */

interface FakeHost {
  origin: string;
  calls: string[];
  close(): Promise<void>;
}

function fakeHost(cycleId: string): Promise<FakeHost> {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    const name = (req.url ?? '').replace(CALL_PATH, '');
    calls.push(name);
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      const value = name === 'cycle.info' ? { id: cycleId, name: 'Q3 model risk' } : { modelId: 'credit-default-scorer', dimension: 'privacy', value: 5, lo: 5, hi: 5 };
      res.end(JSON.stringify({ ok: true, value }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ origin: `http://127.0.0.1:${port}`, calls, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** runMrb without blocking this process, whose fake host must answer meanwhile. */
function runMrbAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MRB, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let file: string;
let lock: WriterLock;
let host: FakeHost | null = null;

const digest = () => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const cycleId = () => JSON.parse(runMrb(['info', file, '--json']).stdout).id as string;

function plant(origin: string, mode = 0o600): string {
  const hostFile = `${file}.host`;
  fs.writeFileSync(hostFile, JSON.stringify({ origin, token: 'planted', pid: process.pid }), { mode });
  fs.chmodSync(hostFile, mode);
  return hostFile;
}

const score = () => runMrbAsync(['score', file, '--model', 'credit-default-scorer', '--dimension', 'privacy', '--score', '5', '--rationale', 'planted']);

beforeEach(() => {
  dir = tempDir();
  file = path.join(dir, 'q3.mrb');
  expect(runMrb(['init', file, '--name', 'Q3 model risk']).code).toBe(0);
});

afterEach(async () => {
  lock?.release();
  await host?.close();
  host = null;
});

function holdWorkspace(): void {
  lock = WriterLock.acquire(file, { app: 'the test standing in for the desktop app', clock: systemClock });
}

describe('mrb score with a planted host address file', () => {
  it('a fake host on loopback answering another cycle id: refused, exit 2, the score never sent', async () => {
    host = await fakeHost('00000000-0000-4000-8000-000000000000');
    holdWorkspace();
    plant(host.origin);
    const before = digest();
    const r = await score();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `mrb score: The host at ${host.origin} named in q3.mrb.host serves another cycle (id 00000000-0000-4000-8000-000000000000), not the one in q3.mrb (id ${cycleId()}); nothing was sent to it or written.\n`,
    );
    expect(host.calls).toEqual(['cycle.info']);
    expect(digest()).toBe(before);
  });

  it.each([
    ['readable by others', 0o644, /^mrb score: q3\.mrb\.host has mode 0644, not 0600 as a host writes it, so it is not believed; nothing was sent or written\. If no mrb serve holds q3\.mrb, remove .*q3\.mrb\.host\.\n$/],
    ['writable by the group', 0o620, /q3\.mrb\.host has mode 0620, not 0600/],
  ])('a file %s: refused before any call', async (_what, mode, message) => {
    host = await fakeHost(cycleId());
    holdWorkspace();
    plant(host.origin, mode);
    const before = digest();
    const r = await score();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(host.calls).toEqual([]);
    expect(digest()).toBe(before);
  });

  it("a file owned by another user: refused, even when its host answers the workspace's cycle id", async () => {
    host = await fakeHost(cycleId());
    holdWorkspace();
    const planted = plant(host.origin);
    // The tests run as root here, which can give the file away; as anyone else they cannot.
    if (process.getuid?.() !== 0) return;
    fs.chownSync(planted, 65534, 65534);
    const r = await score();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mrb score: q3\.mrb\.host belongs to another user \(uid 65534\), not to you \(uid 0\), so it is not believed/);
    expect(host.calls).toEqual([]);
  });

  it('an address that is not loopback: refused, never contacted', async () => {
    holdWorkspace();
    for (const origin of ['http://192.0.2.7:8080', 'http://localhost.example:80', 'https://127.0.0.1:443', 'http://user@127.0.0.1:80']) {
      plant(origin);
      const r = await score();
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`q3.mrb.host points at ${JSON.stringify(origin)}, which is not a loopback address (127.0.0.0/8 or [::1]), so it is not believed`);
    }
  });

  it('a host that does not answer: a sentence, nothing written', async () => {
    host = await fakeHost(cycleId());
    const gone = host.origin;
    await host.close();
    host = null;
    holdWorkspace();
    plant(gone);
    const before = digest();
    const r = await score();
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mrb score: The host at ${gone} named in q3.mrb.host does not answer as a host; nothing was written.\n`);
    expect(digest()).toBe(before);
  });

  it('with no lock held, a planted file is ignored and the score is written to the file directly', async () => {
    host = await fakeHost('another');
    plant(host.origin);
    const r = await runMrbAsync(['score', file, '--model', 'nobody', '--dimension', 'privacy', '--score', '5', '--rationale', 'x']);
    expect(r.stderr).toMatch(/nobody/);
    expect(host.calls).toEqual([]);
  });
});

describe('loopback addresses', () => {
  it('only 127.0.0.0/8 and [::1] over http, written as an address', () => {
    expect(['http://127.0.0.1:5173', 'http://127.8.9.10:80', 'http://[::1]:4000'].every(isLoopbackOrigin)).toBe(true);
    expect(['http://localhost:80', 'http://128.0.0.1:80', 'http://[::2]:80', 'http://0.0.0.0:80', 'http://127.0.0.1:80/api', 'file:///tmp/x', 'not a url'].some(isLoopbackOrigin)).toBe(false);
  });
});
