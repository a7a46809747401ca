import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../electron/services/bundles/bundleReader';
import { BundleCopy, craftZip } from '../../helpers/bundleCopies';
import { MRB, runMrb } from '../../helpers/runMrb';
import { tempDir } from '../../helpers/tempDir';
import { fingerprint } from '../../helpers/workspaces';

/**
 * Inputs built to exhaust memory: a zip bomb, a giant cell, a row without end, a header
 * of 20,000 columns. Each is written on the fly, streamed (never held whole here), and
 * each is refused quickly with a sentence naming the file, entry or row and the limit,
 * or read whole when it is honest.
 */

const MiB = 1024 * 1024;

/** The bundle folder zipped, plus one entry of `zeros` zero bytes written in 1 MiB pieces (zip64). */
function zipWithZeros(copy: BundleCopy, target: string, zeros: number): string {
  const script = `import os, sys, zipfile
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for name in sorted(os.listdir(src)):
        z.write(os.path.join(src, name), name)
    info = zipfile.ZipInfo('evidence/zeros.bin')
    info.compress_type = zipfile.ZIP_DEFLATED
    piece = bytes(1 << 20)
    with z.open(info, 'w', force_zip64=True) as f:
        while n > 0:
            f.write(piece[:min(n, len(piece))])
            n -= len(piece)`;
  execFileSync('python3', ['-c', script, copy.dir, target, String(zeros)]);
  return target;
}

/** Appends one predictions row whose `sex` cell is `cellBytes` long, written in pieces, and rehashes. */
function withGiantCell(copy: BundleCopy, cellBytes: number): BundleCopy {
  const file = path.join(copy.dir, 'predictions.csv');
  const fd = fs.openSync(file, 'a');
  fs.writeSync(fd, '0,0.5,');
  const piece = Buffer.alloc(MiB, 'F');
  for (let left = cellBytes; left > 0; left -= piece.length) fs.writeSync(fd, piece, 0, Math.min(left, piece.length));
  fs.writeSync(fd, ',18-30\n');
  fs.closeSync(fd);
  return streamedRehash(copy, 'predictions.csv');
}

function streamedRehash(copy: BundleCopy, name: string): BundleCopy {
  const file = path.join(copy.dir, name);
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(4 * MiB);
  for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) hash.update(buf.subarray(0, n));
  fs.closeSync(fd);
  return copy.editManifest((m) => {
    const entry = m.files.find((f) => f.path === name)!;
    entry.sha256 = hash.digest('hex');
    entry.bytes = fs.statSync(file).size;
  });
}

/** Runs the built CLI and reports its exit code, output, peak memory (maxRSS) and time. */
function measuredMrb(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string; peakMiB: number; seconds: number } {
  const dir = tempDir();
  const probe = path.join(dir, 'probe.cjs');
  const out = path.join(dir, 'rss');
  fs.writeFileSync(probe, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--require', probe, MRB, ...args], { encoding: 'utf8', maxBuffer: 256 * MiB, env: { ...process.env, ...env } });
  const seconds = (Date.now() - started) / 1000;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, peakMiB: Number(fs.readFileSync(out, 'utf8')) / 1024, seconds };
}

/**
 * `mrb import` of `bundle` into a new cycle, measured: the refusal must leave the cycle's
 * file byte for byte as it was and no spool in the temp folder (TMPDIR, one of its own).
 */
function measuredImport(bundle: string): ReturnType<typeof measuredMrb> & { unchanged: boolean; spoolsLeft: string[] } {
  const dir = tempDir();
  const ws = path.join(dir, 'q3.mrb');
  expect(runMrb(['init', ws, '--name', 'Q3']).code).toBe(0);
  const before = fingerprint(ws);
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  const r = measuredMrb(['import', ws, bundle], { TMPDIR: tmp });
  return { ...r, unchanged: fingerprint(ws) === before, spoolsLeft: fs.readdirSync(tmp) };
}

/** What `mrb import` says of a refused bundle: its one sentence, after the bundle's name. */
function importRefusal(bundle: string, message: string): string {
  return `mrb import: ${bundle} refused: ${message}\n`;
}

