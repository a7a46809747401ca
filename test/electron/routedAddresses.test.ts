import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppUrl } from '../../electron/main/security';
import { resolveAppRequest } from '../../electron/main/appProtocol';
import { START_URL } from '../../electron/main/mainWindow';
import { formatRoute } from '../../renderer/src/routes/route';

describe('the desktop window at a place’s address', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-routes-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const chairing = `${START_URL}${formatRoute({ place: 'sessions', sessionId: 's-1', chair: true })}`;
  const filtered = `${START_URL}${formatRoute({ place: 'registers', query: { tab: 'findings', severity: 'high' } })}`;

  it('is still our own page, so its calls are trusted and its in-page moves are not refused', () => {
    expect(isAppUrl(chairing)).toBe(true);
    expect(isAppUrl(filtered)).toBe(true);
  });

  it('reloads into the app: the protocol serves index.html for an address with a route in its hash', () => {
    expect(resolveAppRequest(dir, chairing)).toBe(path.join(dir, 'index.html'));
    expect(resolveAppRequest(dir, filtered)).toBe(path.join(dir, 'index.html'));
  });
});
