import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo, type DemoResult } from '../../../electron/services/demo/demoCycle';
import { addIdentityCall, countersignPacketCall, createIdentityCall, verifyPacketCall } from '../../../electron/services/packets/packetCalls';
import { KnownIdentities } from '../../../electron/services/signing/knownIdentities';
import { memberSignatures } from '../../../electron/services/signing/memberSignatures';
import { Workspace } from '../../../electron/services/store/workspace';
import { pdfsig } from '../../helpers/pdfTools';

/**
 * packets.countersign and the members view of packets.verify, over the demo cycle: session 1
 * with voting members Ana Khan (chair, who signed the packet), Ben Ortiz and Chloe Park, and a
 * guest who does not vote.
 */

const PASSPHRASE = 'board packet 2026';

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
  let demo: DemoResult;
  let dir: string;
  let ws: Workspace;
  let known: KnownIdentities;
  let ben: { fingerprint: string };

  beforeAll(async () => {
    // Made outside tempDir(), which removes its folders after each test.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-countersign-call-'));
    demo = await runDemo(path.join(dir, 'demo'), () => undefined);
    known = new KnownIdentities(path.join(dir, 'user'));
    addIdentityCall(known, { path: demo.identity, passphrase: fs.readFileSync(demo.passphraseFile, 'utf8').trim() });
    ben = createIdentityCall(known, { name: 'Ben Ortiz', email: 'b.ortiz@bank.example', organisation: 'Example Bank', out: path.join(dir, 'ben.p12'), passphrase: PASSPHRASE });
    ws = Workspace.open(demo.workspace);
  }, 240_000);

  afterAll(() => {
    ws?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('before any countersignature: the chair signed, the other voting members have not yet', () => {
    const report = verifyPacketCall({ path: demo.packet }, known, ws);
    expect(report.verdict).toBe('valid');
    expect(report.members).toEqual({
      source: 'workspace',
      session: '1: Q3 model risk board',
      signed: [{ name: 'Ana Khan', role: 'Chief Risk Officer', signature: 1, signedAt: report.signedAt, trustedBy: expect.stringMatching(/^the CA of your identity Ana Khan/) }],
      notSigned: [
        { name: 'Ben Ortiz', role: 'Head of Model Validation' },
        { name: 'Chloe Park', role: 'Compliance' },
      ],
      others: [],
    });
  });

  it('a member countersigns in place: two valid signatures, one member still to sign, the same from the packet alone', async () => {
    const report = await countersignPacketCall({ path: demo.packet, identity: ben.fingerprint, passphrase: PASSPHRASE, out: demo.packet }, known, ws);
    expect(report).toMatchObject({ ok: true, verdict: 'valid', file: 'decision-packet.pdf' });
    expect(report.signatures.map((s) => [s.signer, s.email])).toEqual([
      ['Ana Khan', 'a.khan@bank.example'],
      ['Ben Ortiz', 'b.ortiz@bank.example'],
    ]);
    expect(report.members?.signed.map((m) => [m.name, m.signature])).toEqual([
      ['Ana Khan', 1],
      ['Ben Ortiz', 2],
    ]);
    expect(report.members?.notSigned).toEqual([{ name: 'Chloe Park', role: 'Compliance' }]);
    expect(pdfsig(demo.packet).match(/Signature is Valid\./g)).toHaveLength(2);

    // Without the workspace open, the attendance the signed record states.
    const alone = verifyPacketCall({ path: demo.packet }, known, null);
    expect(alone.members).toMatchObject({ source: 'packet', notSigned: [{ name: 'Chloe Park' }] });
  });

  it('refusals name the field and leave the packet as it was', async () => {
    const before = fs.readFileSync(demo.packet);
    const call = (a: Partial<Parameters<typeof countersignPacketCall>[0]>) =>
      countersignPacketCall({ path: demo.packet, identity: ben.fingerprint, passphrase: PASSPHRASE, out: demo.packet, ...a }, known, ws);
    await expect(call({ passphrase: 'not the passphrase' })).rejects.toMatchObject({ field: 'passphrase', message: 'The passphrase does not open ben.p12; check it and try again.' });
    await expect(call({})).rejects.toMatchObject({ field: 'identity', message: expect.stringMatching(/^Ben Ortiz <b\.ortiz@bank\.example> already signed decision-packet\.pdf \(signature 2/) });
    await expect(call({ out: demo.workspace.replace(/\.mrb$/, '.pdf'), path: demo.caCertificate })).rejects.toMatchObject({ field: 'path', message: 'board-ca.pem is not a PDF.' });
    await expect(call({ identity: 'f'.repeat(64) })).rejects.toMatchObject({ field: 'identity' });
    expect(fs.readFileSync(demo.packet).equals(before)).toBe(true);
  });
});
