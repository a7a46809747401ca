import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readBundle, type Predictions } from '../../../electron/services/bundles/bundleReader';
import { storeImport } from '../../../electron/services/bundles/importService';
import { prepareImport } from '../../../electron/services/bundles/prepareImport';
import { bundleFile, storedContent } from '../../../electron/services/store/bundleTable';
import { BundleCopy } from '../../helpers/bundleCopies';
import { MRB } from '../../helpers/runMrb';
import { fingerprint, newWorkspace } from '../../helpers/workspaces';
import { tempDir } from '../../helpers/tempDir';

/** The example bundle's predictions, row by row, to be written as part files. */
interface Row {
  y_true: number;
  y_score: number;
  sex: string;
  age_band: string;
}

function exampleRows(copy: BundleCopy): Row[] {
  const [, ...lines] = fs.readFileSync(path.join(copy.dir, 'predictions.csv'), 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [y, s, sex, age] = line.split(',') as [string, string, string, string];
    return { y_true: Number(y), y_score: Number(s), sex, age_band: age };
  });
}

function part(rows: Row[], columns: (keyof Row)[] = ['y_true', 'y_score', 'sex', 'age_band']): Buffer {
  return Buffer.from(
    parquetWriteBuffer({
      columnData: columns.map((name) =>
        name === 'y_true' || name === 'y_score'
          ? { name, data: rows.map((r) => r[name]), type: 'DOUBLE' as const }
          : { name, data: rows.map((r) => r[name]), type: 'STRING' as const },
      ),
    }),
  );
}

/** Replaces predictions.csv by the given part files, each listed with role predictions. */
function withParts(copy: BundleCopy, parts: [string, Buffer][]): BundleCopy {
  fs.rmSync(path.join(copy.dir, 'predictions.csv'));
  for (const [name, data] of parts) {
    fs.mkdirSync(path.dirname(path.join(copy.dir, name)), { recursive: true });
    fs.writeFileSync(path.join(copy.dir, name), data);
  }
  return copy
    .editManifest((m) => {
      const others = m.files.filter((f) => f.role !== 'predictions');
      m.files = [...parts.map(([name]) => ({ path: name, role: 'predictions' as const, sha256: '0'.repeat(64), bytes: 0 })), ...others];
    })
    .rehash();
}

function decoded(p: Predictions): Row[] {
  const sex = p.groups.get('sex')!;
  const age = p.groups.get('age_band')!;
  return Array.from({ length: p.rows }, (_, i) => ({
    y_true: p.yTrue[i] as number,
    y_score: p.yScore[i] as number,
    sex: sex.values[sex.codes[i] as number] as string,
    age_band: age.values[age.codes[i] as number] as string,
  }));
}

