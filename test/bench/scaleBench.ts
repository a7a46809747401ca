import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../../electron/services/demo/seededRandom';
import { bareNodeMs, firstTouchMicros } from './machineFloor';

/**
 * Issue 14's comparison at scale: the same predictions CSV validated by `mrb validate`,
 * read by pandas for scikit-learn's 8 overall metrics, and read by DuckDB for the overall
 * ROC AUC alone (in SQL). Each runs as its own process under /usr/bin/time, so time and
 * peak RSS are the whole process's, start-up included. Files are written in pieces by
 * seeded generators, never held whole, so 50M rows fit in the bench's own memory.
 */

const SEX = ['F', 'M'];
const REGION = ['EU', 'US', 'UK', 'APAC', 'LATAM'];
const SEGMENT = ['retail', 'sme', 'corp', 'private', 'public'];
/** Rows written per piece. */
const PIECE = 50_000;

export interface ScaleRow {
  name: string;
  value: number;
  unit: string;
  target?: { op: '<' | '>'; value: number };
}

export interface Written {
  path: string;
  sha256: string;
  bytes: number;
}

/** Writes `rows` lines produced by `line` (with the header first), hashing as it goes. */
function writeCsv(file: string, header: string, rows: number, line: (i: number) => string): Written {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  const put = (text: string) => {
    const b = Buffer.from(text);
    hash.update(b);
    fs.writeSync(fd, b);
    bytes += b.length;
  };
  try {
    put(`${header}\n`);
    for (let start = 0; start < rows; start += PIECE) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(rows, start + PIECE); i += 1) lines.push(line(i));
      put(`${lines.join('\n')}\n`);
    }
  } finally {
    fs.closeSync(fd);
  }
  return { path: path.basename(file), sha256: hash.digest('hex'), bytes };
}

/** Predictions as scoring pipelines write them: six decimals (so ties happen), two sensitive attributes. */
export function writePredictions(file: string, rows: number): Written {
  const rnd = mulberry32(20261126);
  return writeCsv(file, 'y_true,y_score,sex,region', rows, () => {
    const positive = rnd() < 0.3 ? 1 : 0;
    const score = Math.min(1, Math.max(0, (positive ? 0.62 : 0.35) + (rnd() - 0.5) * 0.7));
    return `${positive},${Math.round(score * 1e6) / 1e6},${SEX[Math.floor(rnd() * 2)]},${REGION[Math.floor(rnd() * 5)]}`;
  });
}

/** 15 numeric and 5 categorical features; `shift` moves the current sample. */
function writeFeatures(file: string, rows: number, shift: number, seed: number): Written {
  const rnd = mulberry32(seed);
  const names = Array.from({ length: 20 }, (_, f) => `f${String(f).padStart(2, '0')}`);
  return writeCsv(file, names.join(','), rows, () => {
    const cells: string[] = [];
    for (let f = 0; f < 20; f += 1) {
      cells.push(f >= 15 ? (SEGMENT[Math.min(4, Math.floor(rnd() * (5 + shift)))] as string) : String(Math.round((rnd() * 100 + shift * f) * 1000) / 1000));
    }
    return cells.join(',');
  });
}

export function writeManifest(dir: string, files: (Written & { role: string })[]): void {
  const manifest = {
    format: 'mrb-bundle',
    format_version: 1,
    model: {
      id: 'scale-scorer',
      name: 'Scale benchmark scorer',
      version: '1',
      owner: 'bench@example.org',
      team: 'Bench',
      product_line: 'Cards',
      regions: ['EU'],
      use_case: 'benchmark',
      deployment: { context: 'internal', regulated: false },
    },
    task: 'binary_classification',
    created_at: '2026-11-26T00:00:00Z',
    producer: 'mrb bench',
    decision_threshold: 0.5,
    sensitive_attributes: ['sex', 'region'],
    files: files.map((f) => ({ path: f.path, role: f.role, sha256: f.sha256, bytes: f.bytes })),
    claims: { overall: { roc_auc: 0.8, accuracy: 0.75 } },
  };
  fs.writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest, null, 2));
}

