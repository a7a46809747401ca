import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../shared/contract/errors';
import type { HistoryEntry, Lineage } from '../../../shared/cycles/lineage';
import { readCycle } from '../store/cycleTable';
import { countCarried } from '../store/followupTable';
import { countFindingsBornElsewhere } from '../store/findingTable';
import { countPriorScores, listPriorScores, readPredecessor } from '../store/lineageTable';
import { countModels, getModel } from '../store/modelTable';
import { Workspace } from '../store/workspace';
import type { CallResult, ParsedArgs } from '../../../shared/contract/calls';
import { heatmap, heatmapTimeline } from '../scoring/scoreService';
import { standings } from './standing';

/** Where the predecessor's file is expected: beside this workspace, under the name recorded at the hand-over. */
export function predecessorPath(ws: Workspace): string | null {
  const p = readPredecessor(ws.reader);
  return p ? path.join(path.dirname(ws.path), p.file) : null;
}

/** The predecessor cycle's scores, shown beside this cycle's, never as current. */
export function priorScores(ws: Workspace, a: ParsedArgs<'scores.prior'>): CallResult<'scores.prior'> {
  return listPriorScores(ws.reader, a.modelId);
}

export function cycleLineage(ws: Workspace): Lineage {
  const db = ws.reader;
  const predecessor = readPredecessor(db);
  const here = readCycle(db);
  // Counted by SQLite: the Overview asks again after every change, and reading every carried
  // follow-up, finding and prior score into objects to count them took a fifth of a second
  // on a cycle of 5,000 models.
  const carried = countCarried(db);
  const file = predecessorPath(ws);
  return {
    predecessor,
    predecessorPresent: file !== null && fs.existsSync(file),
    carried: {
      models: predecessor ? countModels(db) : 0,
      // Carried bundles were imported in the transaction that created the cycle.
      bundles: predecessor ? (db.prepare('SELECT count(*) FROM bundles WHERE imported_at = ?').pluck().get(here?.created_at ?? '') as number) : 0,
      conditions: carried.condition,
      mitigations: carried.mitigation,
      acceptances: carried.acceptance,
      findings: countFindingsBornElsewhere(db, here?.id),
      priorScores: countPriorScores(db),
    },
  };
}

/** A model's tier, heat and decision per cycle, oldest first; this cycle's row is computed now. */
export function modelHistory(ws: Workspace, a: ParsedArgs<'models.history'>): HistoryEntry[] {
  const { modelId } = a;
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

/**
 * The predecessor's heatmap, now or as of a moment, with its timeline: the time control
 * steps back across the hand-over when the predecessor's file lies beside this one.
 */
export function previousHeatmap(ws: Workspace, a: ParsedArgs<'heatmap.previous'>): CallResult<'heatmap.previous'> {
  const file = predecessorPath(ws);
  const predecessor = readPredecessor(ws.reader);
  if (!file || !predecessor) throw new UserError('not_found', 'This cycle was not started from another one, so there is no earlier heatmap.');
  if (!fs.existsSync(file)) throw new UserError('not_found', `The file of ${predecessor.name}, ${predecessor.file}, is not beside this workspace; put it there to step back into it.`);
  const prev = Workspace.open(file, { readonly: true, clock: ws.clock });
  try {
    if (readCycle(prev.reader)?.id !== predecessor.cycleId) {
      throw new UserError('workspace_refused', `${predecessor.file} beside this workspace is another cycle, not ${predecessor.name}.`);
    }
    return { ...heatmap(prev, a.asOf === undefined ? {} : { asOf: a.asOf }), cycleName: predecessor.name, timeline: heatmapTimeline(prev) };
  } finally {
    prev.close();
  }
}
