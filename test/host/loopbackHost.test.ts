import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/loopbackHost';
import { dispatch } from '../../electron/services/dispatch';
import { CALL_PATH, CHANGE_EVENT_NAME, EVENTS_PATH, TOKEN_HEADER, UPLOAD_NAME_HEADER, UPLOAD_PATH } from '../../shared/contract/transport';
import { services } from '../helpers/services';

const running: RunningHost[] = [];
afterEach(async () => {
  for (const host of running.splice(0)) await host.close();
});

async function serve() {
  const { dir, session, handlers } = services();
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>MRB</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  const host = await startHost({ call: (name, args) => dispatch(handlers, name, args), subscribe: (emit) => session.onChange((e) => emit(CHANGE_EVENT_NAME, e)), rendererDir });
  running.push(host);
  return { dir, host, session };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(host: RunningHost, pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: pathname, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function call(host: RunningHost, name: string, args: unknown, headers: Record<string, string> = {}) {
  return request(host, CALL_PATH + name, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token, ...headers },
    body: JSON.stringify(args),
  });
}

describe('the loopback host', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token', async () => {
    const { host } = await serve();
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the renderer with a strict CSP, and app routes fall back to index.html', async () => {
    const { host } = await serve();
    const page = await request(host, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>MRB</title>');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['content-security-policy']).not.toMatch(/https?:/);
    expect((await request(host, '/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await request(host, '/overview')).body).toContain('<title>MRB</title>');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/missing.js'])('does not serve %s', async (p) => {
    const { host } = await serve();
    const answer = await request(host, p);
    expect(answer.body).not.toContain('do not serve');
    expect([200, 404]).toContain(answer.status);
    if (answer.status === 200) expect(answer.body).toContain('<title>MRB</title>');
  });

  it('answers calls with the token and refuses them without it', async () => {
    const { host } = await serve();
    const ok = await call(host, 'cycle.info', {});
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: null });
    const missing = await call(host, 'cycle.info', {}, { [TOKEN_HEADER]: '' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body).error.code).toBe('unauthorized');
    const wrong = await call(host, 'cycle.info', {}, { [TOKEN_HEADER]: 'x'.repeat(host.token.length) });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const { host } = await serve();
    expect((await request(host, '/', { headers: { host: `evil.example:${host.port}` } })).status).toBe(421);
    expect((await call(host, 'cycle.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await call(host, 'cycle.info', {}, { origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('validates arguments through the contract', async () => {
    const { host } = await serve();
    const reply = JSON.parse((await call(host, 'cycle.create', { path: 'q3.mrb' })).body);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_argument', field: 'name' } });
    const garbage = await request(host, `${CALL_PATH}cycle.info`, { method: 'POST', headers: { [TOKEN_HEADER]: host.token }, body: '{nope' });
    expect(garbage.status).toBe(400);
  });

  it('pushes change events to every open event stream', async () => {
    const { host, dir } = await serve();
    const received: string[][] = [[], []];
    const streams = received.map(
      (sink) =>
        new Promise<http.ClientRequest>((resolve) => {
          const req = http.get({ host: '127.0.0.1', port: host.port, path: `${EVENTS_PATH}?token=${host.token}`, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
            res.on('data', (d: Buffer) => sink.push(d.toString()));
            resolve(req);
          });
        }),
    );
    const reqs = await Promise.all(streams);
    await call(host, 'cycle.create', { path: path.join(dir, 'q3.mrb'), name: 'Q3' });
    await call(host, 'cycle.update', { name: 'Q3 final' });
    await new Promise((r) => setTimeout(r, 100));
    for (const sink of received) {
      const text = sink.join('');
      expect(text).toMatch(/event: change\ndata: \{"entity":"workspace"/);
      expect(text).toMatch(/event: change\ndata: \{"entity":"cycle","ids":\["[0-9a-f-]+"\],"seq":3\}/);
    }
    for (const r of reqs) r.destroy();
    const unauth = await request(host, `${EVENTS_PATH}?token=wrong`);
    expect(unauth.status).toBe(401);
  });

  it('stores a dropped .zip for this run only, with the token, and refuses anything else', async () => {
    const { host } = await serve();
    const upload = (name: string, body: string, token = host.token) =>
      request(host, UPLOAD_PATH, { method: 'POST', headers: { [TOKEN_HEADER]: token, [UPLOAD_NAME_HEADER]: encodeURIComponent(name) }, body });
    const stored = JSON.parse((await upload('../../bundle.zip', 'PK-bytes')).body);
    expect(stored).toMatchObject({ ok: true, value: { path: expect.stringMatching(/mrb-uploads-.*[\\/]upload-[^\\/]+[\\/]bundle\.zip$/) } });
    expect(fs.readFileSync(stored.value.path, 'utf8')).toBe('PK-bytes');
    expect(JSON.parse((await upload('notes.txt', 'x')).body)).toMatchObject({ ok: false, error: { message: 'notes.txt is not a .zip or a .pdf. In a browser, drop bundles as .zip files (or type a folder\'s path) and packets as .pdf files.' } });
    expect((await upload('b.zip', 'x', 'wrong')).status).toBe(401);
    await host.close();
    expect(fs.existsSync(stored.value.path)).toBe(false);
    running.splice(running.indexOf(host), 1);
  });
});
