import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import { closeSession } from '../../../electron/services/sessions/sessionService';
import { services } from '../../helpers/services';
import { cycleWithBoard, markPresent, openSession, votesFor } from '../sessions/meeting';

describe('where a packet is saved', () => {
  it('a bare name lands beside the workspace, not in the folder the host was started from, and the full path is returned', async () => {
    const { ws, file } = cycleWithBoard();
    const board = openSession(ws);
    markPresent(ws, board, [board.ann, board.bo, board.cy]);
    recordDecision(ws, { sessionId: board.sessionId, itemId: board.item('cool'), outcome: 'deferred', rationale: 'Needs fresh evidence.', votes: votesFor(board) });
    closeSession(ws, { sessionId: board.sessionId });
    ws.close();

    const { dir, handlers } = services();
    await handlers['cycle.open']({ path: file });
    const identity = await handlers['identities.create']({ name: 'Ann Lee', email: 'ann@example.org', organisation: 'Example Bank', out: path.join(dir, 'ann.p12'), passphrase: 'correct horse battery' });
    const packet = await handlers['packets.export']({ sessionId: board.sessionId, identity: identity.fingerprint, passphrase: 'correct horse battery', out: 'board-packet.pdf' });

    const beside = path.join(path.dirname(file), 'board-packet.pdf');
    expect(packet.savedTo).toBe(beside);
    expect(packet.fileName).toBe('board-packet.pdf');
    expect(fs.existsSync(beside)).toBe(true);
    expect(path.dirname(file)).not.toBe(process.cwd());
    expect(fs.existsSync(path.join(process.cwd(), 'board-packet.pdf'))).toBe(false);
  }, 180_000); // a new signing identity generates RSA keys in JavaScript: slow on a loaded machine
});
