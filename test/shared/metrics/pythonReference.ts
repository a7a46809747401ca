import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GroupLabels } from '../../../shared/metrics';
import type { BinaryCase, DriftCase, RegressionCase } from './datasets';

/**
 * Runs a reference script of this folder with python3 and numpy, scipy and scikit-learn.
 * Without them the suites fail with the install line: CI installs them, and a silent skip
 * would let our numbers drift from the definitions analysts trust.
 */

export function findPython(): string {
  const candidates = [...new Set([process.env.MRB_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => Boolean(c)))];
  const tried: string[] = [];
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-c', 'import numpy, scipy, sklearn'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
    const why = probe.error ? probe.error.message : (probe.stderr.trim().split('\n').pop() ?? `exit status ${probe.status}`);
    tried.push(`${candidate} (${why})`);
  }
  throw new Error(
    `The metric reference tests need python3 with numpy, scipy and scikit-learn. Install them (Debian: apt-get install -y python3-sklearn python3-scipy) or point MRB_PYTHON at such an interpreter. Tried: ${tried.join('; ')}.`,
  );
}

const folders: string[] = [];

/** A fresh folder for one job; removeJobFolders deletes them all. */
export function jobFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-metrics-'));
  folders.push(folder);
  return folder;
}

export function removeJobFolders(): void {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
}

/** Arrays travel as raw little-endian files, exact to the bit. */
function writeArray(folder: string, name: string, data: Float64Array | Uint32Array): string {
  fs.writeFileSync(path.join(folder, name), Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return name;
}

/** Writes job.json into the folder, runs the script on it and parses what it prints. */
export function runReference<T>(python: string, script: string, folder: string, job: unknown): T {
  fs.writeFileSync(path.join(folder, 'job.json'), JSON.stringify(job));
  const run = spawnSync(python, [script, folder], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`${script} failed (exit ${run.status}): ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as T;
}

export interface Job {
  binary: BinaryCase[];
  regression: RegressionCase[];
  drift: DriftCase[];
}

function groupSpec(folder: string, prefix: string, groups: Record<string, GroupLabels>): Record<string, { codes: string; values: readonly string[] }> {
  return Object.fromEntries(Object.entries(groups).map(([attr, g]) => [attr, { codes: writeArray(folder, `${prefix}_${attr}.u32`, Uint32Array.from(g.codes)), values: g.values }]));
}

/** The job as the scripts read it: job.json's manifest, arrays written beside it. */
export function jobManifest(folder: string, job: Job): unknown {
  return {
    binary: job.binary.map((c, i) => ({
      threshold: c.threshold,
      y_true: writeArray(folder, `b${i}_y.f64`, c.yTrue),
      y_score: writeArray(folder, `b${i}_s.f64`, c.yScore),
      groups: groupSpec(folder, `b${i}`, c.groups),
    })),
    regression: job.regression.map((c, i) => ({
      y_true: writeArray(folder, `r${i}_y.f64`, c.yTrue),
      y_pred: writeArray(folder, `r${i}_p.f64`, c.yPred),
      groups: groupSpec(folder, `r${i}`, c.groups),
    })),
    drift: job.drift.map((c) => ({ reference: c.reference, current: c.current })),
  };
}
