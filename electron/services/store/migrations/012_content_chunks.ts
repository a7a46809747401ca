/**
 * A stored file's content in chunks of about 1 MiB (issue 14): an import writes them as the
 * file streams through, and every reader walks them, so no file is ever held whole. A
 * content is its `blobs` row's inline `data` followed by its chunks in `seq` order: contents
 * stored before this version are inline with no chunks, new ones have empty inline data.
 * Older contents are read as they are rather than rewritten here: copying every file in the
 * upgrade's one transaction would hold each whole (SQLite reads a BLOB value whole) and
 * double the file for as long as it runs.
 */
export const migration012 = {
  version: 12,
  name: 'content_chunks',
  sql: `
CREATE TABLE blob_chunks (
  sha256  TEXT NOT NULL REFERENCES blobs(sha256),
  seq     INTEGER NOT NULL CHECK (seq >= 0),
  data    BLOB NOT NULL,
  PRIMARY KEY (sha256, seq)
) STRICT;
`,
};
