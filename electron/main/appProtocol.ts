import fs from 'node:fs';
import type { Protocol } from 'electron';
import { contentTypeOf, rendererFile } from '../services/rendererFiles';
import { CSP } from './security';

export const APP_SCHEME = 'app';

/** Must run before the app is ready: app:// behaves like a secure, standard origin. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Answers app://mrb/<path> from the built renderer, as the loopback host does (rendererFiles). */
export function resolveAppRequest(rendererDir: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  return rendererFile(rendererDir, pathname);
}

export function appResponse(rendererDir: string, url: string): Response {
  const file = resolveAppRequest(rendererDir, url);
  if (file === null) return new Response('Not found', { status: 404, headers: { 'content-security-policy': CSP } });
  return new Response(fs.readFileSync(file), {
    status: 200,
    headers: {
      'content-type': contentTypeOf(file),
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
    },
  });
}

export function handleAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url));
}
