import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/contract/errors';
import { certificatePem, createIdentity, pkcs12Bytes, readIdentity, summarize } from '../../../electron/services/signing/identity';
import { writeNewFile } from '../../../electron/services/userFiles';
import { tool } from '../../helpers/pdfTools';
import { tempDir } from '../../helpers/tempDir';

const created = new Date('2026-09-01T08:00:00Z');
const { identity, caCertificate } = createIdentity({ name: 'Zoë Núñez', email: 'z.nunez@bank.example', organisation: 'Banque Étoile' }, created);
const PASSPHRASE = 'correct horse battery';

function files() {
  const dir = tempDir('mrb-identity-');
  const ca = path.join(dir, 'ca.pem');
  const signer = path.join(dir, 'signer.pem');
  const p12 = path.join(dir, 'id.p12');
  fs.writeFileSync(ca, certificatePem(caCertificate));
  fs.writeFileSync(signer, certificatePem(identity.certificate));
  writeNewFile(p12, pkcs12Bytes(identity, PASSPHRASE));
  return { dir, ca, signer, p12 };
}

const openssl = (...args: string[]) => tool('openssl', args).text;
const x509 = (file: string) => openssl('x509', '-in', file, '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space');

describe('a new signing identity', () => {
  it('is a local CA (CA:TRUE, certificate and CRL signing, 10 years) as OpenSSL reads it', () => {
    const text = x509(files().ca);
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(text).toContain('Not Before: Sep  1 08:00:00 2026 GMT');
    expect(text).toContain('Not After : Sep  1 08:00:00 2036 GMT');
    expect(text).toMatch(/Subject: CN=Banque Étoile model review board root, O=Banque Étoile, OU=Model Review Board signing CA/);
    expect(text).toContain('Public-Key: (3072 bit)');
  });

  it('and a signer certificate that the CA issued, for signing documents, 3 years', () => {
    const { ca, signer } = files();
    const text = x509(signer);
    expect(text).toMatch(/Subject: CN=Zoë Núñez, emailAddress=z\.nunez@bank\.example, O=Banque Étoile/);
    expect(text).toMatch(/Issuer: CN=Banque Étoile model review board root/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/Extended Key Usage:\s+E-mail Protection, 1\.3\.6\.1\.5\.5\.7\.3\.36/);
    expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toContain('Not After : Sep  1 08:00:00 2029 GMT');
    expect(text).toContain('Public-Key: (2048 bit)');
    const atSigning = String(Math.floor(new Date('2026-10-02T00:00:00Z').getTime() / 1000));
    expect(openssl('verify', '-CAfile', ca, '-purpose', 'smimesign', '-attime', atSigning, signer)).toBe(`${signer}: OK\n`);
  });

  it('is named by the SHA-256 fingerprint of the signer certificate, as OpenSSL computes it', () => {
    const summary = summarize(identity);
    const fromOpenssl = /=([0-9A-F:]+)$/m.exec(openssl('x509', '-in', files().signer, '-noout', '-fingerprint', '-sha256'))?.[1];
    expect(summary.fingerprintDisplay).toBe(fromOpenssl);
    expect(summary.fingerprint).toBe(fromOpenssl?.replace(/:/g, '').toLowerCase());
    expect(summary).toMatchObject({ name: 'Zoë Núñez', email: 'z.nunez@bank.example', organisation: 'Banque Étoile', selfIssuedBy: 'local signing CA', notBefore: '2026-09-01T08:00:00.000Z' });
  });

  it('refuses an empty name and an address that is not one', () => {
    expect(() => createIdentity({ name: ' ', email: 'a@b.c', organisation: 'O' }, created)).toThrow(/The name of the signer is empty/);
    expect(() => createIdentity({ name: 'A', email: 'not-an-address', organisation: 'O' }, created)).toThrow(/"not-an-address" is not an email address/);
  });
});

