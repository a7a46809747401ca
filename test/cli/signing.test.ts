import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIdentity } from '../../electron/services/signing/identity';
import { signPdf } from '../../electron/services/signing/signPdf';
import { appendInfoUpdate, unsignedPacket, type PacketFixture } from '../helpers/packetPdfs';
import { flipByte, pdfsig } from '../helpers/pdfTools';
import { runMrb } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

const PASSPHRASE = 'correct horse battery';
const withPassphrase = (passphrase = PASSPHRASE) => ({ ...process.env, MRB_PASSPHRASE: passphrase });
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

/** One identity made through the CLI, shared by the verify tests (an RSA key pair takes a moment). */
let board: { dir: string; id: string; ca: string; packet: string; fingerprint: string };

async function signedPacket(file: string, fixture: PacketFixture = {}): Promise<Buffer> {
  const pdf = await signPdf(await unsignedPacket(fixture), readIdentity(board.id, PASSPHRASE), { signedAt: new Date(), reason: 'Decisions of session 3', location: 'London' });
  fs.writeFileSync(file, pdf);
  return pdf;
}

// Made outside tempDir(), which removes its folders after each test.
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-cli-signing-'));
  const id = path.join(dir, 'ana.p12');
  const ca = path.join(dir, 'board-ca.pem');
  const r = runMrb(['identity', 'create', '--name', 'Ana Khan', '--email', 'a.khan@bank.example', '--org', 'Example Bank', '--out', id, '--ca-out', ca], { env: withPassphrase() });
  expect(r.stderr).toBe('');
  board = { dir, id, ca, packet: path.join(dir, 'packet.pdf'), fingerprint: /^Fingerprint\s+([0-9A-F:]+)$/m.exec(r.stdout)?.[1] ?? '' };
  await signedPacket(board.packet);
});

afterAll(() => fs.rmSync(board.dir, { recursive: true, force: true }));

