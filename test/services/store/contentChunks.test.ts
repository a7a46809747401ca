import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareImport } from '../../../electron/services/bundles/prepareImport';
import { storeImport } from '../../../electron/services/bundles/importService';
import { startNextCycle } from '../../../electron/services/cycles/nextCycle';
import { bundleFile, storedContent, storedPieces } from '../../../electron/services/store/bundleTable';
import { SCHEMA_VERSION } from '../../../electron/services/store/migrations';
import { Workspace } from '../../../electron/services/store/workspace';
import { BundleCopy } from '../../helpers/bundleCopies';
import { lowerSchema } from '../../helpers/olderSchema';
import { tempDir } from '../../helpers/tempDir';
import { fingerprint, newWorkspace } from '../../helpers/workspaces';

/**
 * Stored files are kept in chunks of at most 1 MiB (issue 14): an import writes them from
 * its spool as the bytes streamed through, and every reader walks them. Workspaces made
 * before keep their contents inline, and both read alike.
 */

const MiB = 1024 * 1024;

/** The example bundle with predictions padded by a note column to about `mib` MiB, rehashed. */
function bigPredictions(mib: number): BundleCopy {
  const copy = new BundleCopy();
  const lines = fs.readFileSync(path.join(copy.dir, 'predictions.csv'), 'utf8').trimEnd().split('\n');
  const [header, ...rows] = lines;
  const note = 'n'.repeat(1000);
  const out = [`${header},note`];
  for (let i = 0; out.length * 1000 < mib * MiB; i += 1) out.push(`${rows[i % rows.length]},${note}`);
  copy.writeFile('predictions.csv', `${out.join('\n')}\n`);
  return copy;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}


describe('stored contents in chunks', () => {
  it('an imported file lands in chunks of at most 1 MiB, none inline, and reads back byte for byte', async () => {
    const { ws } = newWorkspace();
    const copy = bigPredictions(2.5);
    const spoolRoot = tempDir();
    const outcome = storeImport(ws, await prepareImport(copy.dir, { tolerance: 0.01, spoolRoot }));
    expect(outcome.status).toBe('imported');
    expect(fs.readdirSync(spoolRoot)).toEqual([]);

    const original = fs.readFileSync(path.join(copy.dir, 'predictions.csv'));
    const file = bundleFile(ws.reader, outcome.sha256, 'predictions.csv')!;
    expect(file.bytes).toBe(original.length);
    const chunks = ws.reader.prepare('SELECT seq, length(data) AS n FROM blob_chunks WHERE sha256 = ? ORDER BY seq').all(file.sha256) as { seq: number; n: number }[];
    expect(chunks.length).toBe(Math.ceil(original.length / MiB));
    expect(chunks.every((c, i) => c.seq === i && c.n <= MiB)).toBe(true);
    expect(ws.reader.prepare('SELECT sum(length(data)) FROM blobs').pluck().get()).toBe(0);
    expect(Buffer.concat([...storedPieces(ws.reader, file.sha256)]).equals(original)).toBe(true);
    expect(sha256(storedContent(ws.reader, file.sha256))).toBe(file.sha256);
    expect(ws.verifyAudit('full', { rehashFiles: true }).problem).toBeNull();
    ws.close();
  });

  it('a bundle refused while it streams leaves the workspace unchanged and no spool behind', async () => {
    const { ws, file } = newWorkspace();
    const spoolRoot = tempDir();
    const copy = bigPredictions(1.5).editCsv('predictions.csv', (lines) => [...lines.slice(0, 900), lines[900]!.replace(/^[01],/, '7,'), ...lines.slice(901)]);
    const before = fingerprint(file);
    await expect(prepareImport(copy.dir, { tolerance: 0.01, spoolRoot })).rejects.toMatchObject({ message: expect.stringMatching(/^predictions\.csv row 900: y_true is 7, expected 0 or 1\.$/) });
    expect(fs.readdirSync(spoolRoot)).toEqual([]);
    expect(fingerprint(file)).toBe(before);
    ws.close();
  });

  it('the same file brought again by another bundle is stored once', async () => {
    const { ws } = newWorkspace();
    const first = new BundleCopy();
    const second = new BundleCopy().editManifest((m) => {
      (m.model as { version: string }).version = '2.0.0';
    });
    storeImport(ws, await prepareImport(first.dir, { tolerance: 0.01 }));
    storeImport(ws, await prepareImport(second.dir, { tolerance: 0.01 }));
    const bundles = ws.reader.prepare('SELECT count(*) FROM bundles').pluck().get();
    const shared = ws.reader.prepare('SELECT count(*) FROM blob_chunks WHERE sha256 IN (SELECT sha256 FROM bundle_files WHERE path = ?)').pluck().get('predictions.csv');
    expect(bundles).toBe(2);
    expect(shared).toBe(1);
    ws.close();
  });
});