describe('the PKCS#12 file', () => {
  it('encrypts the key with AES-256 under PBKDF2-HMAC-SHA256, and OpenSSL opens it with the passphrase', () => {
    const info = openssl('pkcs12', '-in', files().p12, '-info', '-noout', '-passin', `pass:${PASSPHRASE}`);
    expect(info).toContain('Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 60000, PRF hmacWithSHA256');
    expect(info).toMatch(/MAC: sha1, Iteration 60000/);
    expect(info.match(/Certificate bag/g)).toHaveLength(2);
  });

  it('never holds the private key in the clear', () => {
    const file = files().p12;
    const p12 = fs.readFileSync(file);
    const keyDer = Buffer.from(forge.asn1.toDer(forge.pki.privateKeyToAsn1(identity.key)).getBytes(), 'binary');
    const privateExponent = Buffer.from(identity.key.d.toByteArray());
    expect(p12.includes(keyDer.subarray(0, 64))).toBe(false);
    expect(p12.includes(privateExponent.subarray(8, 40))).toBe(false);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reads back as the same key, signer and CA', () => {
    const read = readIdentity(files().p12, PASSPHRASE);
    expect(summarize(read)).toEqual(summarize(identity));
    expect(read.key.n.equals(identity.key.n)).toBe(true);
    expect(read.chain.map((c) => c.subject.getField('OU')?.value)).toEqual(['Model Review Board signing CA']);
  });

  it('refuses a wrong passphrase with a sentence naming the file', () => {
    const { p12 } = files();
    expect(() => readIdentity(p12, 'not the passphrase')).toThrow(new UserError('invalid_argument', 'The passphrase does not open id.p12; check it and try again.', 'passphrase'));
  });

  it('refuses a file that is not PKCS#12, and one that is not there', () => {
    const { dir, ca } = files();
    expect(() => readIdentity(ca, PASSPHRASE)).toThrow('ca.pem is not a PKCS#12 (.p12 / .pfx) identity file.');
    const der = path.join(dir, 'ca.der');
    execFileSync('openssl', ['x509', '-in', ca, '-outform', 'DER', '-out', der]);
    expect(() => readIdentity(der, PASSPHRASE)).toThrow('ca.der is not a PKCS#12 (.p12 / .pfx) identity file.');
    expect(() => readIdentity(path.join(dir, 'gone.p12'), PASSPHRASE)).toThrow(`There is no identity file at ${path.join(dir, 'gone.p12')}.`);
  });

  it('refuses a passphrase shorter than 8 characters, saying why', () => {
    expect(() => pkcs12Bytes(identity, 'short')).toThrow('The passphrase has 5 characters; use at least 8, since it alone protects the private key.');
  });

  it('is never written over an existing file', () => {
    const { p12 } = files();
    const before = fs.readFileSync(p12);
    expect(() => writeNewFile(p12, Buffer.from('x'))).toThrow(`${p12} already exists; choose another name, nothing was overwritten.`);
    expect(fs.readFileSync(p12).equals(before)).toBe(true);
  });
});

describe('a .p12 issued elsewhere', () => {
  function opensslIdentity(dir: string, keyAlgorithm: string[], exportArgs: string[] = []): string {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    const out = path.join(dir, `org-${fs.readdirSync(dir).length}.pfx`);
    execFileSync('openssl', ['req', '-x509', '-newkey', ...keyAlgorithm, '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=Org Signer/O=Org Bank/emailAddress=signer@org.example', '-days', '30'], { stdio: 'ignore' });
    execFileSync('openssl', ['pkcs12', '-export', ...exportArgs, '-inkey', key, '-in', cert, '-out', out, '-passout', 'pass:org passphrase']);
    return out;
  }

  it('opens with OpenSSL 3 defaults and with the legacy RC2/3DES encryption', () => {
    const dir = tempDir('mrb-org-p12-');
    for (const exportArgs of [[], ['-legacy']]) {
      const read = readIdentity(opensslIdentity(dir, ['rsa:2048'], exportArgs), 'org passphrase');
      expect(summarize(read)).toMatchObject({ name: 'Org Signer', email: 'signer@org.example', organisation: 'Org Bank', selfIssuedBy: 'organisation' });
    }
  });

  it('with a key that is not RSA is refused with a sentence', () => {
    const dir = tempDir('mrb-org-p12-');
    const file = opensslIdentity(dir, ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    expect(() => readIdentity(file, 'org passphrase')).toThrow(`${path.basename(file)} holds a private key that is not RSA; packets are signed with RSA keys only.`);
  });
});
