import path from 'node:path';
import forge from 'node-forge';
import type { CallResult, ExportPhase, ParsedArgs } from '../../../shared/contract/calls';
import { UserError } from '../../../shared/contract/errors';
import { certificatePem, readIdentity, saveNewIdentity, summarize } from '../signing/identity';
import { checkCountersignOutput, countersignPacket, writeCountersigned } from '../signing/countersign';
import { memberSignatures, type VotingMember } from '../signing/memberSignatures';
import { verifyPacket, type PacketReport } from '../signing/verifyPdf';
import { getSessionDetail } from '../sessions/sessionService';
import type { WorkspaceSession } from '../workspaceSession';
import { readCycle } from '../store/cycleTable';
import { listPackets } from '../store/packetTable';
import type { Workspace } from '../store/workspace';
import { exportPacket } from './exportPacket';
import { packetInWorker } from './packetInWorker';
import { readKeyFile, readPacketFile } from '../signing/packetFiles';

/** The identity and packet calls of the contract, for the app and the loopback host. */

export function createIdentityCall(session: WorkspaceSession, a: ParsedArgs<'identities.create'>): CallResult<'identities.create'> {
  const out = path.resolve(a.out);
  const caOut = a.caOut === undefined ? null : path.resolve(a.caOut);
  const { identity, caCertificate } = saveNewIdentity({ name: a.name, email: a.email, organisation: a.organisation }, a.passphrase, session.clock.now(), out, caOut);
  const entry = { ...summarize(identity), path: out };
  session.identities.remember({ ...entry, caCertificates: [certificatePem(caCertificate)] });
  return entry;
}

const isCa = (cert: forge.pki.Certificate) => (cert.getExtension('basicConstraints') as { cA?: boolean } | null)?.cA === true;

export function addIdentityCall(session: WorkspaceSession, a: ParsedArgs<'identities.add'>): CallResult<'identities.add'> {
  const file = path.resolve(a.path);
  const identity = readIdentity(file, a.passphrase, 'path');
  const entry = { ...summarize(identity), path: file };
  session.identities.remember({ ...entry, caCertificates: identity.chain.filter(isCa).map(certificatePem) });
  return entry;
}

/** How an export runs: its phases reported, a cancel signal, and the packet worker to lay out and sign in (none: in this thread). */
export interface ExportRun {
  onPhase?: (phase: ExportPhase) => void;
  signal?: AbortSignal;
  packetWorker?: string | null;
}

export async function exportPacketCall(session: WorkspaceSession, a: ParsedArgs<'packets.export'>, run: ExportRun = {}): Promise<CallResult<'packets.export'>> {
  const ws = session.require();
  const entry = session.identities.find(a.identity);
  if (!entry) throw new UserError('not_found', 'This signing identity is not known here; create it or open its .p12 first.', 'identity');
  const identity = readIdentity(entry.path, a.passphrase);
  // A bare name lands beside the workspace, where the cycle's other files are, not in whatever folder the app or host was started from.
  const out = path.resolve(path.dirname(ws.path), a.out);
  const packet = await exportPacket(ws, {
    sessionId: a.sessionId,
    identity,
    out,
    ...(run.onPhase ? { onPhase: run.onPhase } : {}),
    ...(run.signal ? { signal: run.signal } : {}),
    ...(run.packetWorker ? { makePacket: packetInWorker(run.packetWorker, identity) } : {}),
  });
  return { ...packet, savedTo: out };
}

export function listPacketsCall(ws: Workspace, a: ParsedArgs<'packets.list'>): CallResult<'packets.list'> {
  return listPackets(ws.reader, a.sessionId);
}

export function verifyPacketCall(session: WorkspaceSession, a: ParsedArgs<'packets.verify'>): CallResult<'packets.verify'> {
  const file = path.resolve(a.path);
  const pdf = readPacketFile(file, 'path', `There is no file at ${file}.`);
  const trusted = session.identities.trustedCas();
  if (a.trustedCa !== undefined) {
    const caFile = path.resolve(a.trustedCa);
    trusted.push({ pem: readKeyFile(caFile, 'trustedCa', `There is no CA certificate at ${a.trustedCa}.`).toString('utf8'), name: path.basename(caFile) });
  }
  return reportView(verifyPacket(pdf, { trusted }), path.basename(file), session.workspace);
}

/**
 * A member's countersignature from the app: the identity must be one this user created or
 * added; the file written is checked as packets.verify checks it, with the same trust.
 */
