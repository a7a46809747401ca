import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../shared/contract/errors';
import type { HistoryEntry, Lineage } from '../../../shared/cycles/lineage';
import { readCycle } from '../store/cycleTable';
import { listCarried } from '../store/followupTable';
import { listRegisterFindings } from '../store/findingTable';
import { listPriorScores, readPredecessor } from '../store/lineageTable';
import { countModels, getModel } from '../store/modelTable';
import type { Workspace } from '../store/workspace';
import { standings } from './standing';

/** Where the predecessor's file is expected: beside this workspace, under the name recorded at the hand-over. */
export function predecessorPath(ws: Workspace): string | null {
  const p = readPredecessor(ws.reader);
  return p ? path.join(path.dirname(ws.path), p.file) : null;
}

export function cycleLineage(ws: Workspace): Lineage {
  const db = ws.reader;
  const predecessor = readPredecessor(db);
  const here = readCycle(db);
  const carried = listCarried(db);
  const count = (k: 'condition' | 'mitigation' | 'acceptance') => carried.filter((f) => f.kind === k).length;
  const file = predecessorPath(ws);
  return {
    predecessor,
    predecessorPresent: file !== null && fs.existsSync(file),
    carried: {
      models: predecessor ? countModels(db) : 0,
      // Carried bundles were imported in the transaction that created the cycle.
      bundles: predecessor ? (db.prepare('SELECT count(*) FROM bundles WHERE imported_at = ?').pluck().get(here?.created_at ?? '') as number) : 0,
      conditions: count('condition'),
      mitigations: count('mitigation'),
      acceptances: count('acceptance'),
      findings: listRegisterFindings(db).filter((f) => f.bornCycleId !== here?.id).length,
      priorScores: listPriorScores(db).length,
    },
  };
}

/** A model's tier, heat and decision per cycle, oldest first; this cycle's row is computed now. */
export function modelHistory(ws: Workspace, modelId: string): HistoryEntry[] {
  if (!getModel(ws.reader, modelId)) throw new UserError('not_found', `There is no model "${modelId}" in this cycle.`, 'modelId');
  const st = standings(ws).get(modelId);
  const cycle = readCycle(ws.reader);
  const earlier: HistoryEntry[] = (st?.history ?? []).map((e) => ({
    cycleId: e.cycleId,
    cycleName: e.cycleName,
    periodEnd: e.periodEnd,
    tier: e.tier,
    heat: e.heat,
    outcome: e.outcome,
    decisionDate: e.decisionDate,
    modelVersion: e.modelVersion,
    current: false,
  }));
  const decided = st?.decided ?? null;
  return [
    ...earlier,
    {
      cycleId: cycle?.id ?? '',
      cycleName: cycle?.name ?? '',
      periodEnd: cycle?.period_end ?? null,
      tier: st?.row.tier ?? null,
      heat: st?.row.heat ?? null,
      outcome: decided?.decision.outcome ?? null,
      decisionDate: decided?.decision.decisionDate ?? null,
      modelVersion: decided ? (st?.last?.modelVersion ?? null) : null,
      current: true,
    },
  ];
}
