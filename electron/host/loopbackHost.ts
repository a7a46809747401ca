import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/csp';
import { hasUnprintable, shownName, UserError, type ApiError, type Reply } from '../../shared/contract/errors';
import { CALL_PATH, EVENTS_PATH, TOKEN_HEADER, TOKEN_QUERY, UPLOAD_NAME_HEADER, UPLOAD_PATH } from '../../shared/contract/transport';
import { DEFAULT_LIMITS } from '../services/bundles/bundleSource';
import { formatBytes } from '../services/bundles/byteSizes';
import { logInternalError } from '../services/errorLog';
import { contentTypeOf, rendererFile } from '../services/rendererFiles';
import type { CallForwarder } from '../services/serviceThread/serviceThread';

/**
 * The loopback transport: the same contract as Electron IPC, over HTTP on 127.0.0.1
 * only. It forwards calls (to the services' thread in `mrb serve`) and runs none itself,
 * so a long call never holds up the pages' other requests or their event stream.
 * Defences against other local pages and DNS rebinding: a random per-run token on
 * every API request, the Host header must name this loopback address and port, and a
 * request that carries an Origin must come from this very origin.
 */

export const HOST_CSP = CONTENT_SECURITY_POLICY;

const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Bytes of a refused body still read (and dropped) so that the client, which reads the
 * answer only once it has sent its request, gets the sentence and not a reset. Past
 * this the connection is closed after the answer is written.
 */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;
/** A dropped bundle is a zip of at most what a bundle may unpack to. */
const MAX_UPLOAD_BYTES = DEFAULT_LIMITS.maxTotalBytes;
const DEFAULT_UPLOAD_QUOTA_BYTES = 8 * 1024 ** 3;

export interface HostOptions {
  /** Where calls go: the services' thread (ServiceThread.call), or dispatch over a handler table in this thread. */
  call: CallForwarder;
  /** Subscribes the host to the events it streams (by SSE event name); returns the unsubscribe function. */
  subscribe: (emit: (eventName: string, payload: unknown) => void) => () => void;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /** Bytes all uploads of this run may take together (default 8 GiB). */
  uploadQuotaBytes?: number;
}

export interface RunningHost {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** This run's folder of dropped files, removed on close. */
  readonly uploadsDir: string;
  close(): Promise<void>;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}

function refuse(res: http.ServerResponse, status: number, code: ApiError['code'], message: string, close = false): void {
  const reply: Reply<never> = { ok: false, error: { code, message } };
  sendJson(res, status, reply, close);
}

/** A request refused for its body: answered with `status`, then the connection is closed. */
interface BodyRefusal {
  refused: string;
  status: number;
  /** The client kept sending past what is read and dropped: close without reading on. */
  cut: boolean;
}

/** Answers a body refusal with its sentence and `Connection: close`, and cuts the connection once the answer is out if the body was not read to its end. */
function refuseBody(req: http.IncomingMessage, res: http.ServerResponse, r: BodyRefusal): void {
  if (r.cut) res.once('finish', () => req.destroy());
  refuse(res, r.status, 'invalid_argument', r.refused, true);
}

/** Reads the rest of a refused body and drops it, up to MAX_DISCARD_BYTES. */
function discardRest(req: http.IncomingMessage, refusal: Omit<BodyRefusal, 'cut'>): Promise<BodyRefusal> {
  return new Promise((resolve) => {
    if (req.complete) {
      resolve({ ...refusal, cut: false });
      return;
    }
    let dropped = 0;
    const onData = (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > MAX_DISCARD_BYTES) {
        req.off('data', onData);
        req.pause();
        resolve({ ...refusal, cut: true });
      }
    };
    req.on('data', onData);
    req.once('end', () => resolve({ ...refusal, cut: false }));
    req.once('close', () => resolve({ ...refusal, cut: !req.complete }));
    req.resume();
  });
}

function declaredLength(req: http.IncomingMessage): number | null {
  const header = req.headers['content-length'];
  return header === undefined || !/^\d+$/.test(header) ? null : Number(header);
}

async function readBody(req: http.IncomingMessage): Promise<string | BodyRefusal> {
  const tooLarge = { refused: `The request body is larger than ${formatBytes(MAX_BODY_BYTES)}; a call takes JSON of at most that size.`, status: 413 };
  if ((declaredLength(req) ?? 0) > MAX_BODY_BYTES) return discardRest(req, tooLarge);
  const chunks: Buffer[] = [];
  let size = 0;
  const over = await new Promise<boolean>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.pause();
        resolve(true);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(false));
    req.once('error', reject);
  });
  if (over) return discardRest(req, tooLarge);
  return Buffer.concat(chunks).toString('utf8');
}

/** Bytes this run's uploads take, counted as they arrive so that uploads at the same time share the quota. */
interface UploadSpace {
  used: number;
  readonly quota: number;
}

