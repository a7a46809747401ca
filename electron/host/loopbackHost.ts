import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';
import { UserError, type ApiError, type Reply } from '../../shared/contract/errors';
import { CALL_PATH, EVENTS_PATH, TOKEN_HEADER, TOKEN_QUERY, UPLOAD_NAME_HEADER, UPLOAD_PATH } from '../../shared/contract/transport';
import { dispatch, type Logger } from '../services/dispatch';
import type { Handlers } from '../services/handlers';

/**
 * The loopback transport: the same handler table as Electron IPC, over HTTP on 127.0.0.1
 * only. Defences against other local pages and DNS rebinding: a random per-run token on
 * every API request, the Host header must name this loopback address and port, and a
 * request that carries an Origin must come from this very origin.
 */

export const HOST_CSP = CONTENT_SECURITY_POLICY;

const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface HostOptions {
  handlers: Handlers;
  /** Subscribes the host to the events it streams (by SSE event name); returns the unsubscribe function. */
  subscribe: (emit: (eventName: string, payload: unknown) => void) => () => void;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  log?: Logger;
}

export interface RunningHost {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function refuse(res: http.ServerResponse, status: number, code: ApiError['code'], message: string): void {
  const reply: Reply<never> = { ok: false, error: { code, message } };
  sendJson(res, status, reply);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

/**
 * A browser cannot tell the host where a dropped file lives, so a dropped .zip (a bundle)
 * or .pdf (a packet to verify) is copied into this run's upload folder and used from
 * there, like any other path.
 */
function receiveUpload(req: http.IncomingMessage, dir: string, rawName: string): Promise<{ path: string } | { error: string }> {
  const name = path.basename(decodeURIComponent(rawName || 'bundle.zip'));
  if (!/\.(zip|pdf)$/i.test(name)) {
    req.resume();
    return Promise.resolve({ error: `${name} is not a .zip or a .pdf. In a browser, drop bundles as .zip files (or type a folder's path) and packets as .pdf files.` });
  }
  const folder = fs.mkdtempSync(path.join(dir, 'upload-'));
  const target = path.join(folder, name);
  return new Promise((resolve) => {
    let size = 0;
    const out = fs.createWriteStream(target);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) {
        req.destroy();
        out.destroy();
        fs.rmSync(folder, { recursive: true, force: true });
        resolve({ error: `${name} is larger than 4 GiB.` });
      }
    });
    req.pipe(out);
    out.on('finish', () => resolve({ path: target }));
    out.on('error', (err) => resolve({ error: `${name} could not be stored: ${err.message}` }));
  });
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  const indexFile = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new UserError('not_found', `The renderer is not built (${indexFile} is missing). Run \`npm run build\` first.`);
  }
  const streams = new Set<http.ServerResponse>();
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-uploads-'));
  let allowedHosts = new Set<string>();
  let origin = '';

  const unsubscribe = options.subscribe((eventName, payload) => {
    const frame = `event: ${eventName}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  function serveStatic(urlPath: string, res: http.ServerResponse): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      res.writeHead(400).end('Bad path');
      return;
    }
    const candidate = path.resolve(rendererDir, `.${path.posix.normalize(`/${decoded}`)}`);
    if (candidate !== rendererDir && !candidate.startsWith(rendererDir + path.sep)) {
      res.writeHead(404).end('Not found');
      return;
    }
    let file = candidate;
    const isFile = fs.existsSync(file) && fs.statSync(file).isFile();
    // Unknown paths without an extension are app routes: the single-page app handles them.
    if (!isFile) {
      if (path.extname(decoded) !== '') {
        res.writeHead(404).end('Not found');
        return;
      }
      file = indexFile;
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': HOST_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file === indexFile ? 'no-store' : 'max-age=300',
    });
    fs.createReadStream(file).pipe(res);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      refuse(res, 421, 'unauthorized', 'This host only answers requests addressed to its own loopback address.');
      return;
    }
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin && requestOrigin !== origin.replace('127.0.0.1', 'localhost')) {
      refuse(res, 403, 'unauthorized', 'Requests from other web pages are refused.');
      return;
    }
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith(CALL_PATH)) {
      if (req.method !== 'POST') {
        refuse(res, 405, 'invalid_argument', 'Calls are made with POST.');
        return;
      }
      const headerToken = req.headers[TOKEN_HEADER];
      if (!sameToken(Array.isArray(headerToken) ? headerToken[0] : headerToken, token)) {
        refuse(res, 401, 'unauthorized', 'The access token is missing or wrong. Open the address that `mrb serve` printed.');
        return;
      }
      let args: unknown;
      try {
        const body = await readBody(req);
        args = body.trim() === '' ? {} : (JSON.parse(body) as unknown);
      } catch {
        refuse(res, 400, 'invalid_argument', 'The request body must be JSON of at most 1 MiB.');
        return;
      }
      const name = url.pathname.slice(CALL_PATH.length);
      const reply = await dispatch(options.handlers, name, args, options.log);
      sendJson(res, 200, reply);
      return;
    }

    if (url.pathname === UPLOAD_PATH) {
      const headerToken = req.headers[TOKEN_HEADER];
      if (req.method !== 'POST' || !sameToken(Array.isArray(headerToken) ? headerToken[0] : headerToken, token)) {
        refuse(res, 401, 'unauthorized', 'The access token is missing or wrong.');
        return;
      }
      const stored = await receiveUpload(req, uploadsDir, String(req.headers[UPLOAD_NAME_HEADER] ?? ''));
      if ('error' in stored) refuse(res, 400, 'invalid_argument', stored.error);
      else sendJson(res, 200, { ok: true, value: { path: stored.path } });
      return;
    }

    if (url.pathname === EVENTS_PATH) {
      if (!sameToken(url.searchParams.get(TOKEN_QUERY), token)) {
        refuse(res, 401, 'unauthorized', 'The access token is missing or wrong.');
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      refuse(res, 404, 'unknown_call', `Nothing is served at ${url.pathname}.`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(url.pathname, res);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      options.log?.('host request failed', { url: req.url, error: err instanceof Error ? err.stack : String(err) });
      if (!res.headersSent) refuse(res, 500, 'internal', 'The host failed to answer; the details are in its log.');
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new UserError('invalid_argument', `Port ${options.port} on 127.0.0.1 is in use. Choose another with --port, or leave it out to pick a free one.`)
          : err,
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    url: `${origin}/?${TOKEN_QUERY}=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        unsubscribe();
        for (const res of streams) res.end();
        streams.clear();
        server.closeAllConnections();
        server.close(() => {
          fs.rmSync(uploadsDir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
