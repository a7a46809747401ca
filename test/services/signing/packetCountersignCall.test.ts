import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countersignPacketCall, createIdentityCall, exportPacketCall, verifyPacketCall } from '../../../electron/services/packets/packetCalls';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import { closeSession } from '../../../electron/services/sessions/sessionService';
import { memberSignatures } from '../../../electron/services/signing/memberSignatures';
import { verifyPacket } from '../../../electron/services/signing/verifyPdf';
import { workspaceWitness } from '../../../electron/services/signing/workspaceWitness';
import type { Workspace } from '../../../electron/services/store/workspace';
import { WorkspaceSession } from '../../../electron/services/workspaceSession';
import { clockAt } from '../../../electron/services/clock';
import { pdfsig } from '../../helpers/pdfTools';
import { cycleWithBoard, markPresent, openSession, votesFor } from '../sessions/meeting';

/**
 * packets.countersign and the members view of packets.verify, over a closed session 1 with
 * voting members Ann Lee (chair, who signs the packet), Bo Chen and Cy Diaz, and a guest who
 * does not vote.
 */

const PASSPHRASE = 'board packet 2026';
/** The moment the session's clock stands at: the chair's signature and the countersignature are both dated by it. */
const SIGNED_AT = '2026-09-20T09:00:00.000Z';

describe('matching signatures to voting members', () => {
  const sig = (position: number, name: string | null, email: string | null = null) => ({ position, name, email, signedAt: null, trustedBy: null });

  it('by name as people write it, by the address written beside a name, and lists signers who are not members', () => {
    const members = [
      { name: 'Ana  Khan', role: 'Chair' },
      { name: 'Ben Ortiz <B.Ortiz@bank.example>', role: 'Validation' },
      { name: 'Chloe Park', role: 'Compliance' },
    ];
    const result = memberSignatures(members, [sig(1, 'ana khan', 'a.khan@bank.example'), sig(2, 'Benjamin Ortiz', 'b.ortiz@bank.example'), sig(3, 'Eve Stone', 'eve@elsewhere.example')]);
    expect(result.signed.map((m) => [m.role, m.signature.position])).toEqual([
      ['Chair', 1],
      ['Validation', 2],
    ]);
    expect(result.notSigned.map((m) => m.name)).toEqual(['Chloe Park']);
    expect(result.others.map((s) => s.name)).toEqual(['Eve Stone']);
  });

  it('an address that differs is not the member, even under the same name', () => {
    const result = memberSignatures([{ name: 'Ben Ortiz', role: '', email: 'b.ortiz@bank.example' }], [sig(1, 'Ben Ortiz', 'ben@elsewhere.example')]);
    expect(result.signed).toEqual([]);
    expect(result.others).toHaveLength(1);
  });
});

