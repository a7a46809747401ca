import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/program';
import { readBundle } from '../../../electron/services/bundles/bundleReader';
import { BundleCopy, craftZip } from '../../helpers/bundleCopies';
import { tempDir } from '../../helpers/tempDir';
import { fingerprint, newWorkspace } from '../../helpers/workspaces';

/**
 * The corpus of bad bundles: one fault each, each refused whole with its own sentence
 * naming the file, field or row, and the workspace left byte for byte as it was.
 */

type Fault = [name: string, make: (b: BundleCopy) => string, message: RegExp];

const csvFault = (edit: (lines: string[]) => string[]) => (b: BundleCopy) => b.editCsv('predictions.csv', edit).dir;
const setRow = (row: number, value: string) => (lines: string[]) => lines.map((l, i) => (i === row ? value : l));

const faults: Fault[] = [
  ['bad JSON', (b) => b.writeFile('bundle.json', '{"format": "mrb-bundle",', false).dir, /^bundle.json is not valid JSON: /],
  ['a manifest that is not an object', (b) => b.writeManifest([1, 2]).dir, /^bundle.json must hold a JSON object\.$/],
  ['a missing format', (b) => b.editManifest((m) => delete m.format).dir, /^bundle.json: format is null, expected "mrb-bundle"\.$/],
  ['an unknown format_version', (b) => b.editManifest((m) => (m.format_version = 2)).dir, /format_version 2 is not supported; this build reads version 1/],
  ['a missing model owner', (b) => b.editManifest((m) => delete (m.model as Record<string, unknown>).owner).dir, /^bundle.json: model.owner: /],
  ['regions of the wrong type', (b) => b.editManifest((m) => ((m.model as Record<string, unknown>).regions = 'EU')).dir, /^bundle.json: model.regions: /],
  ['an unknown task', (b) => b.editManifest((m) => (m.task = 'ranking')).dir, /^bundle.json: task: /],
  ['a created_at that is not ISO-8601', (b) => b.editManifest((m) => (m.created_at = 'yesterday')).dir, /^bundle.json: created_at: /],
  ['a threshold outside [0, 1]', (b) => b.editManifest((m) => (m.decision_threshold = 1.5)).dir, /^bundle.json: decision_threshold: /],
  ['a sha256 that is not hex', (b) => b.editManifest((m) => (m.files[0]!.sha256 = 'xyz')).dir, /^bundle.json: files.0.sha256: must be 64 lowercase hexadecimal digits/],
  ['a path that climbs out', (b) => b.editManifest((m) => (m.files[4]!.path = '../lineage.json')).dir, /^bundle.json: files.4.path: must not contain "\.\."/],
  ['a file listed twice', (b) => b.editManifest((m) => m.files.push({ ...m.files[4]! })).dir, /lists "lineage.json" twice/],
  ['two predictions files', (b) => b.editManifest((m) => m.files.push({ ...m.files[0]!, path: 'predictions-2.csv' })).dir, /has 2 files with role "predictions"/],
  ['reference without current', (b) => b.editManifest((m) => (m.files = m.files.filter((f) => f.role !== 'current'))).dir, /both a "reference" and a "current" file/],
  [
    'a checksum mismatch',
    (b) => {
      const text = fs.readFileSync(path.join(b.dir, 'predictions.csv'), 'utf8').replace('0.731', '0.732');
      return b.writeFile('predictions.csv', text, false).dir;
    },
    /^predictions.csv does not match its SHA-256 in bundle.json \(expected [0-9a-f]{64}, found [0-9a-f]{64}\)/,
  ],
  ['a size mismatch', (b) => b.writeFile('predictions.csv', `${fs.readFileSync(path.join(b.dir, 'predictions.csv'), 'utf8')}1,0.5,F,18-30\n`, false).dir, /^predictions.csv is 6,\d{3} bytes; bundle.json says 6,151\./],
  [
    'a listed file missing',
    (b) => {
      fs.rmSync(path.join(b.dir, 'lineage.json'));
      return b.dir;
    },
    /^bundle.json lists lineage.json \(files\[4\]\), but the bundle has no such file\.$/,
  ],
  ['a required column missing', csvFault((l) => l.map((row) => row.split(',').filter((_, i) => i !== 1).join(','))), /^predictions.csv: the required column "y_score" is missing/],
  ['duplicate column names', csvFault(setRow(0, 'y_true,y_score,sex,sex')), /^predictions.csv: the header names the column "sex" twice\.$/],
  ['a non-numeric score', csvFault(setRow(4812 % 400, '1,high,F,18-30')), /^predictions.csv row 12: y_score is "high", expected a number\.$/],
  ['a score outside [0, 1]', csvFault(setRow(7, '1,1.3,F,18-30')), /^predictions.csv row 7: y_score is 1.3, expected a probability in \[0, 1\]\.$/],
  ['a label that is not 0 or 1', csvFault(setRow(3, '2,0.5,F,18-30')), /^predictions.csv row 3: y_true is 2, expected 0 or 1\.$/],
  ['NaN', csvFault(setRow(5, '0,NaN,F,18-30')), /^predictions.csv row 5: y_score is NaN, expected a finite number\.$/],
  ['Infinity', csvFault(setRow(6, '0,Infinity,F,18-30')), /^predictions.csv row 6: y_score is Infinity, expected a finite number\.$/],
  ['an empty sensitive attribute', csvFault(setRow(9, '0,0.5,,18-30')), /^predictions.csv row 9: sex is empty\.$/],
  ['an empty file', (b) => b.writeFile('predictions.csv', '').dir, /^predictions.csv is empty; it needs a header row and at least one data row\.$/],
  ['a header only', (b) => b.writeFile('predictions.csv', 'y_true,y_score,sex,age_band\n').dir, /^predictions.csv has a header but no data rows\.$/],
  ['a ragged row', csvFault(setRow(10, '0,0.5,F')), /^predictions.csv row 10 has 3 fields; the header has 4\.$/],
  ['an unterminated quote', csvFault(setRow(11, '0,"0.5,F,18-30')), /^predictions.csv row 11: Quoted field unterminated/],
  [
    'bad UTF-8',
    (b) => b.writeFile('predictions.csv', Buffer.concat([fs.readFileSync(path.join(b.dir, 'predictions.csv')), Buffer.from([0x30, 0x2c, 0xff, 0xfe, 0x2c, 0x46, 0x2c, 0x41, 0x0a])])).dir,
    /^predictions.csv is not valid UTF-8: line 402, column 3 holds the byte 0xFF \(text saved as Latin-1 or Windows-1252 looks like this\)\. Save it as UTF-8\.$/,
  ],
  ['a current sample lacking a feature', (b) => b.editCsv('current.csv', (l) => l.map((row) => row.split(',').slice(0, 3).join(','))).dir, /^current.csv lacks the column "utilisation" that reference.csv has/],
  ['lineage that is not JSON', (b) => b.writeFile('lineage.json', 'eventType: COMPLETE').dir, /^lineage.json is not valid JSON\.$/],
  [
    'no bundle.json',
    (b) => {
      fs.rmSync(path.join(b.dir, 'bundle.json'));
      return b.dir;
    },
    /has no bundle.json at its top; it is not an evaluation bundle\.$/,
  ],
  [
    'a symbolic link in a folder bundle',
    (b) => {
      fs.symlinkSync('/etc/hostname', path.join(b.dir, 'notes.txt'));
      return b.dir;
    },
    /^notes.txt is a symbolic link; bundles must hold plain files only\.$/,
  ],
  ['a zip slip entry', (b) => craftZip(path.join(path.dirname(b.dir), 'slip.zip'), [{ name: 'bundle.json', data: '{}' }, { name: '../../evil.sh', data: 'rm -rf /' }]), /the entry "\.\.\/\.\.\/evil\.sh" climbs out of the bundle/],
  ['an absolute path in a zip', (b) => craftZip(path.join(path.dirname(b.dir), 'abs.zip'), [{ name: '/etc/cron.d/x', data: 'x' }]), /the entry "\/etc\/cron\.d\/x" is an absolute path/],
  ['a link in a zip', (b) => craftZip(path.join(path.dirname(b.dir), 'link.zip'), [{ name: 'bundle.json', data: '/etc/passwd', symlink: true }]), /the entry "bundle.json" is a symbolic link/],
  ['a duplicate zip entry', (b) => craftZip(path.join(path.dirname(b.dir), 'dup.zip'), [{ name: 'bundle.json', data: '{}' }, { name: 'bundle.json', data: '{}' }]), /the entry "bundle.json" appears twice/],
  [
    'a file that is neither folder nor zip',
    (b) => {
      const f = path.join(path.dirname(b.dir), 'bundle.tar');
      fs.writeFileSync(f, 'not a zip at all');
      return f;
    },
    /^bundle.tar is not a readable zip archive/,
  ],
];

