import type { Json } from './auditChain';
import type { ReadDb, WriteDb } from './handles';

export interface PacketRow {
  id: string;
  sessionId: string;
  sha256: string;
  bytes: number;
  pages: number;
  recordSha256: string;
  chainHead: string;
  signerName: string;
  signerFingerprint: string;
  signedAt: string;
  fileName: string;
  exportedBy: string;
}

const COLUMNS = `id, session_id AS sessionId, sha256, bytes, pages, record_sha256 AS recordSha256, chain_head AS chainHead, signer_name AS signerName,
  signer_fingerprint AS signerFingerprint, signed_at AS signedAt, file_name AS fileName, exported_by AS exportedBy`;

export function insertPacket(db: WriteDb, p: PacketRow): void {
  db.prepare(
    `INSERT INTO packets (id, session_id, sha256, bytes, pages, record_sha256, chain_head, signer_name, signer_fingerprint, signed_at, file_name, exported_by)
     VALUES (@id, @sessionId, @sha256, @bytes, @pages, @recordSha256, @chainHead, @signerName, @signerFingerprint, @signedAt, @fileName, @exportedBy)`,
  ).run(p);
}

export function listPackets(db: ReadDb, sessionId?: string): PacketRow[] {
  return (
    sessionId === undefined
      ? db.prepare(`SELECT ${COLUMNS} FROM packets ORDER BY signed_at DESC, id`).all()
      : db.prepare(`SELECT ${COLUMNS} FROM packets WHERE session_id = ? ORDER BY signed_at DESC, id`).all(sessionId)
  ) as PacketRow[];
}

export function packetImage(p: PacketRow): Json {
  return { ...p };
}

export function allPacketImages(db: ReadDb): Map<string, Json> {
  return new Map(listPackets(db).map((p) => [p.id, packetImage(p)]));
}
