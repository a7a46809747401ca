import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { mulberry32 } from '../../electron/services/demo/seededRandom';

/**
 * The benchmark's bundle: 1,000,000 prediction rows with two sensitive attributes, and 20
 * features x 100,000 rows of reference and current, written as CSV or Parquet. A seeded
 * generator, so every run measures the same bytes.
 */

export const PREDICTION_ROWS = 1_000_000;
export const FEATURE_ROWS = 100_000;
export const FEATURES = 20;

const SEX = ['F', 'M'];
const REGION = ['EU', 'US', 'UK', 'APAC', 'LATAM'];
const SEGMENT = ['retail', 'sme', 'corp', 'private', 'public'];

interface Columns {
  predictions: { y_true: number[]; y_score: number[]; sex: string[]; region: string[] };
  reference: Record<string, (number | string)[]>;
  current: Record<string, (number | string)[]>;
}

function generate(): Columns {
  const rnd = mulberry32(20261123);
  const y_true: number[] = [];
  const y_score: number[] = [];
  const sex: string[] = [];
  const region: string[] = [];
  for (let i = 0; i < PREDICTION_ROWS; i += 1) {
    const positive = rnd() < 0.3 ? 1 : 0;
    const score = Math.min(1, Math.max(0, (positive ? 0.62 : 0.35) + (rnd() - 0.5) * 0.7));
    y_true.push(positive);
    // Six decimals, as scoring pipelines usually write: ties happen, as in real data.
    y_score.push(Math.round(score * 1e6) / 1e6);
    sex.push(SEX[Math.floor(rnd() * 2)] as string);
    region.push(REGION[Math.floor(rnd() * 5)] as string);
  }
  const sample = (shift: number) => {
    const out: Record<string, (number | string)[]> = {};
    for (let f = 0; f < FEATURES; f += 1) {
      const col: (number | string)[] = [];
      for (let i = 0; i < FEATURE_ROWS; i += 1) {
        if (f >= 15) col.push(SEGMENT[Math.min(4, Math.floor(rnd() * (5 + shift)))] as string);
        else col.push(Math.round((rnd() * 100 + shift * f) * 1000) / 1000);
      }
      out[`f${String(f).padStart(2, '0')}`] = col;
    }
    return out;
  };
  return { predictions: { y_true, y_score, sex, region }, reference: sample(0), current: sample(0.5) };
}

function csv(columns: Record<string, (number | string)[]>): Buffer {
  const names = Object.keys(columns);
  const cols = names.map((n) => columns[n] as (number | string)[]);
  const rows = (cols[0] as unknown[]).length;
  const parts: string[] = [names.join(',')];
  for (let i = 0; i < rows; i += 1) parts.push(cols.map((c) => String(c[i])).join(','));
  return Buffer.from(`${parts.join('\n')}\n`);
}

function parquet(columns: Record<string, (number | string)[]>): Buffer {
  const columnData = Object.entries(columns).map(([name, data]) => ({
    name,
    data,
    type: typeof data[0] === 'string' ? ('STRING' as const) : ('DOUBLE' as const),
  }));
  return Buffer.from(parquetWriteBuffer({ columnData }));
}

/** Writes the bundle in `dir` with data files in `format`; returns the predictions CSV path for the reference run. */
export function writeLargeBundle(dir: string, format: 'csv' | 'parquet', data: Columns = generate()): void {
  fs.mkdirSync(dir, { recursive: true });
  const write = format === 'csv' ? csv : parquet;
  const files = [
    { path: `predictions.${format}`, role: 'predictions', data: write(data.predictions) },
    { path: `reference.${format}`, role: 'reference', data: write(data.reference) },
    { path: `current.${format}`, role: 'current', data: write(data.current) },
  ];
  for (const f of files) fs.writeFileSync(path.join(dir, f.path), f.data);
  const manifest = {
    format: 'mrb-bundle',
    format_version: 1,
    model: {
      id: 'bench-scorer',
      name: 'Benchmark scorer',
      version: format,
      owner: 'bench@example.org',
      team: 'Bench',
      product_line: 'Lending',
      regions: ['EU'],
      use_case: 'benchmark',
      deployment: { context: 'internal', regulated: false },
    },
    task: 'binary_classification',
    created_at: '2026-11-23T00:00:00Z',
    producer: 'mrb bench',
    decision_threshold: 0.5,
    sensitive_attributes: ['sex', 'region'],
    files: files.map((f) => ({ path: f.path, role: f.role, sha256: createHash('sha256').update(f.data).digest('hex'), bytes: f.data.length })),
    claims: { overall: { roc_auc: 0.8, accuracy: 0.75 } },
  };
  fs.writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(manifest, null, 2));
}

export { generate as generateLargeBundleData };
