import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../../electron/services/bundles/bundleReader';
import { importReport } from '../../../electron/services/bundles/prepareImport';
import { BundleCopy, craftZip } from '../../helpers/bundleCopies';
import { tempDir } from '../../helpers/tempDir';

/** Data files as users write them: pandas, R and Spark exports, Excel's CSVs, the Finder's zips. */

function validate(copy: BundleCopy) {
  return importReport(copy.dir, { tolerance: 0.001 });
}

/** Rows of a CSV file of the copy, header first, as arrays of cells. */
function table(copy: BundleCopy, name: string): string[][] {
  return fs.readFileSync(path.join(copy.dir, name), 'utf8').trim().split('\n').map((l) => l.split(','));
}

describe('real files, read as users write them', () => {
  it('NA, NaN, nan, null, None and empty cells of a numeric feature are missing, and the report says which tokens', async () => {
    const copy = new BundleCopy();
    const tokens = ['NA', 'NaN', 'nan', 'null', 'None', ''];
    copy.editCsv('reference.csv', (lines) => lines.map((l, i) => (i >= 1 && i <= 6 ? l.replace(/^[^,]*/, tokens[i - 1] as string) : l)));
    copy.editCsv('current.csv', (lines) => lines.map((l, i) => (i === 1 ? l.replace(/^[^,]*/, 'NA') : l)));
    const report = await validate(copy);
    expect(report.metrics.drift.income).toMatchObject({ missing: [6, 1] });
    expect(report.metrics.drift.income?.ks).not.toBeNull();
    expect(report.findings.map((f) => f.message)).toContain(
      'The feature income is numeric; cells written NA, NaN, None, nan, null were read as missing (with empty cells, 6 in the reference and 1 in the current sample).',
    );
  });

  it('a feature of numbers with one word in it says it is categorical and why; a feature of words says nothing', async () => {
    const copy = new BundleCopy();
    copy.editCsv('reference.csv', (lines) => lines.map((l, i) => (i === 3 ? l.replace(/^([^,]*),[^,]*/, '$1,n/a') : l)));
    const report = await validate(copy);
    expect(report.metrics.drift.age?.ks).toBeNull();
    const messages = report.findings.map((f) => f.message);
    expect(messages).toContain('The feature age is treated as categorical: it holds numbers, but the reference sample also holds "n/a", which is not one.');
    expect(messages.filter((m) => m.includes('segment is treated as categorical'))).toEqual([]);
  });

  it('true/false and True/False labels read as 1 and 0: the same metrics as the 0/1 file', async () => {
    const plain = await validate(new BundleCopy());
    const copy = new BundleCopy();
    const words = [['false', 'true'], ['False', 'True'], ['FALSE', 'TRUE']];
    copy.editCsv('predictions.csv', (lines) => lines.map((l, i) => (i === 0 ? l : l.replace(/^([01])/, (_, y: string) => (words[i % 3] as string[])[Number(y)] as string))));
    const report = await validate(copy);
    expect(report.metrics.overall).toEqual(plain.metrics.overall);
  });

  it('Parquet DATE, TIMESTAMP, TIME and DECIMAL features are read as numbers for drift, BOOLEAN labels as 1/0', async () => {
    const copy = new BundleCopy();
    const sample = (shift: number) =>
      Buffer.from(
        parquetWriteBuffer({
          columnData: [
            { name: 'opened', data: Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i + shift))) },
            { name: 'seen_at', data: Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 0, 1, i + shift))) },
            { name: 'call_time', data: Array.from({ length: 60 }, (_, i) => (i + shift) * 1000) },
            { name: 'amount', data: Array.from({ length: 60 }, (_, i) => i + shift + 0.25) },
          ],
          schema: [
            { name: 'root', num_children: 4 },
            { name: 'opened', type: 'INT32', converted_type: 'DATE', repetition_type: 'REQUIRED' },
            { name: 'seen_at', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'REQUIRED' },
            { name: 'call_time', type: 'INT32', converted_type: 'TIME_MILLIS', repetition_type: 'REQUIRED' },
            { name: 'amount', type: 'INT32', converted_type: 'DECIMAL', scale: 2, precision: 6, repetition_type: 'REQUIRED' },
          ],
        }),
      );
    const rows = table(copy, 'predictions.csv').slice(1);
    const predictions = Buffer.from(
      parquetWriteBuffer({
        columnData: [
          { name: 'y_true', data: rows.map((r) => r[0] === '1'), type: 'BOOLEAN' },
          { name: 'y_score', data: rows.map((r) => Number(r[1])), type: 'DOUBLE' },
          { name: 'sex', data: rows.map((r) => r[2] as string), type: 'STRING' },
          { name: 'age_band', data: rows.map((r) => r[3] as string), type: 'STRING' },
        ],
      }),
    );
    const plain = await validate(new BundleCopy());
    for (const [name, data] of [['reference.parquet', sample(0)], ['current.parquet', sample(10)], ['predictions.parquet', predictions]] as const) {
      fs.writeFileSync(path.join(copy.dir, name), data);
    }
    copy.editManifest((m) => {
      for (const f of m.files) if (['predictions', 'reference', 'current'].includes(f.role)) f.path = `${f.role}.parquet`;
    });
    copy.rehash();
    const report = await validate(copy);
    expect(Object.keys(report.metrics.drift).sort()).toEqual(['amount', 'call_time', 'opened', 'seen_at']);
    for (const feature of ['amount', 'call_time', 'opened', 'seen_at']) expect(report.metrics.drift[feature]?.ks, feature).toBeCloseTo(10 / 60, 10);
    expect(report.metrics.overall).toEqual(plain.metrics.overall);
  });

  it.each([
    [';', 'semicolons (;)'],
    ['\t', 'tabs'],
  ])('a CSV separated by %j is refused naming the separator', async (separator, named) => {
    const copy = new BundleCopy();
    copy.editCsv('predictions.csv', (lines) => lines.map((l) => l.replaceAll(',', separator)));
    await expect(readBundle(copy.dir)).rejects.toMatchObject({ message: `predictions.csv is separated by ${named}, not commas; save it as comma-separated CSV.` });
  });

  it("pandas' unnamed index column is named as such", async () => {
    const copy = new BundleCopy();
    copy.editCsv('predictions.csv', (lines) => lines.map((l, i) => (i === 0 ? `,${l}` : `${i - 1},${l}`)));
    await expect(readBundle(copy.dir)).rejects.toMatchObject({
      message: 'predictions.csv: the first column of the header has no name; it looks like a pandas index written without index=False (write it with to_csv(..., index=False)).',
    });
  });

  it('a zip made by the Finder (__MACOSX/, .DS_Store) is read as if those were absent', async () => {
    const copy = new BundleCopy();
    const entries = fs.readdirSync(copy.dir).map((name) => ({ name: `credit-default-scorer/${name}`, data: fs.readFileSync(path.join(copy.dir, name), 'utf8') }));
    const zip = craftZip(path.join(tempDir('mrb-macos-'), 'bundle.zip'), [
      ...entries,
      { name: 'credit-default-scorer/.DS_Store', data: 'Bud1' },
      { name: '__MACOSX/credit-default-scorer/._bundle.json', data: 'resource fork' },
      { name: '__MACOSX/._credit-default-scorer', data: 'resource fork' },
    ]);
    const bundle = await readBundle(zip);
    expect(bundle.files.map((f) => f.path).sort()).toEqual(['bundle.json', ...fs.readdirSync(copy.dir).filter((n) => n !== 'bundle.json')].sort());
  });

  it("non-UTF-8 text names the first bad byte's line and column", async () => {
    const copy = new BundleCopy();
    const text = fs.readFileSync(path.join(copy.dir, 'predictions.csv'), 'latin1').split('\n');
    text[4] = (text[4] as string).replace(/,F,/, ',Fé,').replace(/,M,/, ',Mé,');
    copy.writeFile('predictions.csv', Buffer.from(text.join('\n'), 'latin1'));
    const column = (text[4] as string).indexOf('é') + 1;
    await expect(readBundle(copy.dir)).rejects.toMatchObject({
      message: `predictions.csv is not valid UTF-8: line 5, column ${column} holds the byte 0xE9 (text saved as Latin-1 or Windows-1252 looks like this). Save it as UTF-8.`,
    });
  });
});
