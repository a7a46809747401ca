import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveWindowState } from '../../../electron/main/windowState';
import { advertiseEndpoint, endpointPathFor } from '../../../electron/services/hostEndpoint';
import { exportPacket } from '../../../electron/services/packets/exportPacket';
import { RecentCycles } from '../../../electron/services/recentCycles';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import { closeSession } from '../../../electron/services/sessions/sessionService';
import { createIdentity, summarize } from '../../../electron/services/signing/identity';
import { KnownIdentities } from '../../../electron/services/signing/knownIdentities';
import { Workspace } from '../../../electron/services/store/workspace';
import { WriterLock } from '../../../electron/services/store/writerLock';
import { cycleWithBoard, markPresent, openSession, votesFor } from '../sessions/meeting';
import { runMrb } from '../../helpers/runMrb';
import { tempDir } from '../../helpers/tempDir';
import { addModels, modelFixture } from '../../helpers/workspaces';
import { clockAt } from '../../../electron/services/clock';

function mode(file: string): string {
  return (fs.statSync(file).mode & 0o777).toString(8).padStart(4, '0');
}

const { identity } = createIdentity({ name: 'Ann Lee', email: 'ann@bank.example', organisation: 'Example Bank' }, new Date('2026-09-01T00:00:00Z'));

// Vitest runs each file in a process of its own (pool: forks), so the umask is this file's.
let saved = 0;
beforeEach(() => {
  saved = process.umask();
});
afterEach(() => {
  process.umask(saved);
});

describe.each([0o022, 0o000])('files holding board data are owner-only with umask %o', (umask) => {
  it('the workspace, its WAL and shared memory, and its writer lock', () => {
    process.umask(umask);
    const file = path.join(tempDir(), 'q3.mrb');
    const ws = Workspace.create(file, { name: 'Q3', actor: 'analyst@test' });
    try {
      addModels(ws, [modelFixture('m1')]);
      // The temp file the workspace is built in is renamed into place, so its mode is the file's.
      expect(mode(file)).toBe('0600');
      expect(mode(`${file}-wal`)).toBe('0600');
      expect(mode(`${file}-shm`)).toBe('0600');
      expect(mode(WriterLock.lockPathFor(file))).toBe('0600');
    } finally {
      ws.close();
    }
  });

  it('the recent-cycles list, the identities list, the window state and the user data folder they make', () => {
    process.umask(umask);
    const userData = path.join(tempDir(), 'user', 'data');
    new RecentCycles(userData).remember({ path: '/cycles/q3.mrb', name: 'Q3' });
    expect(mode(path.join(userData, 'recent-cycles.json'))).toBe('0600');
    expect(mode(userData)).toBe('0700');
    expect(mode(path.dirname(userData))).toBe('0700');

    const desktopUserData = path.join(tempDir(), 'desktop');
    saveWindowState(desktopUserData, { width: 1280, height: 820, maximized: false });
    expect(mode(desktopUserData)).toBe('0700');
    expect(mode(path.join(desktopUserData, 'window-state.json'))).toBe('0600');

    const otherUserData = path.join(tempDir(), 'fresh');
    new KnownIdentities(otherUserData).remember({ ...summarize(identity), path: '/ids/ann.p12' });
    expect(mode(path.join(otherUserData, 'identities.json'))).toBe('0600');
    expect(mode(otherUserData)).toBe('0700');
  });

  it('lists whose temp file a crashed write left readable are made owner-only again', () => {
    process.umask(umask);
    const userData = tempDir();
    for (const name of ['recent-cycles.json', 'identities.json']) {
      const left = path.join(userData, `.${name}.${process.pid}.tmp`);
      fs.writeFileSync(left, '[]');
      fs.chmodSync(left, 0o644);
    }
    new RecentCycles(userData).remember({ path: '/cycles/q3.mrb', name: 'Q3' });
    new KnownIdentities(userData).remember({ ...summarize(identity), path: '/ids/ann.p12' });
    expect(mode(path.join(userData, 'recent-cycles.json'))).toBe('0600');
    expect(mode(path.join(userData, 'identities.json'))).toBe('0600');
  });

  it('the host file beside the workspace', () => {
    process.umask(umask);
    const file = path.join(tempDir(), 'q3.mrb');
    advertiseEndpoint(file, { origin: 'http://127.0.0.1:4000', token: 't'.repeat(43) });
    expect(mode(endpointPathFor(file))).toBe('0600');
  });

  it('a heatmap drawing written by the CLI (which keeps the umask it is given)', () => {
    process.umask(umask);
    const dir = tempDir();
    expect(runMrb(['init', path.join(dir, 'q3.mrb'), '--name', 'Q3']).code).toBe(0);
    expect(runMrb(['heatmap', path.join(dir, 'q3.mrb'), '--svg', path.join(dir, 'map.svg')]).code).toBe(0);
    expect(mode(path.join(dir, 'q3.mrb'))).toBe('0600');
    expect(mode(path.join(dir, 'map.svg'))).toBe('0600');
  });

  it('an exported decision packet', async () => {
    process.umask(umask);
    const { ws, dir } = cycleWithBoard();
    const board = openSession(ws);
    markPresent(ws, board, [board.ann, board.bo, board.cy]);
    recordDecision(ws, { sessionId: board.sessionId, itemId: board.item('hot'), outcome: 'deferred', rationale: 'Needs fresh evidence.', votes: votesFor(board) });
    closeSession(ws, { sessionId: board.sessionId });
    const out = path.join(dir, 'packet.pdf');
    await exportPacket(ws, { sessionId: board.sessionId, identity, out, clock: clockAt('2026-09-16T10:00:00Z') });
    ws.close();
    expect(mode(out)).toBe('0600');
  });
});
