import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measured, writeManifest, writePredictions, type Measured, type ScaleRow } from './scaleBench';

/**
 * `mrb import` at scale (issue 14): the predictions bundle the validate rows measure, now
 * imported into a new cycle, each run its own process under /usr/bin/time. An import reads
 * as validation does and stores each file in chunks as it streams, so its peak memory
 * should follow the columns (bytes a row), not the file's size. Bytes a row are counted
 * above the peak of an import of 1,000 rows.
 */

function predictionsBundle(dir: string, rows: number): { bundle: string; bytes: number } {
  const bundle = path.join(dir, `import-${rows}`);
  fs.mkdirSync(bundle, { recursive: true });
  const written = writePredictions(path.join(bundle, 'predictions.csv'), rows);
  writeManifest(bundle, [{ ...written, role: 'predictions' }]);
  return { bundle, bytes: written.bytes };
}

function importInto(dir: string, mrb: string, bundle: string): Measured & { workspaceBytes: number } {
  const ws = path.join(dir, `${path.basename(bundle)}.mrb`);
  measured(process.execPath, [mrb, 'init', ws, '--name', 'Bench']);
  const run = measured(process.execPath, [mrb, 'import', ws, bundle, '--json']);
  const status = (JSON.parse(run.stdout) as { status: string }[])[0]?.status;
  if (status !== 'imported') throw new Error(`mrb import of ${bundle} did not import: ${run.stdout.slice(0, 500)}`);
  const workspaceBytes = fs.statSync(ws).size + (fs.existsSync(`${ws}-wal`) ? fs.statSync(`${ws}-wal`).size : 0);
  fs.rmSync(ws, { force: true });
  fs.rmSync(`${ws}-wal`, { force: true });
  fs.rmSync(`${ws}-shm`, { force: true });
  return { ...run, workspaceBytes };
}

export function benchImportScale(dir: string, options: { rows: number[]; mrb: string }): ScaleRow[] {
  const rows: ScaleRow[] = [];
  const small = predictionsBundle(dir, 1_000);
  const base = importInto(dir, options.mrb, small.bundle);
  fs.rmSync(small.bundle, { recursive: true, force: true });
  console.log(`  base: mrb import of 1,000 rows, ${base.seconds.toFixed(2)} s, ${base.peakMiB.toFixed(0)} MiB; load average ${os.loadavg()[0]?.toFixed(1)}`);
  for (const n of options.rows) {
    const label = n >= 1e6 ? `${n / 1e6}M` : n.toLocaleString('en-US');
    const { bundle, bytes } = predictionsBundle(dir, n);
    const ours = importInto(dir, options.mrb, bundle);
    console.log(`  ${label} rows imported: ${(bytes / 1024 ** 2).toFixed(0)} MiB CSV, workspace ${(ours.workspaceBytes / 1024 ** 2).toFixed(0)} MiB with its WAL`);
    rows.push({ name: `${label}: mrb import (validate + store), whole process`, value: ours.seconds * 1000, unit: 'ms' });
    rows.push({ name: `${label}: mrb import CPU (user + system)`, value: ours.cpuSeconds * 1000, unit: 'ms' });
    rows.push({ name: `${label}: mrb import peak RSS`, value: ours.peakMiB, unit: 'MiB', target: n === 1e7 ? { op: '<', value: 600 } : undefined });
    rows.push({ name: `${label}: mrb import bytes a row above the base`, value: ((ours.peakMiB - base.peakMiB) * 1024 ** 2) / n, unit: 'bytes' });
    fs.rmSync(bundle, { recursive: true, force: true });
  }
  return rows;
}
