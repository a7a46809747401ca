import fs from 'node:fs';
import path from 'node:path';

/**
 * The built renderer's files as both the desktop's app:// protocol and the loopback host
 * serve them: one resolution (inside the folder only, index.html for an app route) and one
 * table of content types, so the two cannot drift apart.
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
}

/**
 * The file a decoded request path names in `rendererDir`. A path that would leave the
 * folder (".." in any spelling) is null; a path without an extension that names no file
 * is a route of the single-page app and gets index.html; any other missing file is null.
 */
export function rendererFile(rendererDir: string, decodedPath: string): string | null {
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${path.posix.normalize(`/${decodedPath}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  const index = path.join(root, 'index.html');
  return path.extname(decodedPath) === '' && fs.existsSync(index) ? index : null;
}
