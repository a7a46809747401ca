/**
 * Exported decision packets: which session, the signed file's SHA-256, size and pages,
 * the signer's certificate fingerprint and the moment of signing. The PDF itself lives
 * where the chair saved it; this record is what proves which bytes were issued.
 */
export const migration006 = {
  version: 6,
  name: 'packets',
  sql: `
CREATE TABLE packets (
  id                  TEXT PRIMARY KEY,
  session_id          TEXT NOT NULL REFERENCES sessions(id),
  sha256              TEXT NOT NULL CHECK (length(sha256) = 64),
  bytes               INTEGER NOT NULL CHECK (bytes > 0),
  pages               INTEGER NOT NULL CHECK (pages > 0),
  record_sha256       TEXT NOT NULL CHECK (length(record_sha256) = 64),
  chain_head          TEXT NOT NULL,
  signer_name         TEXT NOT NULL,
  signer_fingerprint  TEXT NOT NULL CHECK (length(signer_fingerprint) = 64),
  signed_at           TEXT NOT NULL,
  file_name           TEXT NOT NULL,
  exported_by         TEXT NOT NULL
) STRICT;
CREATE INDEX packets_session ON packets (session_id, signed_at);
`,
} as const;
