import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificatePem, createIdentity, pkcs12Bytes } from '../../electron/services/signing/identity';
import { signPdf } from '../../electron/services/signing/signPdf';
import { unsignedPacket } from '../helpers/packetPdfs';
import { flipByte, pdfsig } from '../helpers/pdfTools';
import { runMrb } from '../helpers/runMrb';

/** mrb countersign and mrb verify over a packet the chair signed and two members countersigned (issue 13 §4). */

const PASSPHRASE = 'correct horse battery';
const env = (passphrase = PASSPHRASE) => ({ MRB_PASSPHRASE: passphrase });
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

let dir: string;
let packet: string;
const ids: Record<'ana' | 'ben' | 'chen' | 'dana', { p12: string; ca: string }> = {} as never;

// Made outside tempDir(), which removes its folders after each test.
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-cli-countersign-'));
  const people = { ana: ['Ana Khan', 'a.khan@bank.example'], ben: ['Ben Ortiz', 'b.ortiz@bank.example'], chen: ['Chen Wei', 'c.wei@bank.example'], dana: ['Dana Roe', 'd.roe@elsewhere.example'] } as const;
  let chair = null;
  for (const [key, [name, email]] of Object.entries(people)) {
    const made = createIdentity({ name, email, organisation: 'Example Bank' }, new Date('2026-09-01T08:00:00Z'));
    const p12 = path.join(dir, `${key}.p12`);
    const ca = path.join(dir, `${key}-ca.pem`);
    fs.writeFileSync(p12, pkcs12Bytes(made.identity, PASSPHRASE));
    fs.writeFileSync(ca, certificatePem(made.caCertificate));
    ids[key as keyof typeof ids] = { p12, ca };
    if (key === 'ana') chair = made.identity;
  }
  packet = path.join(dir, 'packet.pdf');
  fs.writeFileSync(packet, await signPdf(await unsignedPacket(), chair as never, { signedAt: new Date('2026-10-02T14:31:07Z') }));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const trustAll = () => ['--trust', ids.ana.ca, '--trust', ids.ben.ca, '--trust', ids.chen.ca];

describe('mrb countersign', () => {
  it('two members countersign in turn (in place, then to a new file); verify names all three, when and what trusts them', () => {
    const ben = runMrb(['countersign', packet, '--identity', ids.ben.p12, '--out', packet, '--at', '2026-10-02T15:00:00Z'], { env: env() });
    expect(ben.stderr).toBe('');
    expect(ben.code).toBe(0);
    expect(ben.stdout).toMatch(/^Countersigned packet\.pdf as signature 2 of 2, by Ben Ortiz <b\.ortiz@bank\.example> at 2026-10-02T15:00:00\.000Z$/m);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const signedFile = path.join(dir, 'packet-signed.pdf');
    const chen = runMrb(['countersign', packet, '--identity', ids.chen.p12, '--out', signedFile, '--at', '2026-10-03T09:30:00Z'], { env: env() });
    expect(chen.code).toBe(0);
    expect(chen.stdout).toContain('    3. Chen Wei <c.wei@bank.example>, signed at 2026-10-03T09:30:00.000Z');

    const out = pdfsig(signedFile);
    expect(out.match(/Signature is Valid\./g)).toHaveLength(3);
    expect(out.match(/Total document signed/g)).toHaveLength(1);

    const verify = runMrb(['verify', signedFile, ...trustAll()]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^packet-signed\.pdf: valid, signed by Ana Khan .*; countersigned by Ben Ortiz <b\.ortiz@bank\.example>, Example Bank; Chen Wei <c\.wei@bank\.example>, Example Bank$/m);
    const signers = verify.stdout.split('\n').filter((l) => /^ {4}\d\. /.test(l));
    expect(signers).toHaveLength(3);
    expect(signers[0]).toMatch(/^ {4}1\. Ana Khan <a\.khan@bank\.example>, Example Bank, certificate SHA-256 [0-9A-F:]{95}; signed at 2026-10-02T14:31:07\.000Z; trusted by ana-ca\.pem$/);
    expect(signers[1]).toMatch(/^ {4}2\. Ben Ortiz .*; signed at 2026-10-02T15:00:00\.000Z; trusted by ben-ca\.pem$/);
    expect(signers[2]).toMatch(/^ {4}3\. Chen Wei .*; signed at 2026-10-03T09:30:00\.000Z; trusted by chen-ca\.pem$/);
    expect(verify.stdout).toContain('  ✓ signature 3: only a signature added: The revision after the earlier signature adds this signature and nothing else.');
  });

  it('a countersigner outside the trusted CAs: verify exits 1 and names that signer not trusted', () => {
    const file = path.join(dir, 'with-outsider.pdf');
    expect(runMrb(['countersign', packet, '--identity', ids.dana.p12, '--out', file], { env: env() }).code).toBe(0);
    const verify = runMrb(['verify', file, ...trustAll()]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/^with-outsider\.pdf: signature intact, signer not trusted/);
    expect(verify.stdout).toMatch(/^ {4}\d\. Dana Roe <d\.roe@elsewhere\.example>.*; not trusted$/m);
  });

  it('refuses, with one sentence and exit 2, leaving the file as it was', () => {
    const before = fs.readFileSync(packet);
    const refused = (args: string[], passphrase = PASSPHRASE) => {
      const r = runMrb(['countersign', ...args], { env: env(passphrase) });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      noStack(r.stderr);
      expect(fs.readFileSync(packet).equals(before)).toBe(true);
      return r.stderr.trim();
    };
    expect(refused([packet, '--identity', ids.chen.p12, '--out', packet], 'not the passphrase')).toBe('mrb countersign: The passphrase does not open chen.p12; check it and try again.');
    expect(refused([packet, '--identity', ids.ben.p12, '--out', packet])).toMatch(/^mrb countersign: Ben Ortiz <b\.ortiz@bank\.example> already signed packet\.pdf \(signature 2, at 2026-10-02T15:00:00\.000Z\); each member signs a packet once\.$/);
    const fresh = path.join(dir, 'never-written.pdf');
    expect(refused([ids.ana.ca, '--identity', ids.chen.p12, '--out', fresh])).toBe('mrb countersign: ana-ca.pem is not a PDF (it does not start with %PDF-).');
    const broken = path.join(dir, 'broken.pdf');
    fs.writeFileSync(broken, flipByte(before, 2000));
    expect(refused([broken, '--identity', ids.chen.p12, '--out', fresh])).toMatch(/^mrb countersign: The signatures already in broken\.pdf are not valid \(.*\); run mrb verify on it first, nothing was signed\.$/);
    expect(refused([packet, '--identity', ids.chen.p12, '--out', broken])).toBe(`mrb countersign: ${broken} already exists; choose another name, or give the packet itself to add the signature in place. Nothing was written.`);
    expect(refused([packet, '--identity', ids.chen.p12, '--out', packet, '--passphrase', 'x'])).toMatch(/the passphrase is never taken as an argument/);
    expect(fs.existsSync(fresh)).toBe(false);
  });
});
