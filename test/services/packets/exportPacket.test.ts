import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildUnsignedPacket, exportPacket, packetPages } from '../../../electron/services/packets/exportPacket';
import { packetInWorker } from '../../../electron/services/packets/packetInWorker';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import { closeSession } from '../../../electron/services/sessions/sessionService';
import { createIdentity, summarize } from '../../../electron/services/signing/identity';
import { verifyPacket } from '../../../electron/services/signing/verifyPdf';
import { fingerprint } from '../../helpers/workspaces';
import { cycleWithBoard, markPresent, openSession, votesFor } from '../sessions/meeting';
import { clockAt } from '../../../electron/services/clock';

/** The bundled packet worker (built for the tests by buildOnce). */
const PACKET_WORKER = path.resolve(__dirname, '../../../dist/electron/packetWorker.cjs');

const { identity, caCertificate } = createIdentity({ name: 'Ann Lee', email: 'ann@bank.example', organisation: 'Example Bank' }, new Date('2026-09-01T00:00:00Z'));

function decidedSession() {
  const { ws, file, dir } = cycleWithBoard();
  const board = openSession(ws);
  markPresent(ws, board, [board.ann, board.bo, board.cy]);
  recordDecision(ws, { sessionId: board.sessionId, itemId: board.item('hot'), outcome: 'deferred', rationale: 'Needs fresh evidence.', votes: votesFor(board) });
  return { ws, file, dir, board };
}

describe('exporting a decision packet', () => {
  it('refuses an open session and writes nothing, neither the file nor the workspace', async () => {
    const { ws, file, dir, board } = decidedSession();
    const before = fingerprint(file);
    const out = path.join(dir, 'packet.pdf');
    await expect(exportPacket(ws, { sessionId: board.sessionId, identity, out })).rejects.toThrow(/Session 1 \("Q3 model risk board"\) is still open; close it first/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fingerprint(file)).toBe(before);
    ws.close();
  });

  it('in the packet worker: reads the record from the file, refuses an open session with the same sentence, and records what it signed', async () => {
    const { ws, file, dir, board } = decidedSession();
    const out = path.join(dir, 'packet.pdf');
    const inWorker = { makePacket: packetInWorker(PACKET_WORKER, identity) };
    const before = fingerprint(file);
    await expect(exportPacket(ws, { sessionId: board.sessionId, identity, out, ...inWorker })).rejects.toThrow(/Session 1 \("Q3 model risk board"\) is still open; close it first/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fingerprint(file)).toBe(before);

    closeSession(ws, { sessionId: board.sessionId });
    const at = new Date('2026-09-16T10:00:00Z');
    // The record this handle reads at that moment, before the export records its event.
    const here = packetPages(ws, { sessionId: board.sessionId, signer: { name: 'Ann Lee', email: 'ann@bank.example', organisation: 'Example Bank', fingerprint: summarize(identity).fingerprint }, at });
    const phases: string[] = [];
    const packet = await exportPacket(ws, { sessionId: board.sessionId, identity, out, clock: clockAt(at), onPhase: (p) => phases.push(p), ...inWorker });
    expect(phases).toEqual(['build', 'pages', 'sign', 'record']);
    // The worker read the same record from the file.
    expect(packet).toMatchObject({ id: here.record.packetId, recordSha256: here.recordSha256, chainHead: here.record.audit.head });
    const report = verifyPacket(fs.readFileSync(out), { trusted: [{ pem: (await import('node-forge')).default.pki.certificateToPem(caCertificate), name: 'ca.pem' }] });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(ws.verifyAudit()).toMatchObject({ ok: true });
    ws.close();
  });

  it('gives the same unsigned bytes for the same state and moment, and different ones for another moment', async () => {
    const { ws, board } = decidedSession();
    closeSession(ws, { sessionId: board.sessionId });
    const at = new Date('2026-09-16T10:00:00Z');
    const first = await buildUnsignedPacket(ws, board.sessionId, identity, at);
    const second = await buildUnsignedPacket(ws, board.sessionId, identity, at);
    expect(second.pdf.equals(first.pdf)).toBe(true);
    expect(second.recordSha256).toBe(first.recordSha256);
    const later = await buildUnsignedPacket(ws, board.sessionId, identity, new Date('2026-09-16T10:00:01Z'));
    expect(later.pdf.equals(first.pdf)).toBe(false);
    ws.close();
  });

  it('signs, saves and records the packet; the file verifies against the board CA', async () => {
    const { ws, dir, board } = decidedSession();
    closeSession(ws, { sessionId: board.sessionId });
    const out = path.join(dir, 'packet.pdf');
    const phases: string[] = [];
    const packet = await exportPacket(ws, { sessionId: board.sessionId, identity, out, clock: clockAt('2026-09-16T10:00:00Z'), onPhase: (p) => phases.push(p) });
    expect(phases).toEqual(['build', 'pages', 'sign', 'record']);
    expect(packet).toMatchObject({ sessionId: board.sessionId, signerName: 'Ann Lee', signedAt: '2026-09-16T10:00:00.000Z', fileName: 'packet.pdf' });
    const report = verifyPacket(fs.readFileSync(out), { trusted: [{ pem: (await import('node-forge')).default.pki.certificateToPem(caCertificate), name: 'ca.pem' }] });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(ws.verifyAudit()).toMatchObject({ ok: true });
    await expect(exportPacket(ws, { sessionId: board.sessionId, identity, out })).rejects.toThrow(/packet\.pdf already exists; choose another name/);
    ws.close();
  });
});
