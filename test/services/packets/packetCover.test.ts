import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildUnsignedPacket } from '../../../electron/services/packets/exportPacket';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import { closeSession } from '../../../electron/services/sessions/sessionService';
import { createIdentity } from '../../../electron/services/signing/identity';
import { tool } from '../../helpers/pdfTools';
import { clock, cycleWithBoard, markPresent, openSession, votesFor } from '../sessions/meeting';

const { identity } = createIdentity({ name: 'Ann Lee', email: 'ann@example.org', organisation: 'Example Bank' }, new Date('2026-09-01T00:00:00Z'));

describe('the packet cover', () => {
  it('leads with the outcomes, before the signer and the hashes', async () => {
    const { ws, dir } = cycleWithBoard();
    const board = openSession(ws);
    markPresent(ws, board, [board.ann, board.bo, board.cy]);
    recordDecision(
      ws,
      { sessionId: board.sessionId, itemId: board.item('hot'), outcome: 'rejected', rationale: 'Harm to customers is too high.', blockingRisk: { dimension: 'customer_harm' }, votes: votesFor(board).map((v) => ({ ...v, vote: 'against' as const })) },
      clock,
    );
    recordDecision(ws, { sessionId: board.sessionId, itemId: board.item('cool'), outcome: 'deferred', rationale: 'Needs fresh evidence.', votes: votesFor(board) }, clock);
    closeSession(ws, { sessionId: board.sessionId }, clock);
    const built = await buildUnsignedPacket(ws, board.sessionId, identity, new Date('2026-09-16T10:00:00Z'));
    ws.close();
    const pdf = path.join(dir, 'packet.pdf');
    fs.writeFileSync(pdf, built.pdf);

    const cover = tool('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-']).text.replace(/\s+/g, ' ');
    expect(cover).toContain('Outcomes Rejected: 1 · No decision: 2 · Deferred: 1');
    expect(cover).toMatch(/1 Model hot .*Rejected/);
    const outcomesAt = cover.indexOf('Outcomes');
    expect(outcomesAt).toBeGreaterThan(-1);
    expect(outcomesAt).toBeLessThan(cover.indexOf('Certificate SHA-256'));
    expect(outcomesAt).toBeLessThan(cover.indexOf('Audit chain head'));
  });
});