/** `mrb validate --json` as its own process, with its peak memory (maxRSS). */
function peakOfValidate(target: string): { stdout: string; stderr: string; peakMiB: number } {
  const dir = tempDir();
  const probe = path.join(dir, 'probe.cjs');
  const out = path.join(dir, 'rss');
  fs.writeFileSync(probe, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));`);
  const r = spawnSync(process.execPath, ['--require', probe, MRB, 'validate', target, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 ** 2 });
  return { stdout: r.stdout, stderr: r.stderr, peakMiB: Number(fs.readFileSync(out, 'utf8')) / 1024 };
}

const byContent = (a: Row, b: Row) => JSON.stringify(a).localeCompare(JSON.stringify(b));

describe('predictions as Parquet part files', () => {
  it('three parts read in the manifest order give the rows of the single CSV, each part listed with its hash', async () => {
    const csv = await readBundle(new BundleCopy().dir);
    const copy = new BundleCopy();
    const rows = exampleRows(copy);
    withParts(copy, [
      ['predictions/part-00000-a1.snappy.parquet', part(rows.slice(0, 150))],
      ['predictions/part-00001-a1.snappy.parquet', part(rows.slice(150, 151))],
      ['predictions/part-00002-a1.snappy.parquet', part(rows.slice(151))],
    ]);
    const bundle = await readBundle(copy.dir);
    const p = bundle.predictions!;
    expect(p.file).toBe('predictions/');
    expect(p.rows).toBe(400);
    expect([...p.yTrue]).toEqual([...csv.predictions!.yTrue]);
    expect([...p.yScore]).toEqual([...csv.predictions!.yScore]);
    expect(decoded(p)).toEqual(decoded(csv.predictions!));
    const listed = bundle.files.filter((f) => f.role === 'predictions');
    expect(listed.map((f) => f.path)).toEqual(['predictions/part-00000-a1.snappy.parquet', 'predictions/part-00001-a1.snappy.parquet', 'predictions/part-00002-a1.snappy.parquet']);
    expect(listed.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
  });

  it('Hive-style sex=F/ and sex=M/ folders give the sex column its value for every row of their parts', async () => {
    const copy = new BundleCopy();
    const rows = exampleRows(copy);
    const of = (sex: string) => rows.filter((r) => r.sex === sex);
    withParts(copy, [
      ['predictions/sex=F/part-00000.parquet', part(of('F').slice(0, 50), ['y_true', 'y_score', 'age_band'])],
      ['predictions/sex=F/part-00001.parquet', part(of('F').slice(50), ['y_true', 'y_score', 'age_band'])],
      ['predictions/sex=M/part-00000.parquet', part(of('M'), ['y_true', 'y_score', 'age_band'])],
    ]);
    const p = (await readBundle(copy.dir)).predictions!;
    expect(p.file).toBe('predictions/');
    expect(decoded(p).sort(byContent)).toEqual([...rows].sort(byContent));
    expect(p.groups.get('sex')!.values).toEqual(['F', 'M']);
  });

  it('parts in partition folders read the same from a zip of the bundle folder', async () => {
    const copy = new BundleCopy();
    const rows = exampleRows(copy);
    const of = (sex: string) => rows.filter((r) => r.sex === sex);
    withParts(copy, [
      ['predictions/sex=F/part-00000.parquet', part(of('F'), ['y_true', 'y_score', 'age_band'])],
      ['predictions/sex=M/part-00000.parquet', part(of('M'), ['y_true', 'y_score', 'age_band'])],
    ]);
    const zip = path.join(tempDir('mrb-parts-zip-'), 'bundle.zip');
    // The folder itself as the zip's single top entry, subfolders and all, as a zip tool writes it.
    const script = `import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for folder, _, names in os.walk(src):
        for name in sorted(names):
            full = os.path.join(folder, name)
            z.write(full, 'credit-default-scorer/' + os.path.relpath(full, src))`;
    execFileSync('python3', ['-c', script, copy.dir, zip]);
    const fromZip = (await readBundle(zip)).predictions!;
    const fromFolder = (await readBundle(copy.dir)).predictions!;
    expect(fromZip.rows).toBe(400);
    expect(decoded(fromZip)).toEqual(decoded(fromFolder));
  });

  it('a bad cell is refused naming its part and its row in that part', async () => {
    const copy = new BundleCopy();
    const rows = exampleRows(copy);
    const second = rows.slice(200).map((r, i) => (i === 4 ? { ...r, y_score: 1.5 } : r));
    withParts(copy, [
      ['out/part-00000.parquet', part(rows.slice(0, 200))],
      ['out/part-00001.parquet', part(second)],
    ]);
    await expect(readBundle(copy.dir)).rejects.toMatchObject({ message: 'out/part-00001.parquet row 5: y_score is 1.5, expected a probability in [0, 1].' });
  });

  it('a partition folder whose value is not a label is refused naming the part', async () => {
    const copy = new BundleCopy();
    const rows = exampleRows(copy);
    withParts(copy, [
      ['p/sex=F/part-0.parquet', part(rows.slice(0, 10), ['y_true', 'y_score', 'age_band'])],
      ['p/sex=__HIVE_DEFAULT_PARTITION__/part-0.parquet', part(rows.slice(10, 20), ['y_true', 'y_score', 'age_band'])],
    ]);
    await expect(readBundle(copy.dir)).rejects.toMatchObject({ message: 'p/sex=__HIVE_DEFAULT_PARTITION__/part-0.parquet: sex is empty in its partition folder.' });
  });

  it('an import stores each part as it is read in turn, and a part changed after the manifest is named though the parts before it were read', async () => {
    const copy = new BundleCopy();
    const rows = exampleRows(copy);
    withParts(copy, [
      ['out/part-00000.parquet', part(rows.slice(0, 200))],
      ['out/part-00001.parquet', part(rows.slice(200))],
    ]);
    const { ws, file } = newWorkspace();
    const outcome = storeImport(ws, await prepareImport(copy.dir, { tolerance: 0.01 }));
    for (const name of ['out/part-00000.parquet', 'out/part-00001.parquet']) {
      const stored = bundleFile(ws.reader, outcome.sha256, name)!;
      expect(storedContent(ws.reader, stored.sha256).equals(fs.readFileSync(path.join(copy.dir, name)))).toBe(true);
    }

    const changed = new BundleCopy();
    withParts(changed, [
      ['out/part-00000.parquet', part(rows.slice(0, 200))],
      ['out/part-00001.parquet', part(rows.slice(200))],
    ]);
    const listed = changed.manifest().files.find((f) => f.path === 'out/part-00001.parquet')!;
    // One byte of its data flipped: same size, another hash.
    const bytes = fs.readFileSync(path.join(changed.dir, 'out/part-00001.parquet'));
    bytes[100] = (bytes[100] as number) ^ 1;
    fs.writeFileSync(path.join(changed.dir, 'out/part-00001.parquet'), bytes);
    const before = fingerprint(file);
    await expect(prepareImport(changed.dir, { tolerance: 0.01 })).rejects.toMatchObject({
      message: expect.stringMatching(new RegExp(`^out/part-00001\\.parquet does not match its SHA-256 in bundle\\.json \\(expected ${listed.sha256}, found \\w+\\)\\.`)),
    });
    expect(fingerprint(file)).toBe(before);
    ws.close();
  });

  it('a Parquet predictions file of 4M rows is read row group by row group: peak memory stays well below holding it and its decoded columns', { timeout: 300_000 }, () => {
    const copy = new BundleCopy();
    // Written by a child process, 100,000 rows a row group, so the test's own memory stays small.
    const script = `const fs = require('fs');
