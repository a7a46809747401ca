import fs from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CSP } from './security';

export const APP_SCHEME = 'app';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/** Must run before the app is ready: app:// behaves like a secure, standard origin. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Answers app://mrb/<path> from the built renderer. Paths are resolved and must stay
 * inside the renderer folder (encoded "..", too); unknown routes get index.html.
 */
export function resolveAppRequest(rendererDir: string, url: string): string | null {
  const root = path.resolve(rendererDir);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  const file = path.resolve(root, `.${path.posix.normalize(`/${pathname}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  const index = path.join(root, 'index.html');
  return path.extname(pathname) === '' && fs.existsSync(index) ? index : null;
}

export function appResponse(rendererDir: string, url: string): Response {
  const file = resolveAppRequest(rendererDir, url);
  if (file === null) return new Response('Not found', { status: 404, headers: { 'content-security-policy': CSP } });
  return new Response(fs.readFileSync(file), {
    status: 200,
    headers: {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
    },
  });
}

export function handleAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url));
}