describe('what an import may hold and what it streams', () => {
  it('a CSV data file past the file limit is imported, stored as it streams; a file held whole to be parsed keeps the limit', async () => {
    const limits = { maxFileBytes: 4_000 };
    const { ws } = newWorkspace();
    const outcome = storeImport(ws, await prepareImport(new BundleCopy().dir, { tolerance: 0.01, limits }));
    expect(bundleFile(ws.reader, outcome.sha256, 'current.csv')!.bytes).toBeGreaterThan(4_000);
    const padded = new BundleCopy().writeFile('lineage.json', JSON.stringify([{ padding: 'x'.repeat(5_100) }]));
    await expect(prepareImport(padded.dir, { tolerance: 0.01, limits })).rejects.toMatchObject({ message: 'lineage.json is 5.0 KiB; a bundle file may be at most 3.9 KiB.' });
    ws.close();
  });
});

describe('a workspace made before chunks (schema 11)', () => {
  /** A cycle with one bundle, lowered to schema 11: its contents inline in blobs.data, as older builds wrote them. */
  async function olderCycle(): Promise<{ file: string; bundle: string; predictions: Buffer }> {
    const { ws, file } = newWorkspace();
    const copy = bigPredictions(1.5);
    const bundle = storeImport(ws, await prepareImport(copy.dir, { tolerance: 0.01 })).sha256;
    ws.close();
    lowerSchema(file, 11);
    return { file, bundle, predictions: fs.readFileSync(path.join(copy.dir, 'predictions.csv')) };
  }

  it('opens read-only without chunks and reads its inline contents; upgraded, it reads and re-hashes them as before', async () => {
    const { file, bundle, predictions } = await olderCycle();
    const old = Workspace.open(file, { readonly: true });
    expect(old.schemaVersion).toBe(11);
    const sha = bundleFile(old.reader, bundle, 'predictions.csv')!.sha256;
    expect(storedContent(old.reader, sha).equals(predictions)).toBe(true);
    expect(old.verifyAudit('full', { rehashFiles: true }).problem).toBeNull();
    old.close();

    const upgraded = Workspace.open(file, { actor: 't' });
    expect(upgraded.schemaVersion).toBe(SCHEMA_VERSION);
    expect(upgraded.reader.prepare('SELECT count(*) FROM blob_chunks').pluck().get()).toBe(0);
    expect(storedContent(upgraded.reader, sha).equals(predictions)).toBe(true);
    expect(upgraded.verifyAudit('full', { rehashFiles: true }).problem).toBeNull();

    // A second bundle beside it is stored in chunks; an inline content edited behind the app is still seen.
    const v2 = new BundleCopy().editManifest((m) => {
      (m.model as { version: string }).version = '2.0.0';
    });
    storeImport(upgraded, await prepareImport(v2.dir, { tolerance: 0.01 }));
    expect(upgraded.verifyAudit('full', { rehashFiles: true }).problem).toBeNull();
    upgraded.close();
  });

  it('cycle next carries inline and chunked contents alike, into chunks', async () => {
    const { file, bundle, predictions } = await olderCycle();
    const q3 = Workspace.open(file, { actor: 't' });
    const next = path.join(path.dirname(file), 'q4.mrb');
    startNextCycle(q3, { path: next, name: 'Q4 2026', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
    q3.close();
    const q4 = Workspace.open(next, { readonly: true });
    const carried = bundleFile(q4.reader, bundle, 'predictions.csv')!;
    expect(storedContent(q4.reader, carried.sha256).equals(predictions)).toBe(true);
    expect(q4.reader.prepare('SELECT count(*) FROM blob_chunks WHERE sha256 = ?').pluck().get(carried.sha256)).toBe(Math.ceil(predictions.length / MiB));
    expect(q4.verifyAudit('full', { rehashFiles: true }).problem).toBeNull();
    q4.close();
  });
});

describe('the import spool', () => {
  it('goes to a folder of its own in the system temp folder by default, named for the process, and is removed with it once stored', async () => {
    const { ws } = newWorkspace();
    const prepared = await prepareImport(new BundleCopy().dir, { tolerance: 0.01 });
    const folder = path.dirname(prepared.spool);
    expect(path.dirname(folder)).toBe(os.tmpdir());
    expect(path.basename(folder)).toMatch(new RegExp(`^mrb-spool-${process.pid}-`));
    expect(fs.existsSync(prepared.spool)).toBe(true);
    storeImport(ws, prepared);
    expect(fs.existsSync(folder)).toBe(false);
    ws.close();
  });
});