describe('packets.countersign and the members of the packet’s session', () => {
  let packet: string;
  let ws: Workspace;
  let session: WorkspaceSession;
  let noCycle: WorkspaceSession;
  let ben: { fingerprint: string };

  let dir: string;

  beforeAll(async () => {
    // Kept outside tempDir(), which removes its folders after each test: the tests below go on from one another.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-countersign-call-'));
    const made = cycleWithBoard();
    const board = openSession(made.ws);
    markPresent(made.ws, board, [board.ann, board.bo, board.cy]);
    recordDecision(made.ws, { sessionId: board.sessionId, itemId: board.item('hot'), outcome: 'deferred', rationale: 'Needs fresh evidence.', votes: votesFor(board) });
    closeSession(made.ws, { sessionId: board.sessionId });
    made.ws.close();
    // The app's session, its one clock stopped at a known moment: the signatures are dated by it.
    session = new WorkspaceSession({ userDataDir: path.join(dir, 'user'), workspace: { actor: 'ann@bank.example' }, clock: clockAt(SIGNED_AT) });
    session.open(made.file);
    const ann = createIdentityCall(session, { name: 'Ann Lee', email: 'ann@bank.example', organisation: 'Example Bank', out: path.join(dir, 'ann.p12'), passphrase: PASSPHRASE });
    ben = createIdentityCall(session, { name: 'Bo Chen', email: 'bo@bank.example', organisation: 'Example Bank', out: path.join(dir, 'bo.p12'), passphrase: PASSPHRASE });
    packet = path.join(dir, 'decision-packet.pdf');
    await exportPacketCall(session, { sessionId: board.sessionId, identity: ann.fingerprint, passphrase: PASSPHRASE, out: packet });
    session.close();
    fs.copyFileSync(made.file, path.join(dir, 'cycle.mrb'));
    ws = session.open(path.join(dir, 'cycle.mrb'));
    noCycle = new WorkspaceSession({ userDataDir: path.join(dir, 'user') });
  }, 240_000);

  afterAll(() => {
    session?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('before any countersignature: the chair signed, the other voting members have not yet', () => {
    const report = verifyPacketCall(session, { path: packet });
    expect(report.verdict).toBe('valid');
    expect(report.members).toEqual({
      source: 'workspace',
      session: '1: Q3 model risk board',
      signed: [{ name: 'Ann Lee', role: 'CRO', signature: 1, signedAt: report.signedAt, trustedBy: expect.stringMatching(/^the CA of your identity Ann Lee/) }],
      notSigned: [
        { name: 'Bo Chen', role: 'Head of ML' },
        { name: 'Cy Diaz', role: 'Compliance' },
      ],
      others: [],
    });
  });

  it('a member countersigns in place: two valid signatures, one member still to sign, the same from the packet alone', async () => {
    const report = await countersignPacketCall(session, { path: packet, identity: ben.fingerprint, passphrase: PASSPHRASE, out: packet });
    expect(report).toMatchObject({ ok: true, verdict: 'valid', file: 'decision-packet.pdf' });
    expect(report.signatures.map((s) => [s.signer, s.email])).toEqual([
      ['Ann Lee', 'ann@bank.example'],
      ['Bo Chen', 'bo@bank.example'],
    ]);
    expect(report.signatures.map((s) => s.signedAt)).toEqual([SIGNED_AT, SIGNED_AT]);
    expect(report.members?.signed.map((m) => [m.name, m.signature])).toEqual([
      ['Ann Lee', 1],
      ['Bo Chen', 2],
    ]);
    expect(report.members?.notSigned).toEqual([{ name: 'Cy Diaz', role: 'Compliance' }]);
    expect(pdfsig(packet).match(/Signature is Valid\./g)).toHaveLength(2);

    // Without the workspace open, the attendance the signed record states.
    const alone = verifyPacketCall(noCycle, { path: packet });
    expect(alone.members).toMatchObject({ source: 'packet', notSigned: [{ name: 'Cy Diaz' }] });
  });

  it('mrb verify --workspace vouches for the revision the board signed; a countersigner needs their own CA', () => {
    const pdf = fs.readFileSync(packet);
    const witness = workspaceWitness(ws);
    const byWorkspace = verifyPacket(pdf, { workspace: witness });
    expect(byWorkspace.verdict).toBe('signature intact, signer not trusted');
    expect(byWorkspace.signatures.map((s) => s.trustedBy)).toEqual([`workspace ${witness.name}`, null]);
    expect(byWorkspace.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail])).toEqual([
      ['signature 2: signer trusted', "The workspace vouches for the packet it exported, not for this countersigner; give the countersigner's CA with --trust ca.pem."],
    ]);
    expect(byWorkspace.checks.find((c) => c.name === 'recorded by the workspace')?.detail).toMatch(/recorded exporting the revision the board signed, before the countersignatures,/);

    const boCa = { pem: session.identities.find(ben.fingerprint)?.caCertificates?.[0] ?? '', name: 'bo-ca.pem' };
    const both = verifyPacket(pdf, { workspace: witness, trusted: [boCa] });
    expect(both).toMatchObject({ ok: true, verdict: 'valid' });
    expect(both.signatures.map((s) => s.trustedBy)).toEqual([`workspace ${witness.name}`, 'bo-ca.pem']);
  });

  it('refusals name the field and leave the packet as it was', async () => {
    const before = fs.readFileSync(packet);
    const call = (a: Partial<Parameters<typeof countersignPacketCall>[1]>) =>
      countersignPacketCall(session, { path: packet, identity: ben.fingerprint, passphrase: PASSPHRASE, out: packet, ...a });
    await expect(call({ passphrase: 'not the passphrase' })).rejects.toMatchObject({ field: 'passphrase', message: 'The passphrase does not open bo.p12; check it and try again.' });
    await expect(call({})).rejects.toMatchObject({ field: 'identity', message: expect.stringMatching(/^Bo Chen <bo@bank\.example> already signed decision-packet\.pdf \(signature 2/) });
    await expect(call({ out: packet.replace(/\.pdf$/, '-2.pdf'), path: ws.path })).rejects.toMatchObject({ field: 'path', message: `${path.basename(ws.path)} is not a PDF (it does not start with %PDF-).` });
    await expect(call({ identity: 'f'.repeat(64) })).rejects.toMatchObject({ field: 'identity' });
    expect(fs.readFileSync(packet).equals(before)).toBe(true);
  });
});
