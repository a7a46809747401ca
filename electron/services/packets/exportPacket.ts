import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../shared/contract/errors';
import { summarize, type Identity } from '../signing/identity';
import { signPdf } from '../signing/signPdf';
import { insertPacket, packetImage, type PacketRow } from '../store/packetTable';
import type { Workspace } from '../store/workspace';
import { buildDecisionRecord } from './decisionRecord';
import { packetDocument } from './packetDocument';
import { renderPdf } from './renderPdf';

export type ExportPhase = 'record' | 'pages' | 'signing' | 'recording';

export interface ExportOptions {
  sessionId: string;
  identity: Identity;
  out: string;
  /** The packet's moment: its creation date, signing time and record time. */
  at?: Date;
  onPhase?: (phase: ExportPhase) => void;
}

/** The unsigned packet and its record: the same state and moment give the same bytes. */
export async function buildUnsignedPacket(ws: Workspace, sessionId: string, identity: Identity, at: Date) {
  const who = summarize(identity);
  const record = buildDecisionRecord(ws, sessionId, at, { name: who.name, email: who.email, organisation: who.organisation, fingerprint: who.fingerprint });
  const recordBytes = Buffer.from(`${JSON.stringify(record, null, 2)}\n`);
  const recordSha256 = createHash('sha256').update(recordBytes).digest('hex');
  const pdf = await renderPdf(packetDocument(record, recordSha256), at, {
    name: 'decision-record.json',
    description: 'The decision record of this packet, as data (format mrb-decision-record 1)',
    mimeType: 'application/json',
    data: recordBytes,
  });
  return { record, recordSha256, pdf };
}

/** The page tree's /Count (the signature's update repeats a page object, so objects are not counted). */
function countPages(pdf: Buffer): number {
  return Math.max(0, ...[...pdf.toString('latin1').matchAll(/\/Type\s*\/Pages\s*\/Count\s+(\d+)/g)].map((m) => Number(m[1])));
}

/**
 * Builds, signs and saves a session's packet, then records its hash, signer and time in
 * the workspace as an audited event. Refused for an open session (it would sign decisions
 * that can still change) and when the audit chain does not hold.
 */
export async function exportPacket(ws: Workspace, o: ExportOptions): Promise<PacketRow> {
  const at = o.at ?? new Date(Math.floor(Date.now() / 1000) * 1000);
  if (fs.existsSync(o.out)) throw new UserError('already_exists', `${o.out} already exists; choose another name, nothing was overwritten.`, 'out');
  if (!fs.existsSync(path.dirname(path.resolve(o.out)))) throw new UserError('not_found', `The folder ${path.dirname(path.resolve(o.out))} does not exist.`, 'out');
  o.onPhase?.('record');
  const { record, recordSha256, pdf } = await buildUnsignedPacket(ws, o.sessionId, o.identity, at);
  o.onPhase?.('signing');
  const who = summarize(o.identity);
  const signed = await signPdf(pdf, o.identity, {
    signedAt: at,
    reason: `Decisions of review-board session ${record.session.session.number} (${record.session.session.date})`,
    location: record.session.session.location || record.cycle.name,
    contact: who.email ?? who.name,
  });
  o.onPhase?.('recording');
  const row = ws.transaction((tx) => {
    const packet: PacketRow = {
      id: record.packetId,
      sessionId: o.sessionId,
      sha256: createHash('sha256').update(signed).digest('hex'),
      bytes: signed.length,
      pages: countPages(signed),
      recordSha256,
      chainHead: record.audit.head,
      signerName: who.name,
      signerFingerprint: who.fingerprint,
      signedAt: at.toISOString(),
      fileName: path.basename(o.out),
      exportedBy: tx.actor,
    };
    insertPacket(tx.db, packet);
    tx.audit({ action: 'packet.export', entity: 'packet', entityId: packet.id, before: null, after: packetImage(packet) });
    // Board data: owner-only, as the workspace is; sharing it is the chair's choice.
    fs.writeFileSync(o.out, signed, { flag: 'wx', mode: 0o600 });
    return packet;
  });
  return row;
}
