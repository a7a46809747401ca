import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificatePem, createIdentity, summarize } from '../../../electron/services/signing/identity';
import { signPdf } from '../../../electron/services/signing/signPdf';
import { verifyPacket, type PacketReport } from '../../../electron/services/signing/verifyPdf';
import { appendInfoUpdate, CHAIN_HEAD, unsignedPacket, type PacketFixture } from '../../helpers/packetPdfs';
import { flipByte, pdfsig, tool } from '../../helpers/pdfTools';
import { tempDir } from '../../helpers/tempDir';

const board = createIdentity({ name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Example Bank' }, new Date('2026-09-01T08:00:00Z'));
const caPem = certificatePem(board.caCertificate);
const trustBoard = { trusted: [{ pem: caPem, name: 'board-ca.pem' }] };
const signedAt = new Date('2026-10-02T14:31:07Z');

const sign = async (fixture: PacketFixture = {}) => signPdf(await unsignedPacket(fixture), board.identity, { signedAt, reason: 'Decisions of session 3', location: 'London' });
const check = (report: PacketReport, name: string) => report.checks.find((c) => c.name === name);
const failed = (report: PacketReport) => report.checks.filter((c) => !c.ok).map((c) => c.name);

let signed: Buffer;
beforeAll(async () => {
  signed = await sign();
});

describe('verifyPacket on a packet as signed', () => {
  it('holds on every check against the trusted CA, and reports the signer, time and record', () => {
    const report = verifyPacket(signed, trustBoard);
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['signature present', true],
      ['whole file signed', true],
      ['digest matches', true],
      ['signature valid', true],
      ['signing certificate bound', true],
      ['signing time', true],
      ['issued by the embedded CA', true],
      ['chains to the trusted CA', true],
      ['decision record attached', true],
      ['decision record intact', true],
      ['chain head matches', true],
    ]);
    expect(report).toMatchObject({ ok: true, verdict: 'valid', trustedBy: ['board-ca.pem'], problems: [], subFilter: 'ETSI.CAdES.detached', signedAt: '2026-10-02T14:31:07.000Z', reason: 'Decisions of session 3', location: 'London', bytesAfterSigning: 0, bytes: signed.length });
    expect(report.signer).toEqual(summarize(board.identity));
    expect(report.signer).toMatchObject({ name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Example Bank', subject: 'CN=Ana Khan, E=a.khan@bank.example, O=Example Bank' });
    expect(report.record).toMatchObject({ packetId: 'a1b2c3d4e5f60718', audit: { head: CHAIN_HEAD } });
    expect(check(report, 'whole file signed')?.detail).toBe(`The signature covers every byte of the file (${signed.length}) but its own /Contents.`);
  });

  it('without a trusted CA or workspace: "signature intact, signer not trusted", never valid', () => {
    const report = verifyPacket(signed);
    expect(report).toMatchObject({ ok: false, verdict: 'signature intact, signer not trusted', trustedBy: [] });
    expect(failed(report)).toEqual(['signer trusted']);
    expect(report.problems).toEqual(["No trusted CA or workspace was given, so nothing vouches that the signer is the board: anyone can make a CA that carries the board's names."]);
    expect(check(report, 'issued by the embedded CA')?.detail).toMatch(/^Issued by Example Bank model review board root \(SHA-256 [0-9A-F:]{95}\), whose certificate the file carries\.$/);
  });

  it("refuses another board's CA as the anchor, naming both", () => {
    const other = createIdentity({ name: 'Eve', email: 'eve@elsewhere.example', organisation: 'Elsewhere' }, new Date());
    const report = verifyPacket(signed, { trusted: [{ pem: certificatePem(other.caCertificate), name: 'elsewhere-ca.pem' }] });
    expect(report).toMatchObject({ ok: false, verdict: 'signature intact, signer not trusted' });
    expect(failed(report)).toEqual(['chains to the trusted CA']);
    expect(report.problems).toEqual([expect.stringMatching(/^The signer does not chain to elsewhere-ca\.pem \(Elsewhere model review board root, SHA-256 .*\); its CA is Example Bank model review board root/)]);
  });

  it('throws a sentence when the trusted CA is not a certificate', () => {
    expect(() => verifyPacket(signed, { trusted: [{ pem: 'hello', name: 'notes.txt' }] })).toThrow('notes.txt is not a PEM certificate.');
  });
});

describe('verifyPacket on a packet changed after signing', () => {
  it('one byte changed inside the signed range: a digest mismatch', () => {
    const report = verifyPacket(flipByte(signed, signed.indexOf('/MrbChainHead') - 40), trustBoard);
    expect(failed(report)).toEqual(['digest matches']);
    expect(report.problems).toEqual(['Digest mismatch: the signed bytes were changed after signing.']);
  });

  it('an incremental update appended after signing: "not the whole file", naming the bytes, while the record is read as signed', () => {
    const updated = appendInfoUpdate(signed);
    const added = updated.length - signed.length;
    const report = verifyPacket(updated, trustBoard);
    expect(report.ok).toBe(false);
    expect(failed(report)).toEqual(['whole file signed']);
    expect(report.problems).toEqual([`Not the whole file: ${added} bytes were added after signing.`]);
    expect(report.bytesAfterSigning).toBe(added);
    // poppler and qpdf read the update as the current state: the tamper is a well-formed PDF.
    const file = path.join(tempDir('mrb-verify-'), 'updated.pdf');
    fs.writeFileSync(file, updated);
    expect(pdfsig(file)).toContain('Not total document signed');
    expect(tool('qpdf', ['--check', file]).code).toBe(0);
    expect(tool('pdfinfo', ['-custom', file]).text).toMatch(/MrbChainHead:\s+f{64}/);
  });

  it('a gap in the ranges that is not exactly /Contents', () => {
    const text = signed.toString('latin1');
    const m = /\/ByteRange \[0 (\d+) (\d+) (\d+)\]/.exec(text)!;
    const shifted = `/ByteRange [0 ${Number(m[1]) - 1} ${m[2]} ${Number(m[3])}]`.padEnd(m[0].length, ' ');
    const report = verifyPacket(Buffer.from(text.replace(m[0], shifted), 'latin1'));
    expect(check(report, 'whole file signed')).toMatchObject({ ok: false, detail: expect.stringMatching(/^The gap between the signed ranges \(bytes \d+ to \d+\) is not exactly the signature's \/Contents string/) });
  });

  it('a file cut short', () => {
    const report = verifyPacket(signed.subarray(0, signed.length - 10));
    expect(check(report, 'whole file signed')?.detail).toBe(`The signed ranges end at byte ${signed.length}, past the end of the file (${signed.length - 10} bytes): the file was cut short.`);
  });
});

describe('verifyPacket on the attached decision record', () => {
  it('reports a packet without a record', async () => {
    const report = verifyPacket(await sign({ attachRecord: false }), trustBoard);
    expect(failed(report)).toEqual(['decision record attached']);
    expect(report.problems).toEqual(['No decision-record.json is attached; every packet carries its decision record.']);
  });

  it('reports a record whose chain head is not the one printed', async () => {
    const report = verifyPacket(await sign({ statedChainHead: 'ab'.repeat(32) }), trustBoard);
    expect(failed(report)).toEqual(['chain head matches']);
    expect(report.problems[0]).toBe(`The record's chain head ${CHAIN_HEAD} differs from the ${'ab'.repeat(32)} the packet prints.`);
  });

  it('reports a record that is not the one the packet states', async () => {
    const report = verifyPacket(await sign({ statedRecordSha256: '0'.repeat(64) }), trustBoard);
    expect(failed(report)).toEqual(['decision record intact']);
    expect(report.problems[0]).toMatch(/^decision-record\.json hashes to [0-9a-f]{64}, not the 0{64} the packet states\.$/);
  });
});

describe('verifyPacket on a file that is not a signed packet', () => {
  it('an unsigned PDF has no signature', async () => {
    const report = verifyPacket(await unsignedPacket());
    expect(report).toMatchObject({ ok: false, verdict: 'not valid', problems: ['The file has no signature (no signature dictionary with a /ByteRange).'], signer: null });
  });
});
