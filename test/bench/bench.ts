import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cycleInfo } from '../../electron/services/cycles/cycleService';
import { modelImage, upsertModel } from '../../electron/services/store/modelTable';
import { Workspace } from '../../electron/services/store/workspace';
import type { Model } from '../../shared/domain/model';

/**
 * `npm run bench`: numbers, not assertions. Each line prints the measured value next to
 * its target so a regression is visible at a glance.
 */

interface Row {
  name: string;
  value: number;
  unit: string;
  target?: { op: '<' | '>'; value: number };
}

const rows: Row[] = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

function model(i: number): Model {
  const id = `model-${String(i).padStart(5, '0')}`;
  return {
    id,
    name: `Model ${i}`,
    version: '1.0.0',
    owner: `owner${i % 97}@example.com`,
    team: `team-${i % 31}`,
    productLine: ['Lending', 'Cards', 'Fraud', 'Marketing'][i % 4] as string,
    regions: i % 3 === 0 ? ['EU', 'UK'] : ['US'],
    useCase: 'benchmark',
    deployment: { context: i % 2 === 0 ? 'customer-facing' : 'internal', regulated: i % 5 === 0 },
    createdAt: '2026-07-01T00:00:00.000Z',
    updatedAt: '2026-07-01T00:00:00.000Z',
  };
}

function benchWorkspace(dir: string): void {
  const MODELS = 5_000;
  const EVENTS = 50_000;
  const file = path.join(dir, 'bench.mrb');
  const build = time(() => {
    const ws = Workspace.create(file, { name: 'Benchmark cycle', actor: 'bench' });
    const models = Array.from({ length: MODELS }, (_, i) => model(i));
    for (let start = 0; start < MODELS; start += 1_000) {
      ws.transaction((tx) => {
        for (const m of models.slice(start, start + 1_000)) {
          upsertModel(tx.db, m);
          tx.audit({ action: 'model.create', entity: 'model', entityId: m.id, before: null, after: modelImage(m) });
        }
      });
    }
    // The rest of the events: owner changes, as a busy cycle would see.
    let events = 2 + MODELS;
    let round = 0;
    while (events < EVENTS) {
      round += 1;
      ws.transaction((tx) => {
        for (let k = 0; k < 1_000 && events < EVENTS; k += 1, events += 1) {
          const i = (events * 7919) % MODELS;
          const before = models[i] as Model;
          const after = { ...before, owner: `owner-r${round}-${k}@example.com`, updatedAt: tx.now };
          upsertModel(tx.db, after);
          models[i] = after;
          tx.audit({ action: 'model.update', entity: 'model', entityId: after.id, before: modelImage(before), after: modelImage(after) });
        }
      });
    }
    ws.close();
  });
  const size = fs.statSync(file).size;
  console.log(`workspace: ${MODELS} models, ${EVENTS} audit events, ${(size / 1024 / 1024).toFixed(1)} MiB, built in ${(build.ms / 1000).toFixed(1)} s`);

  const opens: number[] = [];
  const verifies: number[] = [];
  const infos: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const opened = time(() => Workspace.open(file));
    opens.push(opened.ms);
    const ws = opened.value;
    const verified = time(() => ws.verifyAudit());
    if (!verified.value.ok || verified.value.events !== EVENTS) throw new Error(`verify failed: ${JSON.stringify(verified.value)}`);
    verifies.push(verified.ms);
    infos.push(time(() => cycleInfo(ws)).ms);
    ws.close();
  }
  const verifyMs = median(verifies);
  rows.push({ name: 'open workspace (5,000 models, 50,000 events), median of 5', value: median(opens), unit: 'ms', target: { op: '<', value: 500 } });
  rows.push({ name: 'audit verify, median of 5', value: verifyMs, unit: 'ms', target: { op: '<', value: 2_000 } });
  rows.push({ name: 'audit verify throughput', value: Math.round(EVENTS / (verifyMs / 1000)), unit: 'events/s', target: { op: '>', value: 25_000 } });
  rows.push({ name: 'cycle info after open (new events + state check), median of 5', value: median(infos), unit: 'ms' });
}

function report(): void {
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log('');
  for (const r of rows) {
    const value = r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(1);
    let verdict = '';
    if (r.target) {
      const met = r.target.op === '<' ? r.value < r.target.value : r.value > r.target.value;
      verdict = `  target ${r.target.op} ${r.target.value} ${r.unit}: ${met ? 'met' : 'MISSED'}`;
    }
    console.log(`${r.name.padEnd(width)}  ${value.padStart(9)} ${r.unit}${verdict}`);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  console.log(`\npeak RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB; Node ${process.version}; ${os.cpus().length} cores`);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-bench-'));
try {
  benchWorkspace(dir);
  report();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
