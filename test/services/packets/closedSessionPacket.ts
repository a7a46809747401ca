import fs from 'node:fs';
import path from 'node:path';
import type { DecisionRecord } from '../../../electron/services/packets/decisionRecord';
import { buildUnsignedPacket } from '../../../electron/services/packets/exportPacket';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import { closeSession } from '../../../electron/services/sessions/sessionService';
import { createIdentity } from '../../../electron/services/signing/identity';
import { tool } from '../../helpers/pdfTools';
import { cycleWithBoard, markPresent, openSession, votesFor } from '../sessions/meeting';

/**
 * The unsigned packet of a closed session: one model rejected on a dimension, one deferred,
 * two items left without a decision; each page's text as pdftotext lays it out.
 */
export async function closedSessionPacket(signerEmail: string): Promise<{ pdf: string; pages: string[]; dir: string; record: DecisionRecord }> {
  const { identity } = createIdentity({ name: 'Ann Lee', email: signerEmail, organisation: 'Example Bank' }, new Date('2026-09-01T00:00:00Z'));
  const { ws, dir } = cycleWithBoard();
  const board = openSession(ws);
  markPresent(ws, board, [board.ann, board.bo, board.cy]);
  recordDecision(
    ws,
    { sessionId: board.sessionId, itemId: board.item('hot'), outcome: 'rejected', rationale: 'Harm to customers is too high.', blockingRisk: { dimension: 'customer_harm' }, votes: votesFor(board).map((v) => ({ ...v, vote: 'against' as const })) },
  );
  recordDecision(ws, { sessionId: board.sessionId, itemId: board.item('cool'), outcome: 'deferred', rationale: 'Needs fresh evidence.', votes: votesFor(board) });
  closeSession(ws, { sessionId: board.sessionId });
  const built = await buildUnsignedPacket(ws, board.sessionId, identity, new Date('2026-09-16T10:00:00Z'));
  ws.close();
  const pdf = path.join(dir, 'packet.pdf');
  fs.writeFileSync(pdf, built.pdf);
  const pageCount = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [pdf]).text)?.[1]);
  const pages = Array.from({ length: pageCount }, (_, i) => tool('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-']).text);
  return { pdf, pages, dir, record: built.record };
}
