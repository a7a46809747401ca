import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/loopbackHost';
import { dispatch } from '../../electron/services/dispatch';
import { CALL_PATH, CHANGE_EVENT_NAME, TOKEN_HEADER, UPLOAD_NAME_HEADER, UPLOAD_PATH } from '../../shared/contract/transport';
import { services } from '../helpers/services';
import { tempDir } from '../helpers/tempDir';

/**
 * The host meeting bad requests: too-large bodies get their sentence (not a reset),
 * uploads that stop or overflow leave nothing behind, upload names cannot smuggle control
 * characters, paths the user names must be regular files, and an internal error is one
 * sentence with the log's path.
 */

const running: RunningHost[] = [];
let userData: string;
const previous = process.env.MRB_USER_DATA;
beforeEach(() => {
  userData = tempDir('mrb-user-');
  process.env.MRB_USER_DATA = userData;
});
afterEach(async () => {
  for (const host of running.splice(0)) await host.close();
  if (previous === undefined) delete process.env.MRB_USER_DATA;
  else process.env.MRB_USER_DATA = previous;
});

async function serve(options: { uploadQuotaBytes?: number } = {}) {
  const { dir, session, handlers } = services();
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>MRB</title>');
  const host = await startHost({
    call: (name, args) => dispatch(handlers, name, args),
    subscribe: (emit) => session.onChange((e) => emit(CHANGE_EVENT_NAME, e)),
    rendererDir,
    uploadQuotaBytes: options.uploadQuotaBytes,
  });
  running.push(host);
  return { dir, host, handlers };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends `chunks` (with a Content-Length unless `chunked`), and reads the answer; a reset rejects. */
function send(host: RunningHost, pathname: string, headers: Record<string, string>, chunks: Buffer[], chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const length = chunks.reduce((n, c) => n + c.length, 0);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: pathname,
        method: 'POST',
        headers: { host: `127.0.0.1:${host.port}`, [TOKEN_HEADER]: host.token, ...(chunked ? {} : { 'content-length': String(length) }), ...headers },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

const upload = (host: RunningHost, name: string, bytes: number, chunked = false) =>
  send(host, UPLOAD_PATH, { [UPLOAD_NAME_HEADER]: name }, Array.from({ length: Math.ceil(bytes / 65_536) }, (_, i) => Buffer.alloc(Math.min(65_536, bytes - i * 65_536), 7)), chunked);

function openHandlesInto(dir: string): string[] {
  return fs
    .readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(dir));
}

describe('the host and bad requests', () => {
  it.each([
    ['with a Content-Length', false],
    ['chunked', true],
  ])('a call body over 1 MiB (%s) gets a 413 with its sentence and Connection: close, not a reset', async (_how, chunked) => {
    const { host } = await serve();
    const body = Buffer.from(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }));
    const pieces = Array.from({ length: 32 }, (_, i) => body.subarray((i * body.length) / 32, ((i + 1) * body.length) / 32));
    const answer = await send(host, `${CALL_PATH}cycle.update`, { 'content-type': 'application/json' }, pieces, chunked);
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({
      ok: false,
      error: { code: 'invalid_argument', message: 'The request body is larger than 1.0 MiB; a call takes JSON of at most that size.' },
    });
  });

  it('an upload cut off by the client is removed and its file handle closed', async () => {
    const { host } = await serve();
    const req = http.request({
      host: '127.0.0.1',
      port: host.port,
      path: UPLOAD_PATH,
      method: 'POST',
      headers: { host: `127.0.0.1:${host.port}`, [TOKEN_HEADER]: host.token, [UPLOAD_NAME_HEADER]: 'bundle.zip', 'content-length': String(10 * 1024 * 1024) },
    });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(1024 * 1024, 1));
    const started = Date.now();
    while (fs.readdirSync(host.uploadsDir).length === 0 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 10));
    expect(fs.readdirSync(host.uploadsDir)).toHaveLength(1);
    req.destroy();
    while ((fs.readdirSync(host.uploadsDir).length > 0 || openHandlesInto(host.uploadsDir).length > 0) && Date.now() - started < 5000) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(fs.readdirSync(host.uploadsDir)).toEqual([]);
    expect(openHandlesInto(host.uploadsDir)).toEqual([]);
  });

  it('uploads share a quota per run: the one that would pass it is refused with a sentence and leaves nothing', async () => {
    const { host } = await serve({ uploadQuotaBytes: 1024 * 1024 });
    const first = await upload(host, 'a.zip', 600 * 1024);
    expect(first.status).toBe(200);
    const refusal = {
      ok: false,
      error: { code: 'invalid_argument', message: "b.zip would take this run's dropped files past their quota of 1.0 MiB; nothing was kept. Give the bundle's path instead, or restart `mrb serve`." },
    };
    const declared = await upload(host, 'b.zip', 600 * 1024);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toEqual(refusal);
    const streamed = await upload(host, 'b.zip', 600 * 1024, true);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toEqual(refusal);
    expect(fs.readdirSync(host.uploadsDir)).toHaveLength(1);
    expect(fs.statSync((JSON.parse(first.body) as { value: { path: string } }).value.path).size).toBe(600 * 1024);
  });

  it.each([
    ['a NUL', 'evil%00.zip', 'The dropped file\'s name "evil\\x00.zip" holds a control character; rename the file and drop it again.'],
    ['a terminal escape', '%1B%5B2Jb.zip', 'The dropped file\'s name "\\x1b[2Jb.zip" holds a control character; rename the file and drop it again.'],
    ['a broken escape', 'b%zz.zip', "The dropped file's name is not valid (it holds a broken %-escape); rename the file and drop it again."],
  ])('an upload name with %s is refused with a sentence', async (_what, name, message) => {
    const { host } = await serve();
    const answer = await upload(host, name, 10);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'invalid_argument', message } });
    expect(fs.readdirSync(host.uploadsDir)).toEqual([]);
  });

  it('packets.verify and identities.add refuse a FIFO, a folder and a device at once, and the host keeps answering', async () => {
    const { host, dir } = await serve();
    const fifo = path.join(dir, 'packet.pdf');
    execFileSync('mkfifo', [fifo]);
    const call = (name: string, args: unknown) => send(host, `${CALL_PATH}${name}`, { 'content-type': 'application/json' }, [Buffer.from(JSON.stringify(args))]);
    const cases: [string, Record<string, unknown>, string][] = [
      ['packets.verify', { path: fifo }, `${fifo} is a named pipe (FIFO), not a regular file; name a file.`],
      ['packets.verify', { path: dir }, `${dir} is a folder, not a regular file; name a file.`],
      ['packets.verify', { path: '/dev/zero' }, '/dev/zero is a device, not a regular file; name a file.'],
      ['identities.add', { path: fifo, passphrase: 'x' }, `${fifo} is a named pipe (FIFO), not a regular file; name a file.`],
      ['identities.add', { path: '/dev/urandom', passphrase: 'x' }, '/dev/urandom is a device, not a regular file; name a file.'],
    ];
    for (const [name, args, message] of cases) {
      const answer = await call(name, args);
      expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'invalid_argument', message, field: 'path' } });
    }
  });

  it('an internal error in a call is one sentence naming the log that holds its stack', async () => {
    const { host, handlers } = await serve();
    handlers['cycle.info'] = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'id')");
    };
    const answer = await send(host, `${CALL_PATH}cycle.info`, {}, [Buffer.from('{}')]);
    const reply = JSON.parse(answer.body) as { ok: false; error: { code: string; message: string } };
    expect(reply.error.code).toBe('internal');
    expect(reply.error.message).toMatch(/^Something went wrong in cycle\.info \(Cannot read properties of undefined \(reading 'id'\)\); the details are in \S+\.$/);
    const log = /the details are in (\S+)\.$/.exec(reply.error.message)![1]!;
    expect(path.dirname(log)).toBe(path.join(userData, 'logs'));
    expect(fs.readFileSync(log, 'utf8')).toMatch(/call cycle\.info \{\}\nTypeError: Cannot read properties of undefined \(reading 'id'\)\n\s+at /);
  });
});