export interface Measured {
  seconds: number;
  /** User and system CPU seconds: on a loaded machine wall time mostly measures waiting. */
  cpuSeconds: number;
  peakMiB: number;
  stdout: string;
}

/** A process under /usr/bin/time: wall seconds and peak RSS of the whole process. */
export function measured(command: string, args: string[]): Measured {
  const marker = '@@time';
  const r = spawnSync('/usr/bin/time', ['-f', `${marker} %e %M %U %S`, command, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = r.stderr.split('\n').find((l) => l.startsWith(marker));
  if (!line) throw new Error(`${command} ${args.join(' ')} did not run: ${r.stderr.slice(0, 2000)}`);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  const [, seconds, kib, user, system] = line.split(' ');
  return { seconds: Number(seconds), cpuSeconds: Number(user) + Number(system), peakMiB: Number(kib) / 1024, stdout: r.stdout };
}

/**
 * The median run of several by wall time, with the highest peak RSS of them all. This VM's
 * speed drifts by a fifth within minutes, so the two programs whose times are compared
 * (ours and DuckDB) run in turn, each RUNS times, and their medians are compared.
 */
function medianRun(runs: Measured[]): Measured {
  const byTime = [...runs].sort((a, b) => a.seconds - b.seconds);
  return { ...(byTime[Math.floor(byTime.length / 2)] as Measured), peakMiB: Math.max(...runs.map((r) => r.peakMiB)) };
}
const RUNS = 3;

/** pandas reads the CSV; scikit-learn computes the 8 overall metrics (no groups, no intervals). */
const PANDAS_SCRIPT = `
import sys
import pandas as pd
from sklearn import metrics as m
d = pd.read_csv(sys.argv[1], dtype={"y_true": "int8", "y_score": "float64", "sex": "category", "region": "category"})
y, s = d["y_true"].to_numpy(), d["y_score"].to_numpy()
p = (s >= 0.5).astype(int)
r = [m.roc_auc_score(y, s), m.average_precision_score(y, s), m.accuracy_score(y, p), m.precision_score(y, p, zero_division=0),
     m.recall_score(y, p), m.f1_score(y, p, zero_division=0), m.log_loss(y, s.clip(1e-15, 1 - 1e-15)), m.brier_score_loss(y, s)]
print(repr(r[0]))
`;

/**
 * DuckDB reads the CSV and computes the overall ROC AUC alone as the Mann-Whitney rank sum:
 * the average rank of a tie group is its rank() plus half of its other members.
 */
const DUCKDB_SCRIPT = `
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const file = process.argv[process.argv.length - 1].replace(/'/g, "''");
  const r = await c.runAndReadAll(\`
    WITH d AS (SELECT y_true, y_score FROM read_csv('\${file}', columns = {'y_true': 'TINYINT', 'y_score': 'DOUBLE', 'sex': 'VARCHAR', 'region': 'VARCHAR'}, header = true)),
    r AS (SELECT y_true, rank() OVER (ORDER BY y_score) + (count(*) OVER (PARTITION BY y_score) - 1) / 2.0 AS avg_rank FROM d),
    s AS (SELECT sum(avg_rank) FILTER (WHERE y_true = 1) AS rank_sum, count(*) FILTER (WHERE y_true = 1)::DOUBLE AS pos, count(*) FILTER (WHERE y_true = 0)::DOUBLE AS neg FROM r)
    SELECT (rank_sum - pos * (pos + 1) / 2) / (pos * neg) AS auc FROM s\`);
  console.log(String(r.getRows()[0][0]));
})().catch((e) => { console.error(e.message); process.exit(3); });
`;

function python(): string | null {
  for (const p of [process.env.MRB_PYTHON, '/usr/bin/python3', 'python3'].filter((x): x is string => Boolean(x))) {
    if (spawnSync(p, ['-c', 'import pandas, sklearn'], { stdio: 'ignore' }).status === 0) return p;
  }
  return null;
}

function duckdbAvailable(root: string): boolean {
  return spawnSync(process.execPath, ['-e', "require('@duckdb/node-api')"], { cwd: root, stdio: 'ignore' }).status === 0;
}

function mib(n: number): string {
  return `${n.toFixed(0)} MiB`;
}

export interface ScaleOptions {
  /** Prediction row counts to measure (1M and 10M by default). */
  rows: number[];
  /** The built CLI, dist/electron/mrb.cjs. */
  mrb: string;
  /** The repository, where node_modules is. */
  root: string;
  /** Also the bundle of 20 features x 1M reference and current rows. */
  features: boolean;
}

/**
 * The base a row's bytes are counted above: `mrb validate` on a bundle of 1,000 rows, so
 * bytes per row is (peak - base) / rows.
 */
function baseRun(dir: string, mrb: string): Measured {
  const bundle = path.join(dir, 'base');
  fs.mkdirSync(bundle, { recursive: true });
  writeManifest(bundle, [{ ...writePredictions(path.join(bundle, 'predictions.csv'), 1_000), role: 'predictions' }]);
  return measured(process.execPath, [mrb, 'validate', bundle, '--json']);
}

export function benchScale(dir: string, options: ScaleOptions): ScaleRow[] {
  const rows: ScaleRow[] = [];
  const py = python();
  const duck = duckdbAvailable(options.root);
  if (!py) console.log('  pandas + scikit-learn: skipped (install python3-pandas and python3-sklearn)');
  if (!duck) console.log('  DuckDB: skipped (@duckdb/node-api is not installed)');
  // The floor under every whole-process time below: a run's peak RSS is touched page by page.
  const floor = { nodeMs: bareNodeMs(), pageMicros: firstTouchMicros() };
  console.log(`  machine floor: a bare node start and exit ${floor.nodeMs.toFixed(0)} ms; the first touch of a fresh 4 KiB page ${floor.pageMicros.toFixed(2)} µs`);
  rows.push({ name: 'machine floor: a bare `node -e 0`, whole process', value: floor.nodeMs, unit: 'ms' });
  rows.push({ name: 'machine floor: the first touch of a fresh 4 KiB page', value: floor.pageMicros, unit: 'µs' });
  const base = baseRun(dir, options.mrb);
  console.log(`  base: mrb validate on 1,000 rows, ${base.seconds.toFixed(2)} s, ${mib(base.peakMiB)}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const n of options.rows) {
    const label = n >= 1e6 ? `${n / 1e6}M` : n.toLocaleString('en-US');
    const bundle = path.join(dir, `predictions-${label}`);
    fs.mkdirSync(bundle, { recursive: true });
    const written = writePredictions(path.join(bundle, 'predictions.csv'), n);
    writeManifest(bundle, [{ ...written, role: 'predictions' }]);
    const csv = path.join(bundle, 'predictions.csv');
    console.log(`  ${label} rows: ${(written.bytes / 1024 / 1024).toFixed(0)} MiB CSV, ${(written.bytes / n).toFixed(1)} bytes a row; load average ${os.loadavg()[0]?.toFixed(1)}`);

    // Above 10M rows only our memory is in question (issue 14: 50M under 2 GiB); pandas alone would take ~5 GB there.
    const references = n <= 10_000_000;
    const timed = duck && references ? RUNS : 1;
    const ourRuns: Measured[] = [];
    const duckRuns: Measured[] = [];
    for (let run = 0; run < timed; run += 1) {
      ourRuns.push(measured(process.execPath, [options.mrb, 'validate', bundle, '--json']));
      if (duck && references) duckRuns.push(measured(process.execPath, ['-e', DUCKDB_SCRIPT, csv]));
    }
    if (timed > 1) console.log(`  ${label}: mrb validate and DuckDB ran in turn, ${timed} times each; their medians are compared (wall times ${ourRuns.map((r) => r.seconds.toFixed(2)).join(', ')} s and ${duckRuns.map((r) => r.seconds.toFixed(2)).join(', ')} s)`);
    const ours = medianRun(ourRuns);
    const ourAuc = (JSON.parse(ours.stdout) as { metrics: { overall: { roc_auc: number } } }).metrics.overall.roc_auc;
    const perRow = ((ours.peakMiB - base.peakMiB) * 1024 * 1024) / n;
    rows.push({ name: `${label}: mrb validate (everything), whole process`, value: ours.seconds * 1000, unit: 'ms', target: n === 1e6 ? { op: '<', value: 500 } : undefined });
    rows.push({ name: `${label}: mrb validate CPU (user + system)`, value: ours.cpuSeconds * 1000, unit: 'ms' });
    rows.push({ name: `${label}: mrb validate peak RSS`, value: ours.peakMiB, unit: 'MiB', target: n === 1e7 ? { op: '<', value: 600 } : n === 5e7 ? { op: '<', value: 2048 } : undefined });
    rows.push({ name: `${label}: mrb validate bytes a row above the base`, value: perRow, unit: 'bytes', target: n === 1e7 ? { op: '<', value: 32 } : undefined });

    if (!references) console.log(`  ${label}: pandas and DuckDB not run above 10M rows`);
    if (py && references) {
      const theirs = measured(py, ['-c', PANDAS_SCRIPT, csv]);
      const auc = Number(theirs.stdout.trim());
      rows.push({ name: `${label}: pandas + scikit-learn (8 overall metrics)`, value: theirs.seconds * 1000, unit: 'ms' });
      rows.push({ name: `${label}: pandas + scikit-learn CPU (user + system)`, value: theirs.cpuSeconds * 1000, unit: 'ms' });
      rows.push({ name: `${label}: pandas + scikit-learn peak RSS`, value: theirs.peakMiB, unit: 'MiB' });
      rows.push({ name: `${label}: mrb validate time / pandas + scikit-learn`, value: ours.seconds / theirs.seconds, unit: 'x', target: n >= 1e7 ? { op: '<', value: 0.2 } : undefined });
      if (Math.abs(auc - ourAuc) > 1e-12) console.log(`  ${label}: AUC differs: ours ${ourAuc}, scikit-learn ${auc}`);
    }
    if (duck && references) {
      const db = medianRun(duckRuns);
      const auc = Number(db.stdout.trim());
      rows.push({ name: `${label}: DuckDB read_csv + AUC in SQL`, value: db.seconds * 1000, unit: 'ms' });
      rows.push({ name: `${label}: DuckDB CPU (user + system)`, value: db.cpuSeconds * 1000, unit: 'ms' });
      rows.push({ name: `${label}: DuckDB peak RSS`, value: db.peakMiB, unit: 'MiB' });
      rows.push({ name: `${label}: mrb validate time / DuckDB's AUC only`, value: ours.seconds / db.seconds, unit: 'x', target: n >= 1e7 ? { op: '<', value: 1.3 } : undefined });
      if (Math.abs(auc - ourAuc) > 1e-9) console.log(`  ${label}: AUC differs: ours ${ourAuc}, DuckDB ${auc}`);
    }
    fs.rmSync(bundle, { recursive: true, force: true });
  }
  if (options.features) {
    const bundle = path.join(dir, 'features-1M');
    fs.mkdirSync(bundle, { recursive: true });
    const files = [
      { ...writePredictions(path.join(bundle, 'predictions.csv'), 1_000_000), role: 'predictions' },
      { ...writeFeatures(path.join(bundle, 'reference.csv'), 1_000_000, 0, 7), role: 'reference' },
      { ...writeFeatures(path.join(bundle, 'current.csv'), 1_000_000, 0.5, 8), role: 'current' },
    ];
    writeManifest(bundle, files);
    const bytes = files.reduce((s, f) => s + f.bytes, 0);
    console.log(`  features bundle: 1M predictions + 20 features x 1M reference and current, ${(bytes / 1024 / 1024).toFixed(0)} MiB; load average ${os.loadavg()[0]?.toFixed(1)}`);
    const ours = measured(process.execPath, [options.mrb, 'validate', bundle, '--json']);
    rows.push({ name: '1M + 20 features x 1M x 2: mrb validate, whole process', value: ours.seconds * 1000, unit: 'ms' });
    rows.push({ name: '1M + 20 features x 1M x 2: mrb validate CPU (user + system)', value: ours.cpuSeconds * 1000, unit: 'ms' });
    rows.push({ name: '1M + 20 features x 1M x 2: mrb validate peak RSS', value: ours.peakMiB, unit: 'MiB' });
    fs.rmSync(bundle, { recursive: true, force: true });
  }
  return rows;
}