describe('inputs built to exhaust memory', () => {
  it('a 0.9 GB entry inside a 1 MB zip is refused from the central directory, quickly and in little memory', { timeout: 120_000 }, () => {
    const copy = new BundleCopy();
    const zip = zipWithZeros(copy, path.join(path.dirname(copy.dir), 'bomb.zip'), 900_000_000);
    expect(fs.statSync(zip).size).toBeLessThan(MiB);
    const r = measuredMrb(['validate', zip]);
    expect(r.stderr).toMatch(/^mrb validate: bomb\.zip: the entry "evidence\/zeros\.bin" would unpack to 858\.3 MiB; a bundle file may be at most 512\.0 MiB\. The archive is refused\.\n$/);
    expect(r.code).toBe(2);
    expect(r.seconds).toBeLessThan(10);
    expect(r.peakMiB).toBeLessThan(200);
    console.info(`0.9 GB-entry zip: refused in ${r.seconds.toFixed(2)} s, peak RSS ${r.peakMiB.toFixed(0)} MiB`);

    const imported = measuredImport(zip);
    expect(imported.stderr).toBe(importRefusal(zip, 'bomb.zip: the entry "evidence/zeros.bin" would unpack to 858.3 MiB; a bundle file may be at most 512.0 MiB. The archive is refused.'));
    expect(imported).toMatchObject({ code: 2, unchanged: true, spoolsLeft: [] });
    expect(imported.seconds).toBeLessThan(10);
    expect(imported.peakMiB).toBeLessThan(200);
  });

  it('a highly compressed entry under the size limit is refused by its compression ratio', async () => {
    const copy = new BundleCopy();
    const zip = zipWithZeros(copy, path.join(path.dirname(copy.dir), 'dense.zip'), 100 * MiB);
    await expect(readBundle(zip)).rejects.toMatchObject({
      code: 'bundle_refused',
      message: expect.stringMatching(/^dense\.zip: the entry "evidence\/zeros\.bin" would unpack to 100\.0 MiB from \d+\.\d KiB, \d+ times its size; at most 200 times is accepted\. The archive is refused\.$/),
    });
  });

  it('an entry that unpacks past the size its header declares is cut off there and refused', async () => {
    const copy = new BundleCopy();
    const zip = path.join(path.dirname(copy.dir), 'liar.zip');
    // 200 KiB of zeros whose headers say 1,000 bytes: under every limit, if the headers were true.
    const script = `import os, struct, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(src)):
        z.write(os.path.join(src, name), name)
    z.writestr('zeros.bin', bytes(200 * 1024))
data = bytearray(open(out, 'rb').read())
for sig, at in ((b'PK\\x01\\x02', 24), (b'PK\\x03\\x04', 22)):
    i = data.rfind(sig)
    while i >= 0:
        name_at = 46 if sig == b'PK\\x01\\x02' else 30
        if data[i + name_at:i + name_at + 9] == b'zeros.bin':
            struct.pack_into('<I', data, i + at, 1000)
            break
        i = data.rfind(sig, 0, i)
open(out, 'wb').write(data)`;
    execFileSync('python3', ['-c', script, copy.dir, zip]);
    await expect(readBundle(zip)).rejects.toMatchObject({
      message: 'liar.zip: the entry "zeros.bin" cannot be read (it unpacks to more than the 1000 bytes its header declares).',
    });
  });

  it('a folder bundle file over the size limit is refused before it is read', async () => {
    const copy = new BundleCopy();
    const big = path.join(copy.dir, 'evidence.bin');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 600 * MiB);
    await expect(readBundle(copy.dir)).rejects.toMatchObject({ message: 'evidence.bin is 600.0 MiB; a bundle file may be at most 512.0 MiB.' });
    const imported = measuredImport(copy.dir);
    expect(imported.stderr).toBe(importRefusal(copy.dir, 'evidence.bin is 600.0 MiB; a bundle file may be at most 512.0 MiB.'));
    expect(imported).toMatchObject({ code: 2, unchanged: true, spoolsLeft: [] });
    expect(imported.seconds).toBeLessThan(10);
  });

  it('a CSV cell of 128 MiB is refused at the cell limit, naming the row and column, in bounded memory', { timeout: 120_000 }, () => {
    const copy = withGiantCell(new BundleCopy(), 128 * MiB);
    const r = measuredMrb(['validate', copy.dir]);
    expect(r.stderr).toBe('mrb validate: predictions.csv row 401, column 3: a cell is longer than the limit of 1.0 MiB.\n');
    expect(r.code).toBe(2);
    expect(r.seconds).toBeLessThan(15);
    // The CSV is walked for its limits as it is read, so the giant cell is never held.
    expect(r.peakMiB).toBeLessThan(200);
    console.info(`128 MiB cell: refused in ${r.seconds.toFixed(2)} s, peak RSS ${r.peakMiB.toFixed(0)} MiB`);

    // An import spools what it reads, and drops it with the refusal.
    const imported = measuredImport(copy.dir);
    expect(imported.stderr).toBe(importRefusal(copy.dir, 'predictions.csv row 401, column 3: a cell is longer than the limit of 1.0 MiB.'));
    expect(imported).toMatchObject({ code: 2, unchanged: true, spoolsLeft: [] });
    expect(imported.seconds).toBeLessThan(15);
    expect(imported.peakMiB).toBeLessThan(200);
  });

  it('a 150 MiB line with no end is refused by mrb import at the cell limit, in bounded memory, the cycle unchanged', { timeout: 120_000 }, () => {
    const copy = new BundleCopy();
    const file = path.join(copy.dir, 'predictions.csv');
    fs.writeFileSync(file, 'y_true,y_score,sex,age_band\n0,0.5,F,');
    const fd = fs.openSync(file, 'a');
    const piece = Buffer.alloc(MiB, 'x');
    for (let i = 0; i < 150; i += 1) fs.writeSync(fd, piece);
    fs.closeSync(fd);
    streamedRehash(copy, 'predictions.csv');
    const imported = measuredImport(copy.dir);
    expect(imported.stderr).toBe(importRefusal(copy.dir, 'predictions.csv row 1, column 4: a cell is longer than the limit of 1.0 MiB.'));
    expect(imported).toMatchObject({ code: 2, unchanged: true, spoolsLeft: [] });
    expect(imported.seconds).toBeLessThan(15);
    expect(imported.peakMiB).toBeLessThan(200);
  });

  it('in a zip, a giant cell is refused while its entry is inflated, naming the file', async () => {
    // Random letters: a cell that compresses no better than real text, so no ratio limit stops it first.
    const copy = new BundleCopy();
    const cell = Buffer.alloc(3 * MiB);
    let seed = 42;
    for (let i = 0; i < cell.length; i += 1) {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      cell[i] = 97 + (seed >>> 16) % 26;
    }
    copy.writeFile('predictions.csv', Buffer.concat([fs.readFileSync(path.join(copy.dir, 'predictions.csv')), Buffer.from('0,0.5,'), cell, Buffer.from(',18-30\n')]));
    const zip = copy.zip(path.join(path.dirname(copy.dir), 'cell.zip'));
    await expect(readBundle(zip)).rejects.toMatchObject({
      message: 'predictions.csv row 401, column 3: a cell is longer than the limit of 1.0 MiB.',
    });
  });

  it('a row longer than the row limit is refused with its row number, cells each under the cell limit', async () => {
    const copy = new BundleCopy();
    const cells = Array.from({ length: 20 }, () => 'x'.repeat(MiB - 10));
    copy.editCsv('predictions.csv', (lines) => [...lines.slice(0, 6), `0,0.5,${cells.join(',')}`, ...lines.slice(6)]);
    await expect(readBundle(copy.dir)).rejects.toMatchObject({ message: 'predictions.csv row 6 is longer than the limit of 16.0 MiB for a row.' });
  });

  it('an unclosed quote running to the end of a large file is refused at the cell limit', async () => {
    const copy = new BundleCopy().editCsv('predictions.csv', (lines) => [...lines, `0,0.5,"F${'x'.repeat(2 * MiB)}`]);
    await expect(readBundle(copy.dir)).rejects.toMatchObject({
      message: 'predictions.csv row 401, column 3: a cell is longer than the limit of 1.0 MiB (or a quote is never closed).',
    });
  });
});