/**
 * A browser cannot tell the host where a dropped file lives, so a dropped .zip (a bundle)
 * or .pdf (a packet to verify) is copied into this run's upload folder and used from
 * there, like any other path. A refused, over-quota or interrupted upload leaves nothing.
 */
async function receiveUpload(req: http.IncomingMessage, dir: string, rawName: string, space: UploadSpace): Promise<{ path: string } | BodyRefusal> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawName || 'bundle.zip');
  } catch {
    return discardRest(req, { refused: 'The dropped file\'s name is not valid (it holds a broken %-escape); rename the file and drop it again.', status: 400 });
  }
  if (hasUnprintable(decoded)) {
    return discardRest(req, { refused: `The dropped file's name "${shownName(decoded)}" holds a control character; rename the file and drop it again.`, status: 400 });
  }
  const name = path.basename(decoded);
  if (!/\.(zip|pdf)$/i.test(name)) {
    return discardRest(req, {
      refused: `${shownName(name)} is not a .zip or a .pdf. In a browser, drop bundles as .zip files (or type a folder's path) and packets as .pdf files.`,
      status: 400,
    });
  }
  const shown = shownName(name);
  const tooLarge = { refused: `${shown} is larger than ${formatBytes(MAX_UPLOAD_BYTES)}, the most a dropped file may be; nothing was kept.`, status: 413 };
  const overQuota = {
    refused: `${shown} would take this run's dropped files past their quota of ${formatBytes(space.quota)}; nothing was kept. Give the bundle's path instead, or restart \`mrb serve\`.`,
    status: 413,
  };
  const declared = declaredLength(req);
  if (declared !== null && declared > MAX_UPLOAD_BYTES) return discardRest(req, tooLarge);
  if (declared !== null && space.used + declared > space.quota) return discardRest(req, overQuota);

  const folder = fs.mkdtempSync(path.join(dir, 'upload-'));
  const target = path.join(folder, name);
  const out = fs.createWriteStream(target, { flags: 'wx', mode: 0o600 });
  // A client that goes away mid-upload is handled by 'close' below; its socket error is not ours to throw.
  req.on('error', () => undefined);
  let size = 0;
  const outcome = await new Promise<{ path: string } | Omit<BodyRefusal, 'cut'> | 'interrupted'>((resolve) => {
    let settled = false;
    const settle = (r: { path: string } | Omit<BodyRefusal, 'cut'> | 'interrupted') => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      space.used += chunk.length;
      if (size > MAX_UPLOAD_BYTES) settle(tooLarge);
      else if (space.used > space.quota) settle(overQuota);
    };
    req.on('data', onData);
    req.pipe(out);
    out.once('finish', () => settle({ path: target }));
    out.once('error', (err) => settle({ refused: `${shown} could not be stored (${err.message}); nothing was kept.`, status: 500 }));
    req.once('close', () => {
      if (!req.complete) settle('interrupted');
    });
  });
  if (typeof outcome === 'object' && 'path' in outcome) return outcome;
  // Whatever stopped it, the partial file goes and its handle is closed.
  req.unpipe(out);
  out.destroy();
  fs.rmSync(folder, { recursive: true, force: true });
  space.used -= size;
  if (outcome === 'interrupted') return { refused: `The upload of ${shown} was interrupted; nothing was kept.`, status: 400, cut: true };
  return discardRest(req, outcome);
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
  const uploadSpace: UploadSpace = { used: 0, quota: options.uploadQuotaBytes ?? DEFAULT_UPLOAD_QUOTA_BYTES };
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
    const file = rendererFile(rendererDir, decoded);
    if (file === null) {
      res.writeHead(404).end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': contentTypeOf(file),
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
      const body = await readBody(req);
      if (typeof body !== 'string') {
        refuseBody(req, res, body);
        return;
      }
      let args: unknown;
      try {
        args = body.trim() === '' ? {} : (JSON.parse(body) as unknown);
      } catch {
        refuse(res, 400, 'invalid_argument', 'The request body is not valid JSON.');
        return;
      }
      const name = url.pathname.slice(CALL_PATH.length);
      const reply = await options.call(name, args);
      sendJson(res, 200, reply);
      return;
    }

    if (url.pathname === UPLOAD_PATH) {
      const headerToken = req.headers[TOKEN_HEADER];
      if (req.method !== 'POST' || !sameToken(Array.isArray(headerToken) ? headerToken[0] : headerToken, token)) {
        refuse(res, 401, 'unauthorized', 'The access token is missing or wrong.');
        return;
      }
      const stored = await receiveUpload(req, uploadsDir, String(req.headers[UPLOAD_NAME_HEADER] ?? ''), uploadSpace);
      if ('refused' in stored) refuseBody(req, res, stored);
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
      const log = logInternalError('host request', err, { url: req.url });
      if (!res.headersSent) refuse(res, 500, 'internal', log === null ? 'The host failed to answer, and no log could be written.' : `The host failed to answer; the details are in ${log}.`);
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
    uploadsDir,
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