export async function countersignPacketCall(session: WorkspaceSession, a: ParsedArgs<'packets.countersign'>): Promise<CallResult<'packets.countersign'>> {
  const entry = session.identities.find(a.identity);
  if (!entry) throw new UserError('not_found', 'This signing identity is not known here; create it or open its .p12 first.', 'identity');
  const file = path.resolve(a.path);
  const out = path.resolve(a.out);
  const pdf = readPacketFile(file, 'path', `There is no file at ${file}.`);
  checkCountersignOutput(file, out);
  const identity = readIdentity(entry.path, a.passphrase);
  const signed = await countersignPacket(pdf, identity, { signedAt: session.clock.now(), fileName: path.basename(file), trusted: session.identities.trustedCas() });
  writeCountersigned(out, signed.pdf);
  return reportView(signed.report, path.basename(out), session.workspace);
}

type RecordShape = {
  packetId?: string;
  cycle?: { id?: string };
  session?: { session?: { id?: string; number?: number; title?: string }; attendees?: { name?: unknown; role?: unknown; voting?: unknown; email?: unknown }[] };
  items?: unknown[];
} | null;

/** An attendee's e-mail, for attendees picked from a roster that records one. */
const emailOf = (m: object): string | null => ('email' in m && typeof m.email === 'string' && m.email !== '' ? m.email : null);

/**
 * The voting members of the packet's session against its signatures: the open workspace's
 * session when the packet is of the open cycle (its attendance as it stands), else the
 * attendance the signed record states.
 */
function membersOf(r: PacketReport, record: RecordShape, openCycleId: string | null, ws: Workspace | null): CallResult<'packets.verify'>['members'] {
  const session = record?.session?.session;
  if (!session || typeof session.id !== 'string') return null;
  let attendees: VotingMember[] | null = null;
  let source: 'workspace' | 'packet' = 'packet';
  if (ws && openCycleId !== null && r.cycle?.id === openCycleId) {
    try {
      attendees = getSessionDetail(ws, { sessionId: session.id })
        .attendees.filter((m) => m.voting)
        .map((m) => ({ name: m.name, role: m.role, email: emailOf(m) }));
      source = 'workspace';
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
    }
  }
  attendees ??= (Array.isArray(record?.session?.attendees) ? record.session.attendees : []).flatMap((m) =>
    m.voting === true && typeof m.name === 'string' ? [{ name: m.name, role: typeof m.role === 'string' ? m.role : '', email: emailOf(m) }] : [],
  );
  const signatures = r.signatures.map((s, i) => ({ position: i + 1, name: s.signer?.name ?? null, email: s.signer?.email ?? null, signedAt: s.signedAt, trustedBy: s.trustedBy }));
  const matched = memberSignatures(attendees, signatures);
  return {
    source,
    session: `${session.number ?? '?'}: ${session.title ?? ''}`,
    signed: matched.signed.map((m) => ({ name: m.name, role: m.role, signature: m.signature.position, signedAt: m.signature.signedAt, trustedBy: m.signature.trustedBy })),
    notSigned: matched.notSigned.map((m) => ({ name: m.name, role: m.role })),
    others: matched.others.map((s) => ({ signature: s.position, signer: s.name, signedAt: s.signedAt })),
  };
}

/**
 * The app's view of a packet's check: the CAs it trusts are those of the identities this
 * user created or added (and the CA file named, if any), so a packet signed under a CA made
 * elsewhere with the board's names is "signature intact, signer not trusted". The cycle the
 * record names is compared with the open one, so a packet of another cycle is named as such.
 */
function reportView(r: PacketReport, file: string, ws: Workspace | null): CallResult<'packets.verify'> {
  const record = r.record as RecordShape;
  const openCycle = ws ? readCycle(ws.reader) : undefined;
  return {
    ok: r.ok,
    verdict: r.verdict,
    trustedBy: r.trustedBy,
    signatures: r.signatures.map((s) => ({
      signer: s.signer?.name ?? null,
      signedAt: s.signedAt,
      trustedBy: s.trustedBy,
      email: s.signer?.email ?? null,
      fingerprintDisplay: s.signer?.fingerprintDisplay ?? null,
    })),
    cycle: r.cycle && { ...r.cycle, isOpenCycle: openCycle ? openCycle.id === r.cycle.id : null },
    file,
    bytes: r.bytes,
    signedAt: r.signedAt,
    subFilter: r.subFilter,
    signer: r.signer,
    checks: r.checks,
    record:
      record && typeof record.packetId === 'string'
        ? { packetId: record.packetId, session: `${record.session?.session?.number ?? '?'}: ${record.session?.session?.title ?? ''}`, items: Array.isArray(record.items) ? record.items.length : 0 }
        : null,
    members: membersOf(r, record, openCycle?.id ?? null, ws),
  };
}