describe('files parsed whole have their own limits', () => {
  it('a bundle.json of 17 MiB is refused before it is parsed', async () => {
    const copy = new BundleCopy();
    const manifest = JSON.stringify(copy.manifest());
    copy.writeFile('bundle.json', `${manifest}${' '.repeat(17 * MiB)}`, false);
    await expect(readBundle(copy.dir)).rejects.toMatchObject({ message: 'bundle.json is 17.0 MiB; a manifest may be at most 16.0 MiB.' });
  });

  it('a lineage.json of 65 MiB is refused before it is parsed', async () => {
    const copy = new BundleCopy().writeFile('lineage.json', `[${'0,'.repeat(Math.ceil((65 * MiB) / 2))}0]`);
    await expect(readBundle(copy.dir)).rejects.toMatchObject({ message: 'lineage.json is 65.0 MiB; a JSON file of a bundle may be at most 64.0 MiB.' });
  });

  it('a Parquet text cell over the cell limit is refused with its row and column', async () => {
    const copy = new BundleCopy();
    const rows = 50;
    const sex = Array.from({ length: rows }, (_, i) => (i === 36 ? 'F'.repeat(2 * MiB) : i % 2 ? 'F' : 'M'));
    const data = parquetWriteBuffer({
      columnData: [
        { name: 'y_true', data: Array.from({ length: rows }, (_, i) => i % 2), type: 'DOUBLE' },
        { name: 'y_score', data: Array.from({ length: rows }, (_, i) => (i % 10) / 10), type: 'DOUBLE' },
        { name: 'sex', data: sex, type: 'STRING' },
        { name: 'age_band', data: Array.from({ length: rows }, () => '18-30'), type: 'STRING' },
      ],
    });
    copy.writeFile('predictions.parquet', Buffer.from(data), false);
    fs.rmSync(path.join(copy.dir, 'predictions.csv'));
    copy.editManifest((m) => (m.files[0]!.path = 'predictions.parquet')).rehash();
    await expect(readBundle(copy.dir)).rejects.toMatchObject({ message: 'predictions.parquet row 37: sex is longer than the limit of 1.0 MiB for a cell.' });
  });
});

