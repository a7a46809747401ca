import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_BUNDLE } from '../helpers/exampleBundle';
import { runMrb } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

describe('mrb audit verify --full', () => {
  it('re-hashes the stored files: a file replaced under its hash key passes the default pass and fails the full one', () => {
    const file = path.join(tempDir(), 'q3.mrb');
    expect(runMrb(['init', file, '--name', 'Q3']).code).toBe(0);
    expect(runMrb(['import', file, EXAMPLE_BUNDLE]).code).toBe(1);
    expect(runMrb(['audit', 'verify', file, '--full'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/Audit chain holds: \d+ events.*\nEvery stored bundle file was re-hashed\./) });

    const db = new Database(file);
    const blob = db.prepare("SELECT c.sha256, c.data FROM blob_chunks c JOIN bundle_files f ON f.sha256 = c.sha256 WHERE f.path = 'predictions.csv' AND c.seq = 0").get() as {
      sha256: string;
      data: Buffer;
    };
    const forged = Buffer.from(blob.data);
    forged[forged.length - 2] = forged[forged.length - 2] === 0x30 ? 0x31 : 0x30;
    db.prepare('UPDATE blob_chunks SET data = ? WHERE sha256 = ? AND seq = 0').run(forged, blob.sha256);
    db.close();

    const quick = runMrb(['audit', 'verify', file]);
    expect(quick.code).toBe(0);
    expect(quick.stdout).toMatch(/Stored bundle files were checked for presence and size; --full re-hashes them\./);
    const full = runMrb(['audit', 'verify', file, '--full']);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/^Audit chain broken at event #\d+: The stored content of predictions\.csv in bundle [0-9a-f]{12} was replaced behind the app: its SHA-256 is [0-9a-f]{12}…, not the [0-9a-f]{12}… it is stored under\.\n$/);
  });

  it('says in its help and in info which pass re-hashes the stored files', () => {
    expect(runMrb(['audit', 'verify', '--help']).stdout).toMatch(/--full\s+also re-hash every stored bundle file/);
    const file = path.join(tempDir(), 'q3.mrb');
    expect(runMrb(['init', file, '--name', 'Q3']).code).toBe(0);
    expect(runMrb(['info', file]).stdout).toMatch(/Audit\s+chain holds, 2 events, head [0-9a-f]{64} \(stored files checked by size; mrb audit verify --full re-hashes them\)/);
    expect(runMrb(['info', '--help']).stdout).toMatch(/mrb audit verify --full does that/);
  });
});
