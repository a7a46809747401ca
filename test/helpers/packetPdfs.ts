import { createHash } from 'node:crypto';
import PdfPrinter from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import vfs from 'pdfmake/build/vfs_fonts.js';

/**
 * PDFs shaped like decision packets, for the signing tests: pdfmake pages (compressed
 * content streams), the decision record attached through pdfkit's doc.file() as the packet
 * builder does (pdfmake 0.2 has no attachment option of its own), and the chain head and
 * record hash in the custom Info keys the packet builder writes.
 */

export interface PacketFixture {
  /** The record's audit chain head. */
  chainHead?: string;
  /** The chain head stated in the Info dictionary, when it should differ from the record's. */
  statedChainHead?: string;
  /** The record hash stated in the Info dictionary, when it should differ from the record's. */
  statedRecordSha256?: string;
  /** false: attach nothing. */
  attachRecord?: boolean;
  at?: Date;
}

export const CHAIN_HEAD = createHash('sha256').update('the audit chain of session 3').digest('hex');

const font = (name: string) => Buffer.from((vfs as Record<string, string>)[name] as string, 'base64');
const fonts = { Roboto: { normal: font('Roboto-Regular.ttf'), bold: font('Roboto-Medium.ttf'), italics: font('Roboto-Italic.ttf'), bolditalics: font('Roboto-MediumItalic.ttf') } };

/** The slice of pdfkit's document that pdfmake returns and these fixtures use. */
interface PdfKitDoc {
  file(data: Buffer, options: { name: string; type: string; description: string; relationship: string; creationDate: Date; modifiedDate: Date }): void;
  on(event: 'data', cb: (chunk: Buffer) => void): void;
  on(event: 'end', cb: () => void): void;
  end(): void;
}

export function decisionRecord(head = CHAIN_HEAD): Buffer {
  const record = { format: 'mrb-decision-record', formatVersion: 1, packetId: 'a1b2c3d4e5f60718', items: [{ model: 'credit-default-scorer', outcome: 'approved_with_conditions' }], audit: { head } };
  return Buffer.from(`${JSON.stringify(record, null, 2)}\n`);
}

export function unsignedPacket(o: PacketFixture = {}): Promise<Buffer> {
  const at = o.at ?? new Date('2026-10-02T14:30:00Z');
  const head = o.chainHead ?? CHAIN_HEAD;
  const record = decisionRecord(head);
  const content: TDocumentDefinitions['content'] = [
    { text: 'Decision packet — session 3', fontSize: 18 },
    { text: `Credit default scorer: approved with conditions (quarterly drift review). Chain head ${head}.` },
    { text: 'Audit events of this session', pageBreak: 'before' },
    { ul: ['score.set customer_harm 4', 'decision.record approved_with_conditions', 'session.close'] },
  ];
  const info = {
    title: 'Decision packet',
    author: 'Model Review Board',
    creationDate: at,
    modDate: at,
    MrbChainHead: o.statedChainHead ?? head,
    MrbRecordSha256: o.statedRecordSha256 ?? createHash('sha256').update(record).digest('hex'),
  } as TDocumentDefinitions['info'];
  const doc = new PdfPrinter(fonts).createPdfKitDocument({ content, info }) as unknown as PdfKitDoc;
  if (o.attachRecord !== false) {
    doc.file(record, { name: 'decision-record.json', type: 'application/json', description: 'The decision record of this packet', relationship: 'Data', creationDate: at, modifiedDate: at });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.end();
  });
}

/**
 * An incremental update written by hand, as a tamperer would append one: a new Info
 * dictionary that states another chain head, its cross-reference section and a trailer
 * pointing back to the signed revision. Returns the whole file.
 */
export function appendInfoUpdate(signed: Buffer, chainHead = 'f'.repeat(64)): Buffer {
  const text = signed.toString('latin1');
  const trailer = text.slice(text.lastIndexOf('trailer'));
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(trailer)?.[1]);
  if (!size || !root || !prev) throw new Error('the fixture could not read the last trailer');
  const head = signed.subarray(-1)[0] === 0x0a ? signed : Buffer.concat([signed, Buffer.from('\n')]);
  const objectAt = head.length;
  const object = `${size} 0 obj\n<< /Producer (someone else) /MrbChainHead (${chainHead}) >>\nendobj\n`;
  const xrefAt = objectAt + object.length;
  const update = `${object}xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objectAt).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([head, Buffer.from(update, 'latin1')]);
}