describe('headers of any length', () => {
  const FEATURES = 20_000;
  const ROWS = 60;

  /**
   * Samples with 20,000 categorical features equal in reference and current, except column
   * 15,000 whose categories are all new.
   */
  function wideSamples(copy: BundleCopy): BundleCopy {
    const names = Array.from({ length: FEATURES }, (_, i) => `feature_${String(i + 1).padStart(5, '0')}`);
    const write = (file: string, shift: boolean) => {
      const fd = fs.openSync(path.join(copy.dir, file), 'w');
      fs.writeSync(fd, `${names.join(',')}\n`);
      for (let r = 0; r < ROWS; r += 1) {
        const row = names.map((_, i) => `${shift && i === 14_999 ? 'z' : 'c'}${r % 6}`);
        fs.writeSync(fd, `${row.join(',')}\n`);
      }
      fs.closeSync(fd);
    };
    write('reference.csv', false);
    write('current.csv', true);
    return copy.rehash();
  }

  it('a header of 20,000 columns (280 KB) is read whole: drift in column 15,000 is found and validate exits 1', { timeout: 120_000 }, () => {
    const copy = wideSamples(new BundleCopy());
    expect(fs.readFileSync(path.join(copy.dir, 'reference.csv'), 'utf8').indexOf('\n')).toBeGreaterThan(64 * 1024);
    const r = measuredMrb(['validate', copy.dir, '--json']);
    const report = JSON.parse(r.stdout) as { ok: boolean; findings: { message: string; evidence: { feature?: string; psi?: number } }[]; metrics: { drift: Record<string, unknown> } };
    expect(Object.keys(report.metrics.drift)).toHaveLength(FEATURES);
    const drifted = report.findings.filter((f) => f.message.includes('has drifted'));
    expect(drifted.map((f) => f.evidence.feature)).toEqual(['feature_15000']);
    expect(drifted[0]!.evidence.psi).toBeGreaterThan(5);
    expect(r.code).toBe(1);
  });

  it('a refusal about a 20,000-column header names a few columns and counts the rest', async () => {
    const copy = new BundleCopy();
    const header = Array.from({ length: FEATURES }, (_, i) => `c${i}`);
    copy.editCsv('predictions.csv', (lines) => [header.join(','), ...lines.slice(1).map(() => header.map(() => '1').join(','))]);
    const err = await readBundle(copy.dir).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toBe('predictions.csv: the required column "y_true" is missing (the header has "c0", "c1", "c2", "c3", "c4", "c5" and 19,994 more).');
  });

  it('a current sample lacking thousands of features names three and counts the rest', async () => {
    const copy = wideSamples(new BundleCopy());
    copy.editCsv('current.csv', (lines) => lines.map((l) => l.split(',').slice(0, 5_000).join(',')));
    await expect(readBundle(copy.dir)).rejects.toMatchObject({
      message: 'current.csv lacks the columns "feature_05001", "feature_05002", "feature_05003" and 14,997 more that reference.csv has; both samples need the same feature columns.',
    });
  });
});

describe('names from input in messages', () => {
  it('terminal escapes in a zip entry name are shown escaped, never sent to the terminal', () => {
    const dir = tempDir();
    const zip = craftZip(path.join(dir, 'evil.zip'), [
      { name: 'bundle.json', data: '{}' },
      { name: '../\u001b]0;pwned\u0007\u001b[2Jx', data: 'x' },
    ]);
    const r = measuredMrb(['validate', zip]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mrb validate: evil.zip: the entry "../\\x1b]0;pwned\\x07\\x1b[2Jx" climbs out of the bundle with ".."; the archive is refused.\n');
    expect([...r.stderr.trimEnd()].filter((c) => c.charCodeAt(0) < 0x20)).toEqual([]);
  });
});
