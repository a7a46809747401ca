import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ExportPhase } from '../../../shared/contract/calls';
import { UserError } from '../../../shared/contract/errors';
import { summarize, type Identity } from '../signing/identity';
import { signPdf, type SignOptions } from '../signing/signPdf';
import { insertPacket, packetImage, type PacketRow } from '../store/packetTable';
import type { Workspace } from '../store/workspace';
import { buildDecisionRecord, type DecisionRecord, type Signer } from './decisionRecord';
import { packetDocument } from './packetDocument';
import { renderPdf } from './renderPdf';
import type { Clock } from '../clock';
import { checkNewFile, writeNewFile } from '../userFiles';

/** What the pages are laid out from and how they are signed: plain data, so that a worker can take it. */
export interface PacketPages {
  record: DecisionRecord;
  recordBytes: Uint8Array;
  recordSha256: string;
  at: Date;
  sign: SignOptions;
}

/**
 * What a packet is made from, as plain data: the workspace file (a worker reads it in a
 * snapshot of its own, opened with the same better-sqlite3 addon), the session, the signer and the moment.
 */
export interface PacketJob {
  workspace: string;
  nativeBinding?: string;
  sessionId: string;
  signer: Signer;
  at: Date;
}

/** A made packet: its signed bytes and what the workspace records of its record. */
export interface MadePacket {
  pdf: Buffer;
  packetId: string;
  recordSha256: string;
  chainHead: string;
}

/**
 * Builds the record, lays out and signs the pages, reporting each phase after the first.
 * The export runs it in its own thread unless it is given one that runs elsewhere
 * (packetWorker.ts), which keeps the services' thread free for other calls during the
 * seconds a large packet takes, the record's reading and its audit walk included.
 */
export type PacketMaker = (job: PacketJob, onPhase: (phase: 'pages' | 'sign') => void, signal?: AbortSignal) => Promise<MadePacket>;

export interface ExportOptions {
  sessionId: string;
  identity: Identity;
  out: string;
  /**
   * Fixes the packet's moment (mrb export packet --at); else the workspace's clock tells it. Its time,
   * to the second, is the packet's creation date, signing time and record time.
   */
  clock?: Clock;
  onPhase?: (phase: ExportPhase) => void;
  /** Checked between phases: once aborted, the export stops, saves no file and records nothing. */
  signal?: AbortSignal;
  makePacket?: PacketMaker;
}

/**
 * The record and the signature's wording, read in one snapshot of the workspace: where the
 * packet is made in a worker, the services' thread may commit meanwhile, and a record must
 * not mix two states.
 */
export function packetPages(ws: Workspace, job: Pick<PacketJob, 'sessionId' | 'signer' | 'at'>): PacketPages {
  const record = ws.reader.transaction(() => buildDecisionRecord(ws, job.sessionId, job.at, job.signer))();
  const recordBytes = Buffer.from(`${JSON.stringify(record, null, 2)}\n`);
  const recordSha256 = createHash('sha256').update(recordBytes).digest('hex');
  const sign: SignOptions = {
    signedAt: job.at,
    reason: `Decisions of review-board session ${record.session.session.number} (${record.session.session.date})`,
    location: record.session.session.location || record.cycle.name,
    contact: job.signer.email ?? job.signer.name,
  };
  return { record, recordBytes, recordSha256, at: job.at, sign };
}

const signerOf = (identity: Identity): Signer => {
  const who = summarize(identity);
  return { name: who.name, email: who.email, organisation: who.organisation, fingerprint: who.fingerprint };
};

/** The laid-out pages, unsigned, with the record attached as data. */
export function renderPages(record: DecisionRecord, recordBytes: Uint8Array, recordSha256: string, at: Date): Promise<Buffer> {
  return renderPdf(() => packetDocument(record, recordSha256), at, {
    name: 'decision-record.json',
    description: 'The decision record of this packet, as data (format mrb-decision-record 1)',
    mimeType: 'application/json',
    data: Buffer.from(recordBytes),
  });
}

/** The unsigned packet and its record: the same state and moment give the same bytes. */
export async function buildUnsignedPacket(ws: Workspace, sessionId: string, identity: Identity, at: Date) {
  const { record, recordBytes, recordSha256 } = packetPages(ws, { sessionId, signer: signerOf(identity), at });
  return { record, recordSha256, pdf: await renderPages(record, recordBytes, recordSha256, at) };
}

export const exportCancelled = () => new UserError('cancelled', 'The packet export was cancelled; no file was saved and nothing was recorded.');

function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw exportCancelled();
}

/**
 * The packet made in this thread, from this handle: the CLI's way, the services' when no
 * worker is given, and the packet worker's from the handle it opens.
 */
export function packetHere(ws: Workspace, identity: Identity): PacketMaker {
  return async (job, onPhase, signal) => {
    const p = packetPages(ws, job);
    stopIfCancelled(signal);
    onPhase('pages');
    const pdf = await renderPages(p.record, p.recordBytes, p.recordSha256, p.at);
    stopIfCancelled(signal);
    onPhase('sign');
    return { pdf: await signPdf(pdf, identity, p.sign), ...recordFacts(p) };
  };
}

/** What the workspace records of a packet's record. */
function recordFacts(p: PacketPages): Omit<MadePacket, 'pdf'> {
  return { packetId: p.record.packetId, recordSha256: p.recordSha256, chainHead: p.record.audit.head };
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
  const at = new Date(Math.floor((o.clock ?? ws.clock).now().getTime() / 1000) * 1000);
  const out = path.resolve(o.out);
  checkNewFile(out, 'out');
  o.onPhase?.('build');
  const signer = signerOf(o.identity);
  const job: PacketJob = { workspace: ws.path, ...(ws.nativeBinding ? { nativeBinding: ws.nativeBinding } : {}), sessionId: o.sessionId, signer, at };
  const made = await (o.makePacket ?? packetHere(ws, o.identity))(job, (phase) => o.onPhase?.(phase), o.signal);
  const signed = made.pdf;
  o.onPhase?.('record');
  const row = ws.transaction((tx) => {
    // Checked inside the transaction, so a cancelled export never commits.
    stopIfCancelled(o.signal);
    const packet: PacketRow = {
      id: made.packetId,
      sessionId: o.sessionId,
      sha256: createHash('sha256').update(signed).digest('hex'),
      bytes: signed.length,
      pages: countPages(signed),
      recordSha256: made.recordSha256,
      chainHead: made.chainHead,
      signerName: signer.name,
      signerFingerprint: signer.fingerprint,
      signedAt: at.toISOString(),
      fileName: path.basename(out),
      exportedBy: tx.actor,
    };
    insertPacket(tx.db, packet);
    tx.audit({ action: 'packet.export', entity: 'packet', entityId: packet.id, before: null, after: packetImage(packet) });
    // Board data: owner-only, as the workspace is; sharing it is the chair's choice. A write that fails undoes the record.
    writeNewFile(out, signed, 'out');
    return packet;
  });
  return row;
}