const { parquetWriteBuffer } = require('hyparquet-writer');
const n = 4000000, y = new Float64Array(n), s = new Float64Array(n), sex = new Array(n), age = new Array(n);
for (let i = 0; i < n; i++) { y[i] = i % 3 === 0 ? 1 : 0; s[i] = ((i * 7919) % 1000003) / 1000003; sex[i] = i % 2 ? 'F' : 'M'; age[i] = ['18-30', '31-50', '51+'][i % 3]; }
fs.writeFileSync(process.argv[1], new Uint8Array(parquetWriteBuffer({ rowGroupSize: 100000, columnData: [
  { name: 'y_true', data: y, type: 'DOUBLE' }, { name: 'y_score', data: s, type: 'DOUBLE' },
  { name: 'sex', data: sex, type: 'STRING' }, { name: 'age_band', data: age, type: 'STRING' }] })));`;
    const file = path.join(copy.dir, 'predictions.parquet');
    execFileSync(process.execPath, ['-e', script, file], { cwd: path.resolve(__dirname, '../../..') });
    fs.rmSync(path.join(copy.dir, 'predictions.csv'));
    copy.editManifest((m) => (m.files.find((f) => f.role === 'predictions')!.path = 'predictions.parquet')).rehash();
    const small = peakOfValidate(new BundleCopy().dir);
    const big = peakOfValidate(copy.dir);
    expect(big.stderr).toBe('');
    expect((JSON.parse(big.stdout) as { metrics: { overall: { n: number } } }).metrics.overall.n).toBe(4_000_000);
    // Held whole with every decoded column, as before, it took ~430 MiB above the example; by row groups ~260
    // (the columns and the metric passes over 4M rows).
    expect(big.peakMiB - small.peakMiB).toBeLessThan(340);
    console.info(`4M-row Parquet file (${(fs.statSync(file).size / 1024 ** 2).toFixed(0)} MiB): peak RSS ${big.peakMiB.toFixed(0)} MiB, ${small.peakMiB.toFixed(0)} MiB for the example`);
  });

  it('two predictions files that are not part files are refused by the manifest check', async () => {
    const copy = new BundleCopy();
    const rows = exampleRows(copy);
    withParts(copy, [
      ['a.parquet', part(rows.slice(0, 200))],
      ['b.parquet', part(rows.slice(200))],
    ]);
    await expect(readBundle(copy.dir)).rejects.toMatchObject({
      message: 'bundle.json: files: has 2 files with role "predictions"; several are allowed only as Parquet part files (part-*.parquet).',
    });
  });
});
