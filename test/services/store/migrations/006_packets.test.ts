import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../../electron/services/store/migrations';
import { tempDir } from '../../../helpers/tempDir';

describe('migration 006 (packets)', () => {
  it('records a packet only for an existing session, with a full SHA-256 and signer fingerprint', () => {
    const db = new Database(path.join(tempDir(), 'm.sqlite'));
    db.pragma('foreign_keys = ON');
    db.exec(migrations.map((m) => m.sql).join('\n'));
    const insert = db.prepare(
      "INSERT INTO packets VALUES ('p1', ?, ?, 100, 3, ?, 'head', 'Ann', ?, '2026-09-16T10:00:00.000Z', 'packet.pdf', 'ann')",
    );
    expect(() => insert.run('no-such-session', 'a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64))).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => insert.run('no-such-session', 'short', 'b'.repeat(64), 'c'.repeat(64))).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
