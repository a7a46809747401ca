import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { countersignPacket } from '../../../electron/services/signing/countersign';
import { certificatePem, createIdentity } from '../../../electron/services/signing/identity';
import { PdfFile } from '../../../electron/services/signing/pdfFile';
import { isRef } from '../../../electron/services/signing/pdfSyntax';
import { signPdf } from '../../../electron/services/signing/signPdf';
import { verifyPacket } from '../../../electron/services/signing/verifyPdf';
import { appendInfoUpdate, unsignedPacket } from '../../helpers/packetPdfs';
import { pdfsig, tool } from '../../helpers/pdfTools';
import { tempDir } from '../../helpers/tempDir';

/** Issue 13 §4: members countersign the board's packet, each adding only their signature. */

const at = new Date('2026-09-01T08:00:00Z');
const chair = createIdentity({ name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Example Bank' }, at);
const ben = createIdentity({ name: 'Ben Ortiz', email: 'b.ortiz@bank.example', organisation: 'Example Bank' }, at);
const chen = createIdentity({ name: 'Chen Wei', email: 'c.wei@bank.example', organisation: 'Example Bank' }, at);
// Someone outside the board's CAs, with a CA of their own.
const outsider = createIdentity({ name: 'Dana Roe', email: 'd.roe@elsewhere.example', organisation: 'Elsewhere' }, at);
const trusted = [chair, ben, chen].map((id, i) => ({ pem: certificatePem(id.caCertificate), name: `ca-${i + 1}.pem` }));
const moment = (minutes: number) => new Date(Date.parse('2026-10-02T14:31:07Z') + minutes * 60_000);

function written(pdf: Buffer, name: string): string {
  const file = path.join(tempDir('mrb-countersign-'), name);
  fs.writeFileSync(file, pdf);
  return file;
}

/** A countersigning update that also rewrites the first page's content stream, as a tamperer would slip one in. */
function withPageContentRewritten(pdf: Buffer): Buffer {
  const file = new PdfFile(pdf);
  const pages = file.dict(file.dict(file.trailer.entries.get('Root'))?.entries.get('Pages'));
  const kids = file.resolve(pages?.entries.get('Kids'));
  const contents = Array.isArray(kids) ? file.dict(kids[0])?.entries.get('Contents') : undefined;
  if (!isRef(contents)) throw new Error('the fixture has no page content stream');
  const text = pdf.toString('latin1');
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const size = /\/Size\s+(\d+)/.exec(trailer)?.[1];
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  const info = /\/Info\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1];
  const content = 'BT /F1 24 Tf 72 720 Td (Rejected) Tj ET';
  const object = `${contents.num} 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`;
  const xref = `xref\n0 1\n0000000000 65535 f \n${contents.num} 1\n${String(pdf.length).padStart(10, '0')} 00000 n \n`;
  const update = `${object}${xref}trailer\n<< /Size ${size} /Root ${root} /Info ${info} /Prev ${prev} >>\nstartxref\n${pdf.length + object.length}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}

let byChair: Buffer;
let threeSigners: Buffer;
beforeAll(async () => {
  byChair = await signPdf(await unsignedPacket(), chair.identity, { signedAt: moment(0) });
  const second = await countersignPacket(byChair, ben.identity, { signedAt: moment(30), fileName: 'packet.pdf' });
  expect(second.position).toBe(2);
  threeSigners = (await countersignPacket(second.pdf, chen.identity, { signedAt: moment(90), fileName: 'packet.pdf' })).pdf;
});

describe('a packet signed by the chair and countersigned by two members', () => {
  it('pdfsig: three valid signatures, "Total document signed" only for the last', () => {
    const out = pdfsig(written(threeSigners, 'three.pdf'));
    const blocks = out.split(/^Signature #\d+:$/m).slice(1);
    expect(blocks).toHaveLength(3);
    for (const block of blocks) expect(block).toContain('Signature Validation: Signature is Valid.');
    expect(blocks.map((b) => /Total document signed/.test(b))).toEqual([false, false, true]);
    expect(blocks.map((b) => /Signer Certificate Common Name: (.*)/.exec(b)?.[1])).toEqual(['Ana Khan', 'Ben Ortiz', 'Chen Wei']);
  });

  it('mrb verify names all three, when each signed and what trusts them; each update added only a signature', () => {
    const report = verifyPacket(threeSigners, { trusted });
    expect(report).toMatchObject({ ok: true, verdict: 'valid', problems: [], bytesAfterSigning: 0 });
    expect(report.signatures.map((s) => [s.signer?.name, s.signer?.email, s.signedAt, s.trustedBy])).toEqual([
      ['Ana Khan', 'a.khan@bank.example', '2026-10-02T14:31:07.000Z', 'ca-1.pem'],
      ['Ben Ortiz', 'b.ortiz@bank.example', '2026-10-02T15:01:07.000Z', 'ca-2.pem'],
      ['Chen Wei', 'c.wei@bank.example', '2026-10-02T16:01:07.000Z', 'ca-3.pem'],
    ]);
    expect(report.checks.filter((c) => c.name.endsWith('only a signature added')).map((c) => [c.name, c.ok])).toEqual([
      ['signature 2: only a signature added', true],
      ['signature 3: only a signature added', true],
    ]);
  });

  it('qpdf finds the file clean and the page content unchanged by the countersignatures', () => {
    const file = written(threeSigners, 'three.pdf');
    expect(tool('qpdf', ['--check', file]).code).toBe(0);
    const text = (pdf: Buffer, name: string) => tool('pdftotext', [written(pdf, name), '-']).text;
    expect(text(threeSigners, 'a.pdf')).toBe(text(byChair, 'b.pdf'));
  });
});

describe('what a countersigning update may not do', () => {
  it('a content change slipped into the update that carries a countersignature: not valid, naming the object', async () => {
    const twoSigners = (await countersignPacket(byChair, ben.identity, { signedAt: moment(30), fileName: 'packet.pdf' })).pdf;
    // Signed by a trusted member through the ordinary path, over the rewritten revision.
    const forged = await signPdf(withPageContentRewritten(twoSigners), chen.identity, { signedAt: moment(90) });
    expect(pdfsig(written(forged, 'forged.pdf')).match(/Signature is Valid\./g)).toHaveLength(3);
    const report = verifyPacket(forged, { trusted });
    expect(report.verdict).toBe('not valid');
    expect(report.problems).toEqual([expect.stringMatching(/^After the earlier signature, more than a signature was added: Object \d+ was changed\.$/)]);
    expect(report.checks.find((c) => c.name === 'signature 3: only a signature added')?.ok).toBe(false);
  });

  it('a countersignature by an identity outside the trusted CAs is named untrusted', async () => {
    const signed = await countersignPacket(byChair, outsider.identity, { signedAt: moment(30), fileName: 'packet.pdf', trusted });
    expect(signed.report.verdict).toBe('signature intact, signer not trusted');
    expect(signed.report.signatures.map((s) => [s.signer?.name, s.trustedBy])).toEqual([
      ['Ana Khan', 'ca-1.pem'],
      ['Dana Roe', null],
    ]);
    expect(signed.report.problems).toEqual([expect.stringMatching(/^The signer does not chain to ca-1\.pem .*; its CA is Elsewhere model review board root/)]);
  });
});

describe('refusals, each a sentence, nothing signed', () => {
  const refused = (pdf: Buffer, who = chen) => countersignPacket(pdf, who.identity, { signedAt: moment(90), fileName: 'packet.pdf' });

  it('not a PDF, not signed, no decision record', async () => {
    await expect(refused(Buffer.from('hello'))).rejects.toThrow('packet.pdf is not a PDF (it does not start with %PDF-).');
    await expect(refused(await unsignedPacket())).rejects.toThrow('packet.pdf is not a signed decision packet: it has no signature to countersign.');
    const noRecord = await signPdf(await unsignedPacket({ attachRecord: false }), chair.identity, { signedAt: moment(0) });
    await expect(refused(noRecord)).rejects.toThrow('packet.pdf is not a decision packet: it carries no readable decision record.');
  });

  it('existing signatures that do not hold (an update appended after signing)', async () => {
    await expect(refused(appendInfoUpdate(byChair))).rejects.toThrow(
      /^The signatures already in packet\.pdf are not valid \(Not the whole file: \d+ bytes were added after signing\.\); run mrb verify on it first, nothing was signed\.$/,
    );
  });

  it('the same signer twice, by certificate or by e-mail', async () => {
    await expect(refused(threeSigners, ben)).rejects.toThrow('Ben Ortiz <b.ortiz@bank.example> already signed packet.pdf (signature 2, at 2026-10-02T15:01:07.000Z); each member signs a packet once.');
    const newBenCertificate = createIdentity({ name: 'Ben Ortiz', email: 'B.Ortiz@bank.example', organisation: 'Example Bank' }, at);
    await expect(refused(threeSigners, newBenCertificate)).rejects.toThrow(/already signed packet\.pdf \(signature 2/);
    await expect(refused(byChair, chair)).rejects.toThrow(/^Ana Khan <a\.khan@bank\.example> already signed packet\.pdf \(signature 1/);
  });
});
