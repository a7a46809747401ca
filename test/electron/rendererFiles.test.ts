import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appResponse } from '../../electron/main/appProtocol';
import { contentTypeOf, rendererFile } from '../../electron/services/rendererFiles';
import { tempDir } from '../helpers/tempDir';

/** One static server for the desktop's app:// protocol and the loopback host (issue 15 §4). */
function builtRenderer(): string {
  const root = tempDir('mrb-renderer-');
  const dir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(dir, 'assets', 'worker.mjs'), 'export {};');
  fs.writeFileSync(path.join(dir, 'favicon.ico'), 'ico');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'not served');
  return dir;
}

describe('the renderer files', () => {
  it('serves a file inside the folder, index.html for an app route, and nothing outside', () => {
    const dir = builtRenderer();
    expect(rendererFile(dir, '/assets/worker.mjs')).toBe(path.join(dir, 'assets', 'worker.mjs'));
    expect(rendererFile(dir, '/sessions/s-1/chair')).toBe(path.join(dir, 'index.html'));
    expect(rendererFile(dir, '/assets/missing.js')).toBeNull();
    expect(rendererFile(dir, '/../secret.txt')).toBeNull();
  });

  it('the desktop protocol answers a module script and an icon with their types, as the host does (it sent octet-stream before)', async () => {
    const dir = builtRenderer();
    const script = appResponse(dir, 'app://mrb/assets/worker.mjs');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export {};');
    expect(appResponse(dir, 'app://mrb/favicon.ico').headers.get('content-type')).toBe('image/x-icon');
    expect(appResponse(dir, 'app://mrb/%2e%2e/secret.txt').status).toBe(404);
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
  });
});
