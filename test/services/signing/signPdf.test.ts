import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { embeddedFiles } from '../../../electron/services/signing/embeddedFiles';
import { certificatePem, createIdentity } from '../../../electron/services/signing/identity';
import { signPdf } from '../../../electron/services/signing/signPdf';
import { verifyPacket } from '../../../electron/services/signing/verifyPdf';
import { decisionRecord, unsignedPacket } from '../../helpers/packetPdfs';
import { flipByte, nssDatabaseTrusting, pdfsig, tool } from '../../helpers/pdfTools';
import { tempDir } from '../../helpers/tempDir';

const { identity, caCertificate } = createIdentity({ name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Example Bank' }, new Date('2026-09-01T08:00:00Z'));
const signedAt = new Date('2026-10-02T14:31:07Z');
const options = { signedAt, reason: 'Decisions of review-board session 3', location: 'London', contact: 'a.khan@bank.example' };

let unsigned: Buffer;
let signed: Buffer;

beforeAll(async () => {
  unsigned = await unsignedPacket();
  signed = await signPdf(unsigned, identity, options);
});

function written(pdf: Buffer = signed) {
  const dir = tempDir('mrb-sign-');
  const file = path.join(dir, 'packet.pdf');
  const ca = path.join(dir, 'ca.pem');
  fs.writeFileSync(file, pdf);
  fs.writeFileSync(ca, certificatePem(caCertificate));
  return { dir, file, ca };
}

/** The /ByteRange as written, read independently of the verifier. */
function byteRange(pdf: Buffer): [number, number, number, number] {
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'));
  return m!.slice(1, 5).map(Number) as [number, number, number, number];
}

describe('a signed packet, as poppler and qpdf see it', () => {
  it('pdfsig: the signature is valid, covers the whole document, PAdES with SHA-256 and the signing time', () => {
    const out = pdfsig(written().file);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
    expect(out).toContain('Signing Time: Oct 02 2026 14:31:07');
    expect(out).toContain('Signer full Distinguished Name: O=Example Bank,E=a.khan@bank.example,CN=Ana Khan');
  });

  it('pdfsig with the CA imported into an NSS database: the certificate is trusted', () => {
    const { dir, file, ca } = written();
    expect(pdfsig(file, nssDatabaseTrusting(dir, ca))).toContain('Certificate Validation: Certificate is Trusted.');
  });

  it('one byte changed inside the signed range: pdfsig prints Digest Mismatch', () => {
    const at = signed.indexOf('/MrbChainHead') - 40;
    expect(at).toBeLessThan(byteRange(signed)[1]);
    const out = pdfsig(written(flipByte(signed, at)).file);
    expect(out).toContain('Signature Validation: Digest Mismatch.');
  });

  it('qpdf --check finds no errors; pdfdetach lists the record and saves the bytes that were attached', () => {
    const { dir, file } = written();
    const check = tool('qpdf', ['--check', file]);
    expect(check.text).toContain('No syntax or stream encoding errors found');
    expect(check.code).toBe(0);
    expect(tool('pdfdetach', ['-list', file]).text).toBe('1 embedded files\n1: decision-record.json\n');
    const saved = path.join(dir, 'record.json');
    tool('pdfdetach', ['-save', '1', '-o', saved, file]);
    expect(fs.readFileSync(saved).equals(decisionRecord())).toBe(true);
    expect(embeddedFiles(signed).get('decision-record.json')?.equals(decisionRecord())).toBe(true);
  });
});

describe('the signature itself', () => {
  it('covers the whole file but the /Contents hex string', () => {
    const [a, b, c, d] = byteRange(signed);
    expect(a).toBe(0);
    expect(signed.toString('latin1', b - 10, b)).toMatch(/\/Contents\s*$/);
    expect(signed.toString('latin1', b, c)).toMatch(/^<[0-9a-f]+>$/);
    expect(c + d).toBe(signed.length);
    // The unsigned bytes are kept; the signature is an incremental update after them.
    expect(signed.subarray(0, unsigned.length - 1).equals(unsigned.subarray(0, unsigned.length - 1))).toBe(true);
  });

  it('is a detached CMS that OpenSSL verifies over the byte ranges, PAdES B-B: signing-certificate-v2 and no signing-time', () => {
    const { dir, ca } = written();
    const [, b, c, d] = byteRange(signed);
    const hex = signed.toString('latin1', b + 1, c - 1);
    const padded = Buffer.from(hex, 'hex');
    const cms = padded.subarray(0, 4 + padded.readUInt16BE(2)); // 30 82 LL LL: a SEQUENCE with a two-byte length
    const content = Buffer.concat([signed.subarray(0, b), signed.subarray(c, c + d)]);
    fs.writeFileSync(path.join(dir, 'sig.der'), cms);
    fs.writeFileSync(path.join(dir, 'content.bin'), content);
    const atSigning = String(signedAt.getTime() / 1000);
    const verified = tool('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(dir, 'sig.der'), '-content', path.join(dir, 'content.bin'), '-CAfile', ca, '-purpose', 'smimesign', '-attime', atSigning, '-out', '/dev/null']);
    expect(verified.text).toContain('CMS Verification successful');
    const printed = tool('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', path.join(dir, 'sig.der')]).text;
    expect(printed).toContain('id-smime-aa-signingCertificateV2');
    expect(printed).not.toContain('signingTime');
    expect(printed).toContain('eContent: <ABSENT>');
    const certificates = tool('openssl', ['pkcs7', '-inform', 'DER', '-in', path.join(dir, 'sig.der'), '-print_certs', '-noout']).text;
    expect(certificates.match(/^subject=/gm)).toHaveLength(2);
    expect(certificates).toContain('subject=CN = Example Bank model review board root');
  });

  it('is the same bytes for the same file, identity and signing time', async () => {
    expect((await signPdf(unsigned, identity, options)).equals(signed)).toBe(true);
    expect((await signPdf(unsigned, identity, { ...options, signedAt: new Date('2026-10-02T14:31:08Z') })).equals(signed)).toBe(false);
  });

  it('writes reason, name and location as Unicode text strings', async () => {
    const pdf = await signPdf(unsigned, identity, { signedAt, reason: 'Décisions du comité (séance 3) <<final>>', location: 'Genève', name: 'Zoë Núñez' });
    expect(pdf.toString('latin1')).toContain('/Location <FEFF00470065006E00E800760065>');
    const report = verifyPacket(pdf);
    expect(report).toMatchObject({ reason: 'Décisions du comité (séance 3) <<final>>', location: 'Genève' });
    expect(report.checks.find((c) => c.name === 'signature present')?.detail).toBe('A signature (ETSI.CAdES.detached) by Zoë Núñez.');
    expect(tool('qpdf', ['--check', written(pdf).file]).code).toBe(0);
  });

  it('leaves the optional fields empty and names the signer from the certificate', async () => {
    const pdf = await signPdf(unsigned, identity, { signedAt });
    expect(pdf.toString('latin1')).toMatch(/\/Reason \(\)/);
    expect(verifyPacket(pdf).checks.find((c) => c.name === 'signature present')?.detail).toBe('A signature (ETSI.CAdES.detached) by Ana Khan.');
  });
});