describe('mrb identity create and show', () => {
  it('creates the identity and the CA certificate, printing the fingerprint and where they are', () => {
    const dir = tempDir();
    const passphraseFile = path.join(dir, 'passphrase.txt');
    fs.writeFileSync(passphraseFile, `${PASSPHRASE}\n`);
    const r = runMrb(['identity', 'create', '--name', 'Ben Ortiz', '--email', 'b.ortiz@bank.example', '--org', 'Example Bank', '--out', 'ben.p12', '--ca-out', 'ca.pem', '--passphrase-file', passphraseFile], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Signer\s+Ben Ortiz <b\.ortiz@bank\.example>, Example Bank$/m);
    expect(r.stdout).toMatch(/^Fingerprint\s+([0-9A-F]{2}:){31}[0-9A-F]{2}$/m);
    expect(r.stdout).toContain(`Identity written to ${path.join(dir, 'ben.p12')}`);
    expect(r.stdout).toContain(`CA certificate (for auditors to trust) written to ${path.join(dir, 'ca.pem')}`);
    expect(fs.statSync(path.join(dir, 'ben.p12')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
  });

  it('shows an identity as text and as JSON', () => {
    const text = runMrb(['identity', 'show', board.id], { env: withPassphrase() });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Issuer\s+CN=Example Bank model review board root, O=Example Bank, OU=Model Review Board signing CA \(local signing CA\)$/m);
    expect(text.stdout).toMatch(/^Valid\s+\d{4}-\d\d-\d\dT.* to \d{4}-/m);
    expect(text.stdout).toContain(`Fingerprint   ${board.fingerprint}`);
    const json = JSON.parse(runMrb(['identity', 'show', board.id, '--json'], { env: withPassphrase() }).stdout);
    expect(json).toMatchObject({ name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Example Bank', fingerprintDisplay: board.fingerprint, selfIssuedBy: 'local signing CA' });
    expect(json.fingerprint).toBe(board.fingerprint.replace(/:/g, '').toLowerCase());
  });

  it('never takes the passphrase as an argument, and says why', () => {
    for (const args of [['identity', 'show', board.id, '--passphrase', PASSPHRASE], ['identity', 'create', '--name', 'X', '--email', 'x@y.z', '--org', 'O', '--out', 'x.p12', `--passphrase=${PASSPHRASE}`]]) {
      const r = runMrb(args, { cwd: tempDir(), env: withPassphrase() });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/the passphrase is never taken as an argument \(other users see arguments in ps, and shells keep them\); use --passphrase-file FILE or the MRB_PASSPHRASE environment variable/);
      noStack(r.stderr);
    }
  });

  it('refuses a wrong passphrase, a missing one, a short one, and a file that is not PKCS#12, exit 2', () => {
    const wrong = runMrb(['identity', 'show', board.id], { env: withPassphrase('not the passphrase') });
    expect(wrong).toMatchObject({ code: 2, stdout: '', stderr: 'mrb identity show: The passphrase does not open ana.p12; check it and try again.\n' });
    const env = { ...process.env };
    delete env.MRB_PASSPHRASE;
    const missing = runMrb(['identity', 'show', board.id], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs a passphrase: --passphrase-file FILE or the MRB_PASSPHRASE environment variable/);
    const dir = tempDir();
    const short = runMrb(['identity', 'create', '--name', 'X', '--email', 'x@y.z', '--org', 'O', '--out', 'x.p12'], { cwd: dir, env: withPassphrase('short') });
    expect(short.code).toBe(2);
    expect(short.stderr).toBe('mrb identity create: The passphrase has 5 characters; use at least 8, since it alone protects the private key.\n');
    expect(fs.readdirSync(dir)).toEqual([]);
    const notP12 = runMrb(['identity', 'show', board.ca], { env: withPassphrase() });
    expect(notP12).toMatchObject({ code: 2, stderr: 'mrb identity show: board-ca.pem is not a PKCS#12 (.p12 / .pfx) identity file.\n' });
  });

  it('never overwrites a file, and writes nothing when either name is taken', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ca.pem'), 'keep me');
    const r = runMrb(['identity', 'create', '--name', 'X', '--email', 'x@y.z', '--org', 'O', '--out', 'new.p12', '--ca-out', 'ca.pem'], { cwd: dir, env: withPassphrase() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mrb identity create: ${path.join(dir, 'ca.pem')} already exists; choose another name, nothing was overwritten.\n`);
    expect(fs.readdirSync(dir)).toEqual(['ca.pem']);
    expect(fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8')).toBe('keep me');
  });
});

describe('mrb verify', () => {
  it('prints every check with ✓ and exits 0 when the packet holds against the trusted CA', () => {
    const r = runMrb(['verify', board.packet, '--trust', board.ca]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^packet\.pdf: valid, signed by Ana Khan <a\.khan@bank\.example>, Example Bank at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(lines.slice(1, -2).map((l) => l.replace(/:.*/, ''))).toEqual(
      ['signature present', 'whole file signed', 'digest matches', 'signature valid', 'signing certificate bound', 'signing time', 'issued by the embedded CA', 'chains to the trusted CA', 'decision record attached', 'decision record intact', 'chain head matches'].map((n) => `  ✓ ${n}`),
    );
    expect(lines.slice(-2)).toEqual([`  signer certificate SHA-256 ${board.fingerprint} · ETSI.CAdES.detached`, '  trusted by board-ca.pem']);
  });

  it('without --trust or --workspace: "signature intact, signer not trusted", exit 1, saying how to trust', () => {
    const r = runMrb(['verify', board.packet]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^packet\.pdf: signature intact, signer not trusted, signed by Ana Khan/);
    expect(r.stdout).toContain("  ✗ signer trusted: No trusted CA or workspace was given, so nothing vouches that the signer is the board: anyone can make a CA that carries the board's names.");
    expect(r.stdout).toContain("  Give the board's CA with --trust ca.pem, or the cycle's workspace with --workspace file.mrb.");
    const json = JSON.parse(runMrb(['verify', board.packet, '--json']).stdout);
    expect(json).toMatchObject({ ok: false, verdict: 'signature intact, signer not trusted', trustedBy: [] });
  });

  it('a packet signed under a self-made CA with the board names: exit 1 against the board CA; --trust repeats', async () => {
    const dir = tempDir();
    const fake = path.join(dir, 'fake.p12');
    const fakeCa = path.join(dir, 'fake-ca.pem');
    runMrb(['identity', 'create', '--name', 'Ana Khan', '--email', 'a.khan@bank.example', '--org', 'Example Bank', '--out', fake, '--ca-out', fakeCa], { env: withPassphrase() });
    const forged = path.join(dir, 'forged.pdf');
    fs.writeFileSync(forged, await signPdf(await unsignedPacket(), readIdentity(fake, PASSPHRASE), { signedAt: new Date() }));
    const r = runMrb(['verify', forged, '--trust', board.ca]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^forged\.pdf: signature intact, signer not trusted, signed by Ana Khan <a\.khan@bank\.example>, Example Bank/);
    expect(r.stdout).toMatch(/✗ chains to the trusted CA: The signer does not chain to board-ca\.pem \(Example Bank model review board root, SHA-256 /);
    const both = runMrb(['verify', board.packet, '--trust', fakeCa, '--trust', board.ca]);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain('  trusted by board-ca.pem');
  });

  it("a forged packet, an attacker's revision and signature appended: NOT valid, exit 1", async () => {
    const dir = tempDir();
    const eve = path.join(dir, 'eve.p12');
    const eveCa = path.join(dir, 'eve-ca.pem');
    runMrb(['identity', 'create', '--name', 'Eve', '--email', 'eve@elsewhere.example', '--org', 'Elsewhere', '--out', eve, '--ca-out', eveCa], { env: withPassphrase() });
    const forged = path.join(dir, 'forged.pdf');
    fs.writeFileSync(forged, await signPdf(appendInfoUpdate(fs.readFileSync(board.packet)), readIdentity(eve, PASSPHRASE), { signedAt: new Date() }));
    for (const trust of [[], ['--trust', board.ca], ['--trust', board.ca, '--trust', eveCa]]) {
      const r = runMrb(['verify', forged, ...trust]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^forged\.pdf: NOT valid, signed by Ana Khan .*; countersigned by Eve <eve@elsewhere\.example>, Elsewhere$/m);
      expect(r.stdout).toContain("  ✗ signature 2: only a signature added: After the earlier signature, more than a signature was added: The trailer's /Info was changed.");
    }
  });

  it('--json gives the report without the record', () => {
    const r = runMrb(['verify', board.packet, '--trust', board.ca, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: true, problems: [], subFilter: 'ETSI.CAdES.detached', signer: { name: 'Ana Khan', fingerprintDisplay: board.fingerprint } });
    expect(report).not.toHaveProperty('record');
  });

  it('one byte changed inside the signed range: pdfsig prints Digest Mismatch and mrb verify exits 1', () => {
    const bytes = fs.readFileSync(board.packet);
    const file = path.join(tempDir(), 'changed.pdf');
    fs.writeFileSync(file, flipByte(bytes, bytes.indexOf('/MrbChainHead') - 40));
    expect(pdfsig(file)).toContain('Signature Validation: Digest Mismatch.');
    const r = runMrb(['verify', file, '--trust', board.ca]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^changed\.pdf: NOT valid/);
    expect(r.stdout).toContain('  ✗ digest matches: Digest mismatch: the signed bytes were changed after signing.');
  });

  it('an incremental update appended after signing: exit 1, naming the bytes added', () => {
    const signed = fs.readFileSync(board.packet);
    const updated = appendInfoUpdate(signed);
    const file = path.join(tempDir(), 'updated.pdf');
    fs.writeFileSync(file, updated);
    const r = runMrb(['verify', file, '--trust', board.ca]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`  ✗ whole file signed: Not the whole file: ${updated.length - signed.length} bytes were added after signing.`);
  });

  it('a packet without its decision record does not verify', async () => {
    const file = path.join(tempDir(), 'bare.pdf');
    await signedPacket(file, { attachRecord: false });
    const r = runMrb(['verify', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  ✗ decision record attached: No decision-record.json is attached; every packet carries its decision record.');
  });

  it('exit 2 for a file that is not a PDF, one that is not there, and a --trust that is not a certificate', () => {
    const notPdf = runMrb(['verify', board.ca]);
    expect(notPdf).toMatchObject({ code: 2, stdout: '', stderr: 'mrb verify: board-ca.pem is not a PDF (it does not start with %PDF-).\n' });
    const gone = path.join(board.dir, 'gone.pdf');
    expect(runMrb(['verify', gone])).toMatchObject({ code: 2, stderr: `mrb verify: There is no file at ${gone}.\n` });
    const badTrust = runMrb(['verify', board.packet, '--trust', board.packet]);
    expect(badTrust).toMatchObject({ code: 2, stderr: 'mrb verify: packet.pdf is not a PEM certificate.\n' });
    const usage = runMrb(['verify']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^mrb verify: verify takes exactly one PDF\./);
  });
});
