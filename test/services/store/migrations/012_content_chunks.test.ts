import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../electron/services/store/migrations';
import { migration012 } from '../../../../electron/services/store/migrations/012_content_chunks';
import { newWorkspace } from '../../../helpers/workspaces';

describe('migration 012 (content chunks)', () => {
  it('is version 12 at position 12', () => {
    expect(migration012.version).toBe(12);
    expect(migrations[11]).toBe(migration012);
  });

  it('keeps a chunk to a stored content and to one place in it', () => {
    const { ws } = newWorkspace();
    expect(() =>
      ws.transaction((tx) => {
        tx.db.prepare("INSERT INTO blob_chunks (sha256, seq, data) VALUES ('ab', 0, X'00')").run();
      }),
    ).toThrow(/FOREIGN KEY constraint failed/);
    expect(() =>
      ws.transaction((tx) => {
        tx.db.prepare("INSERT INTO blobs (sha256, bytes, data) VALUES ('ab', 2, X'')").run();
        tx.db.prepare("INSERT INTO blob_chunks (sha256, seq, data) VALUES ('ab', 0, X'00')").run();
        tx.db.prepare("INSERT INTO blob_chunks (sha256, seq, data) VALUES ('ab', 0, X'01')").run();
      }),
    ).toThrow(/UNIQUE constraint failed/);
    expect(ws.reader.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(0);
    ws.close();
  });
});