function workspaceFile(): string {
  const { ws, file } = newWorkspace();
  ws.close();
  return file;
}

function checkpointed(file: string): string {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return fingerprint(file);
}

describe('refused bundles', () => {
  it(`the corpus holds at least 30 faults (${faults.length})`, () => {
    expect(faults.length).toBeGreaterThanOrEqual(30);
    expect(new Set(faults.map((f) => f[2].source)).size).toBe(faults.length);
  });

  it.each(faults)('%s: refused with its own sentence, and `mrb import` leaves the workspace byte for byte as it was', async (_name, make, message) => {
    const bundle = make(new BundleCopy());
    await expect(readBundle(bundle)).rejects.toMatchObject({ code: 'bundle_refused', message: expect.stringMatching(message) });

    const file = workspaceFile();
    const before = checkpointed(file);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['import', file, bundle], { out: (t) => out.push(t), err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/refused: /);
    expect(checkpointed(file)).toBe(before);
  });

  it('a zip that would unpack past the limit is refused before anything is inflated', async () => {
    const zip = craftZip(path.join(tempDir(), 'bomb.zip'), [{ name: 'bundle.json', data: '{}' }, { name: 'zeros.bin', zeros: 50 * 1024 * 1024 }]);
    expect(fs.statSync(zip).size).toBeLessThan(200 * 1024);
    await expect(readBundle(zip, { limits: { maxTotalBytes: 10 * 1024 * 1024, maxCompressionRatio: 10_000 } })).rejects.toMatchObject({
      message: expect.stringMatching(/^bomb.zip would unpack to more than the limit of 10.0 MiB; the archive is refused\.$/),
    });
  });

  it('the example bundle, zipped as a folder, reads the same as the folder', async () => {
    const copy = new BundleCopy();
    const zip = copy.zip(path.join(path.dirname(copy.dir), 'bundle.zip'));
    const [fromZip, fromDir] = await Promise.all([readBundle(zip), readBundle(copy.dir)]);
    expect(fromZip.sha256).toBe(fromDir.sha256);
    expect(fromZip.files.map((f) => [f.path, f.sha256])).toEqual(fromDir.files.map((f) => [f.path, f.sha256]));
    expect(fromZip.predictions?.rows).toBe(400);
  });
});
