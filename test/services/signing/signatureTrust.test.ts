import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificatePem, createIdentity } from '../../../electron/services/signing/identity';
import { PdfFile } from '../../../electron/services/signing/pdfFile';
import { isDict, isRef } from '../../../electron/services/signing/pdfSyntax';
import { signPdf } from '../../../electron/services/signing/signPdf';
import { verifyPacket, type PacketReport } from '../../../electron/services/signing/verifyPdf';
import { appendInfoUpdate, unsignedPacket } from '../../helpers/packetPdfs';
import { pdfsig } from '../../helpers/pdfTools';
import { tempDir } from '../../helpers/tempDir';

/**
 * A signature is not trust (issue 10 §2): every signature of a packet is checked, a later
 * revision may add only a signature, and each signer must chain to a CA the verifier trusts.
 */

const at = new Date('2026-09-01T08:00:00Z');
const board = createIdentity({ name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Example Bank' }, at);
// An impostor's own CA and signer, carrying exactly the board's names.
const impostor = createIdentity({ name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Example Bank' }, at);
const member = createIdentity({ name: 'Ben Ortiz', email: 'b.ortiz@bank.example', organisation: 'Example Bank' }, at);
const trust = (...ids: { caCertificate: Parameters<typeof certificatePem>[0] }[]) => ({ trusted: ids.map((id, i) => ({ pem: certificatePem(id.caCertificate), name: `ca-${i + 1}.pem` })) });
const failed = (report: PacketReport) => report.checks.filter((c) => !c.ok).map((c) => c.name);
const sign = (pdf: Buffer, who: typeof board, minutes = 0) => signPdf(pdf, who.identity, { signedAt: new Date(Date.parse('2026-10-02T14:31:07Z') + minutes * 60_000) });

function written(pdf: Buffer, name: string): string {
  const file = path.join(tempDir('mrb-trust-'), name);
  fs.writeFileSync(file, pdf);
  return file;
}

/**
 * An incremental update as an editor appends one: objects given new bodies, objects freed,
 * and extra trailer entries, with its cross-reference section pointing back to the last one.
 */
function appendUpdate(pdf: Buffer, o: { objects?: [number, string][]; free?: number[]; trailer?: string }): Buffer {
  const text = pdf.toString('latin1');
  const last = text.slice(text.lastIndexOf('trailer'));
  const size = Number(/\/Size\s+(\d+)/.exec(last)?.[1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(last)?.[1];
  const info = /\/Info\s+(\d+\s+\d+\s+R)/.exec(last)?.[1];
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  let body = '';
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const [num, value] of o.objects ?? []) {
    xref += `${num} 1\n${String(pdf.length + body.length).padStart(10, '0')} 00000 n \n`;
    body += `${num} 0 obj\n${value}\nendobj\n`;
  }
  for (const num of o.free ?? []) xref += `${num} 1\n0000000000 00001 f \n`;
  const newSize = Math.max(size, ...(o.objects ?? []).map(([num]) => num + 1));
  const update = `${body}${xref}trailer\n<< /Size ${newSize} /Root ${root} /Info ${info} /Prev ${prev}${o.trailer ?? ''} >>\nstartxref\n${pdf.length + body.length}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}

/** The catalog as the file last writes it, with `extra` entries added. */
function catalogWith(pdf: Buffer, extra: string): [number, string] {
  const text = pdf.toString('latin1');
  const num = Number(/\/Root\s+(\d+)\s+0\s+R/.exec(text.slice(text.lastIndexOf('trailer')))?.[1]);
  const start = text.lastIndexOf(`\n${num} 0 obj`);
  const dict = text.slice(text.indexOf('<<', start), text.indexOf('endobj', start)).trimEnd();
  return [num, `${dict.slice(0, -2)}${extra} >>`];
}

const sizeOf = (pdf: Buffer) => {
  const text = pdf.toString('latin1');
  return Number(/\/Size\s+(\d+)/.exec(text.slice(text.lastIndexOf('trailer')))?.[1]);
};

const stream = (content: string) => `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;

function firstPageContents(pdf: Buffer): number {
  const file = new PdfFile(pdf);
  const pages = file.dict(file.dict(file.trailer.entries.get('Root'))?.entries.get('Pages'));
  const kids = file.resolve(pages?.entries.get('Kids'));
  const page = Array.isArray(kids) ? file.dict(kids[0]) : null;
  const contents = page?.entries.get('Contents');
  if (!isDict(page) || !isRef(contents)) throw new Error('the fixture has no page content stream');
  return contents.num;
}

let signed: Buffer;
let countersigned: Buffer;
beforeAll(async () => {
  signed = await sign(await unsignedPacket(), board);
  countersigned = await sign(signed, member, 5);
});

describe('a packet signed under a self-made CA carrying the board names', () => {
  it('is "signature intact, signer not trusted" without an anchor, and against the board CA', async () => {
    const forged = await sign(await unsignedPacket(), impostor);
    const bare = verifyPacket(forged);
    expect(bare).toMatchObject({ ok: false, verdict: 'signature intact, signer not trusted', trustedBy: [], signer: { name: 'Ana Khan', organisation: 'Example Bank' } });
    expect(failed(bare)).toEqual(['signer trusted']);
    const against = verifyPacket(forged, trust(board));
    expect(against.verdict).toBe('signature intact, signer not trusted');
    expect(failed(against)).toEqual(['chains to the trusted CA']);
    expect(against.problems[0]).toMatch(/^The signer does not chain to ca-1\.pem \(Example Bank model review board root, SHA-256 [0-9A-F:]+\); its CA is Example Bank model review board root \(SHA-256 [0-9A-F:]+\)\.$/);
    // Both CAs have the same names; only the fingerprints tell them apart.
    expect(against.problems[0]?.match(/SHA-256 ([0-9A-F:]+)/g)?.[0]).not.toBe(against.problems[0]?.match(/SHA-256 ([0-9A-F:]+)/g)?.[1]);
  });

  it('trusting several CAs: valid when the signer chains to one of them, naming which', () => {
    const report = verifyPacket(signed, trust(impostor, board));
    expect(report).toMatchObject({ ok: true, verdict: 'valid', trustedBy: ['ca-2.pem'] });
    expect(report.checks.find((c) => c.name === 'chains to the trusted CA')?.detail).toMatch(/^Chains to the trusted CA Example Bank model review board root \(SHA-256 [0-9A-F:]+\), trusted as ca-2\.pem\.$/);
  });
});

describe('finding the signatures', () => {
  it('passes over /ByteRange written as text (a title), checking the one signature', async () => {
    const unsigned = await unsignedPacket();
    const titled = Buffer.from(unsigned.toString('latin1').replace('(Decision packet)', '(/ByteRange text)'), 'latin1');
    expect(titled.length).toBe(unsigned.length);
    const report = verifyPacket(await sign(titled, board), trust(board));
    expect(report).toMatchObject({ verdict: 'valid', signatures: [expect.objectContaining({ trustedBy: 'ca-1.pem' })] });
  });
});

describe('a countersigned packet: every signature is checked', () => {
  it('pdfsig sees two valid signatures; mrb checks both and each revision', () => {
    const out = pdfsig(written(countersigned, 'countersigned.pdf'));
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    const report = verifyPacket(countersigned, trust(board, member));
    expect(report).toMatchObject({ ok: true, verdict: 'valid', trustedBy: ['ca-1.pem', 'ca-2.pem'], bytesAfterSigning: 0, signer: { name: 'Ana Khan' } });
    expect(report.signatures.map((s) => [s.signer?.name, s.trustedBy])).toEqual([
      ['Ana Khan', 'ca-1.pem'],
      ['Ben Ortiz', 'ca-2.pem'],
    ]);
    expect(report.checks.map((c) => c.name)).toContain('signature 2: only a signature added');
    expect(report.checks.find((c) => c.name === 'signature 1: whole file signed')?.detail).toBe(`The signature covers its revision, bytes 0 to ${signed.length}, but its own /Contents.`);
  });

  it('a countersigner nobody trusts: "signature intact, signer not trusted", naming the signature', () => {
    const report = verifyPacket(countersigned, trust(board));
    expect(report.verdict).toBe('signature intact, signer not trusted');
    expect(failed(report)).toEqual(['signature 2: chains to the trusted CA']);
  });

  it('a broken first signature under an intact countersignature: not valid (only the last was checked before)', async () => {
    // A hex digit of the first signature's CMS changed, then countersigned as it is.
    const [, b] = /\/ByteRange \[0 (\d+) /.exec(signed.toString('latin1')) as unknown as [string, string];
    const broken = Buffer.from(signed);
    const i = Number(b) + 1 + 2 * 700;
    broken[i] = broken[i] === 0x30 ? 0x31 : 0x30;
    const report = verifyPacket(await sign(broken, member, 5), trust(board, member));
    expect(report.verdict).toBe('not valid');
    expect(failed(report).length).toBeGreaterThan(0);
    expect(failed(report).every((name) => name.startsWith('signature 1: '))).toBe(true);
  });
});

describe('what a countersignature revision may carry besides the signature', () => {
  it('validation data (a /DSS added to the catalog) is allowed; any other catalog change is named', async () => {
    const n = sizeOf(signed);
    const withDss = appendUpdate(signed, { objects: [catalogWith(signed, ` /DSS ${n} 0 R`), [n, `<< /Certs [${n + 1} 0 R] >>`], [n + 1, stream('certificate bytes')]] });
    const countersignedWithDss = await sign(withDss, member, 5);
    expect(verifyPacket(countersignedWithDss, trust(board, member))).toMatchObject({ verdict: 'valid', problems: [] });

    const withAction = appendUpdate(signed, { objects: [catalogWith(signed, ` /OpenAction ${n} 0 R`), [n, '<< /S /JavaScript /JS (app.alert(1)) >>']] });
    const report = verifyPacket(await sign(withAction, member, 5), trust(board, member));
    expect(report.verdict).toBe('not valid');
    expect(report.problems).toEqual(["After the earlier signature, more than a signature was added: The catalog's /OpenAction was changed."]);
  });
});

describe('a forged packet: the board signature, then an attacker revision signed by the attacker', () => {
  it('an appended revision that changes the Info dictionary is not "only a signature", even when every CA is trusted', async () => {
    const forged = await sign(appendInfoUpdate(signed), impostor, 10);
    // pdfsig finds two valid signatures: it checks each signature over its bytes, not what the revisions changed.
    expect(pdfsig(written(forged, 'forged.pdf')).match(/Signature is Valid\./g)).toHaveLength(2);
    for (const options of [{}, trust(board), trust(board, impostor)]) {
      const report = verifyPacket(forged, options);
      expect(report.verdict).toBe('not valid');
      expect(report.checks.find((c) => c.name === 'signature 2: only a signature added')).toEqual({
        name: 'signature 2: only a signature added',
        ok: false,
        detail: "After the earlier signature, more than a signature was added: The trailer's /Info was changed.",
      });
    }
  });

  it("an appended revision that rewrites a page's content stream is named by its object", async () => {
    const num = firstPageContents(signed);
    const forged = await sign(appendUpdate(signed, { objects: [[num, stream('BT /F1 24 Tf 72 720 Td (Approved) Tj ET')]] }), impostor, 10);
    expect(pdfsig(written(forged, 'content.pdf')).match(/Signature is Valid\./g)).toHaveLength(2);
    const report = verifyPacket(forged, trust(board, impostor));
    expect(report.verdict).toBe('not valid');
    expect(report.problems).toEqual([`After the earlier signature, more than a signature was added: Object ${num} was changed.`]);
    // The record is read from the revision the board signed, not from the forger's.
    expect(report.record).toMatchObject({ packetId: 'a1b2c3d4e5f60718' });
  });

  it('an appended revision that frees an object, or hides objects behind a hybrid /XRefStm, is named', async () => {
    const num = firstPageContents(signed);
    const freed = verifyPacket(await sign(appendUpdate(signed, { free: [num] }), member, 10), trust(board, member));
    expect(freed.verdict).toBe('not valid');
    expect(freed.problems).toEqual([`After the earlier signature, more than a signature was added: Object ${num} of the signed revision was removed.`]);
    const hybrid = verifyPacket(await sign(appendUpdate(signed, { trailer: ' /XRefStm 0' }), member, 10), trust(board, member));
    expect(hybrid.verdict).toBe('not valid');
    expect(hybrid.problems).toContainEqual(expect.stringMatching(/the file has a hybrid cross-reference stream \(\/XRefStm\), which this reader does not handle/));
  });

  it('an attacker revision that adds only its own signature: intact, signer not trusted', async () => {
    const appended = await sign(signed, impostor, 10);
    const report = verifyPacket(appended, trust(board));
    expect(report.verdict).toBe('signature intact, signer not trusted');
    expect(failed(report)).toEqual(['signature 2: chains to the trusted CA']);
  });

  it('a visible signature widget appended after signing could paint over the page: not valid', () => {
    const text = countersigned.toString('latin1');
    const last = text.lastIndexOf('/Rect [0 0 0 0]');
    const visible = Buffer.from(text.slice(0, last) + '/Rect [0 0 5 5]' + text.slice(last + '/Rect [0 0 5 5]'.length), 'latin1');
    expect(visible.length).toBe(countersigned.length);
    const report = verifyPacket(visible, trust(board, member));
    expect(report.verdict).toBe('not valid');
    expect(report.checks.find((c) => c.name === 'signature 2: only a signature added')?.detail).toMatch(/The signature widget \d+ is visible \(\/Rect \[0 0 5 5\]\)/);
  });
});
