import path from 'node:path';
import { dueModels } from '../../electron/services/cycles/dueService';
import { startNextCycle } from '../../electron/services/cycles/nextCycle';
import { posture } from '../../electron/services/cycles/posture';
import { cycleLineage } from '../../electron/services/cycles/lineageService';
import { kpisWithPrevious } from '../../electron/services/cycles/kpis';
import { currentTaxonomy } from '../../electron/services/cycles/cycleService';
import { openFinding } from '../../electron/services/findings/findingsRegister';
import { carriedImage, insertCarried, type CarriedFollowUp } from '../../electron/services/store/followupTable';
import { listModels, modelImage, upsertModel } from '../../electron/services/store/modelTable';
import { putScore, scoreEntityId, scoreImage } from '../../electron/services/store/scoreTable';
import { Workspace } from '../../electron/services/store/workspace';
import { benchModel } from './benchModels';
import type { BenchRow } from './heatmapBench';

const MODELS = 5_000;
const FOLLOW_UPS = 15_000;
const FINDINGS = 5_000;

/**
 * Wall and CPU time (user + system) of one call, in ms. The targets are wall times on an idle
 * machine; on a busy one the CPU time is the steadier figure to compare two builds by.
 */
function timed(fn: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/**
 * Issue 11: a cycle of 5,000 scored models with 15,000 open follow-ups (conditions,
 * mitigations, acceptances carried from an earlier cycle) and 5,000 open findings; the
 * time to start the next cycle from it, and the due list and posture of the new cycle.
 */
export function benchCycles(dir: string): BenchRow[] {
  const file = path.join(dir, 'cycles-from.mrb');
  const ws = Workspace.create(file, { name: 'Q3 bench', actor: 'bench', periodStart: '2026-07-01', periodEnd: '2026-09-30' });
  const models = Array.from({ length: MODELS }, (_, i) => benchModel(i));
  ws.transaction((tx) => {
    for (const m of models) {
      upsertModel(tx.db, m);
      tx.audit({ action: 'model.create', entity: 'model', entityId: m.id, before: null, after: modelImage(m) });
      for (const [k, dimension] of ['customer_harm', 'performance_drift'].entries()) {
        const value = 1 + ((m.id.length + k + Number(m.id.slice(-3))) % 5);
        const score = { modelId: m.id, dimension, value, lo: value, hi: value, source: 'analyst' as const, rationale: 'bench', taxonomyVersion: 1, scoredBy: 'bench', scoredAt: tx.now, evidence: null };
        putScore(tx.db, score);
        tx.audit({ action: 'score.set', entity: 'score', entityId: scoreEntityId(m.id, dimension), before: null, after: scoreImage(score) });
      }
    }
    for (let i = 0; i < FOLLOW_UPS; i += 1) {
      const kind = (['condition', 'mitigation', 'acceptance'] as const)[i % 3] as CarriedFollowUp['kind'];
      const f: CarriedFollowUp = {
        id: `fu-${i}`,
        kind,
        modelId: (models[i % MODELS] as { id: string }).id,
        bornCycleId: 'earlier',
        bornCycleName: 'Q2 bench',
        decisionId: `d-${i % MODELS}`,
        sessionId: 's-1',
        sessionNumber: 1,
        sessionDate: '2026-06-15',
        text: `${kind} ${i}`,
        owner: 'owner@example.com',
        due: i % 7 === 0 ? '2026-08-01' : '2027-02-01',
        detail: kind === 'condition' ? null : 'criteria',
        rule: kind === 'condition' && i % 2 === 0 ? 'drift.psi_max < 0.2' : null,
        status: 'open',
        statusNote: null,
        statusAt: null,
        statusBy: null,
      };
      insertCarried(tx.db, f);
      tx.audit({ action: `${kind}.carry`, entity: 'followup', entityId: f.id, before: null, after: carriedImage(f) });
    }
    for (let i = 0; i < FINDINGS; i += 1) {
      openFinding(
        tx,
        {
          key: `bench|${i}`,
          type: 'validation_issue',
          severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4] as 'low',
          category: 'drift',
          title: `Finding ${i}`,
          modelId: (models[i % MODELS] as { id: string }).id,
          bundleSha256: null,
          decisionId: null,
          conditionId: null,
          owner: 'owner@example.com',
          due: '2026-12-01',
          openedOn: '2026-08-01',
        },
        'finding.raise',
      );
    }
  });

  const to = path.join(dir, 'cycles-to.mrb');
  const nextTime = timed(() => startNextCycle(ws, { path: to, name: 'Q4 bench', periodStart: '2026-10-01', periodEnd: '2026-12-31' }));
  ws.close();

  const next = Workspace.open(to, { readonly: true });
  const dues: { wall: number; cpu: number }[] = [];
  const postures: { wall: number; cpu: number }[] = [];
  // What the Overview asks again after every change in the cycle, besides the posture.
  const overviews: { wall: number; cpu: number }[] = [];
  let dueCount = 0;
  for (let run = 0; run < 5; run += 1) {
    dues.push(timed(() => (dueCount = dueModels(next, { asOf: '2026-12-20' }).length)));
    postures.push(timed(() => posture(next, { asOf: '2026-12-20' })));
    overviews.push(
      timed(() => {
        cycleLineage(next);
        kpisWithPrevious(next, '2026-12-20');
        listModels(next.reader);
        currentTaxonomy(next);
      }),
    );
  }
  next.close();
  console.log(`cycles: ${MODELS} models, ${FOLLOW_UPS} open follow-ups, ${FINDINGS} open findings; ${dueCount} models due`);
  return [
    { name: `cycle next (${MODELS} models, ${FOLLOW_UPS + FINDINGS} follow-ups and findings)`, value: nextTime.wall, unit: 'ms', target: { op: '<', value: 3_000 } },
    { name: `due list on ${MODELS} models, median of 5`, value: median(dues.map((t) => t.wall)), unit: 'ms', target: { op: '<', value: 200 } },
    { name: `posture (Overview data) on ${MODELS} models, median of 5`, value: median(postures.map((t) => t.wall)), unit: 'ms', target: { op: '<', value: 200 } },
    { name: "the Overview's other calls (lineage, KPIs beside last cycle's, models, taxonomy), median of 5", value: median(overviews.map((t) => t.wall)), unit: 'ms' },
    { name: 'cycle next, CPU time', value: nextTime.cpu, unit: 'ms' },
    { name: 'due list, CPU time, median of 5', value: median(dues.map((t) => t.cpu)), unit: 'ms' },
    { name: 'posture, CPU time, median of 5', value: median(postures.map((t) => t.cpu)), unit: 'ms' },
  ];
}
