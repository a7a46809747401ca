import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addIdentityCall, createIdentityCall, verifyPacketCall } from '../../../electron/services/packets/packetCalls';
import { createIdentity, pkcs12Bytes, readIdentity, type Identity } from '../../../electron/services/signing/identity';
import { WorkspaceSession } from '../../../electron/services/workspaceSession';
import { signPdf } from '../../../electron/services/signing/signPdf';
import { unsignedPacket } from '../../helpers/packetPdfs';
import { tempDir } from '../../helpers/tempDir';

/** packets.verify as the app calls it: the CAs it trusts are those of the identities this user created or added. */

const PASSPHRASE = 'board packet 2026';

/** The app's session for a user data folder, no cycle open: the identities it knows are those of that folder. */
const sessionIn = (userDataDir: string) => new WorkspaceSession({ userDataDir });

async function packetSignedBy(identity: Identity, dir: string): Promise<string> {
  const file = path.join(dir, 'packet.pdf');
  fs.writeFileSync(file, await signPdf(await unsignedPacket(), identity, { signedAt: new Date() }));
  return file;
}

describe('packets.verify in the app', () => {
  it('trusts the CA of an identity created here, and names it; unknown signers are intact but not trusted', async () => {
    const dir = tempDir();
    const known = sessionIn(path.join(dir, 'user'));
    const created = createIdentityCall(known, { name: 'Chloe Park', email: 'c.park@bank.example', organisation: 'Example Bank', out: path.join(dir, 'chloe.p12'), passphrase: PASSPHRASE });
    expect(created).not.toHaveProperty('caCertificates');
    expect(known.identities.find(created.fingerprint)?.caCertificates?.[0]).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const ours = await packetSignedBy(readIdentity(created.path, PASSPHRASE), dir);
    const valid = verifyPacketCall(known, { path: ours });
    expect(valid).toMatchObject({ ok: true, verdict: 'valid', trustedBy: [`the CA of your identity Chloe Park (${created.fingerprintDisplay.slice(0, 11)}…)`] });

    const stranger = createIdentity({ name: 'Chloe Park', email: 'c.park@bank.example', organisation: 'Example Bank' }, new Date());
    const theirs = await packetSignedBy(stranger.identity, tempDir());
    const untrusted = verifyPacketCall(known, { path: theirs });
    expect(untrusted).toMatchObject({ ok: false, verdict: 'signature intact, signer not trusted', trustedBy: [] });
    expect(untrusted.checks.filter((c) => !c.ok).map((c) => c.detail)).toEqual([expect.stringMatching(/^The signer does not chain to the CA of your identity Chloe Park/)]);
  });

  it('with no identity here and the CA field empty, never valid', async () => {
    const dir = tempDir();
    const board = createIdentity({ name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Example Bank' }, new Date());
    const report = verifyPacketCall(sessionIn(path.join(dir, 'user')), { path: await packetSignedBy(board.identity, dir) });
    expect(report).toMatchObject({ ok: false, verdict: 'signature intact, signer not trusted' });
    expect(report.checks.find((c) => !c.ok)?.name).toBe('signer trusted');
  });

  it("trusts the chain of a .p12 added here; an identity remembered before CAs were kept is not trusted", async () => {
    const dir = tempDir();
    const org = createIdentity({ name: 'Ben Ortiz', email: 'b.ortiz@bank.example', organisation: 'Example Bank' }, new Date());
    const p12 = path.join(dir, 'ben.p12');
    fs.writeFileSync(p12, pkcs12Bytes(org.identity, PASSPHRASE));
    const packet = await packetSignedBy(org.identity, dir);

    const legacy = sessionIn(path.join(dir, 'legacy'));
    const added = addIdentityCall(sessionIn(path.join(dir, 'user')), { path: p12, passphrase: PASSPHRASE });
    // As identities.json held them before: what the certificate says, no CA.
    legacy.identities.remember(added);
    expect(verifyPacketCall(legacy, { path: packet }).verdict).toBe('signature intact, signer not trusted');
    expect(verifyPacketCall(sessionIn(path.join(dir, 'user')), { path: packet })).toMatchObject({ verdict: 'valid', trustedBy: [expect.stringMatching(/^the CA of your identity Ben Ortiz/)] });
  });
});
