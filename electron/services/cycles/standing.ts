import type { ReadDb } from '../store/handles';
import type { HeatmapRow } from '../../../shared/contract/calls';
import type { Outcome } from '../../../shared/sessions/session';
import { heatmap } from '../scoring/scoreService';
import { decisionsInForce, type DecisionInContext } from '../store/decisionTable';
import { allHistory, type StoredHistory } from '../store/lineageTable';
import type { Workspace } from '../store/workspace';

/** The board's last word on a model, from this cycle or an earlier one. */
export interface LastDecision {
  decisionId: string;
  outcome: Outcome;
  date: string;
  /** The model version and predictions file of the evidence the decision rested on. */
  modelVersion: string | null;
  predictionsSha256: string | null;
  /** True when made in this cycle. */
  thisCycle: boolean;
}

export interface Standing {
  row: HeatmapRow;
  history: StoredHistory[];
  /** This cycle's decision in force from the latest session, when the board decided on the model here. */
  decided: DecisionInContext | null;
  last: LastDecision | null;
}

/**
 * The evidence a decision rested on: the model's latest bundle imported at or before the
 * moment of the decision (its version and predictions file), so a later bundle with other
 * predictions reads as a material change.
 */
export function evidenceAt(db: ReadDb, modelId: string, at: string): { modelVersion: string; predictionsSha256: string | null; importedAt: string } | null {
  const row = db
    .prepare(
      `SELECT b.model_version AS modelVersion, b.imported_at AS importedAt, (SELECT f.sha256 FROM bundle_files f WHERE f.bundle_sha256 = b.sha256 AND f.role = 'predictions') AS predictionsSha256
       FROM bundles b WHERE b.model_id = ? AND b.imported_at <= ? ORDER BY b.imported_at DESC, b.sha256 LIMIT 1`,
    )
    .get(modelId, at) as { modelVersion: string; predictionsSha256: string | null; importedAt: string } | undefined;
  return row ?? null;
}

/** Each model's latest bundle: its version and predictions file. */
export function latestEvidence(db: ReadDb): Map<string, { sha256: string; modelVersion: string; predictionsSha256: string | null; importedAt: string }> {
  const rows = db
    .prepare(
      `SELECT b.model_id AS modelId, b.sha256, b.model_version AS modelVersion, b.imported_at AS importedAt,
              (SELECT f.sha256 FROM bundle_files f WHERE f.bundle_sha256 = b.sha256 AND f.role = 'predictions') AS predictionsSha256
       FROM bundles b
       WHERE b.sha256 = (SELECT b2.sha256 FROM bundles b2 WHERE b2.model_id = b.model_id ORDER BY b2.imported_at DESC, b2.sha256 LIMIT 1)`,
    )
    .all() as { modelId: string; sha256: string; modelVersion: string; predictionsSha256: string | null; importedAt: string }[];
  return new Map(rows.map(({ modelId, ...rest }) => [modelId, rest]));
}

/** Every model with its heatmap row, history, and the board's last decision on it. */
export function standings(ws: Workspace, rows: readonly HeatmapRow[] = heatmap(ws).rows): Map<string, Standing> {
  const db = ws.reader;
  const history = allHistory(db);
  const latest = new Map<string, DecisionInContext>();
  // decisionsInForce is oldest first: the last one seen per model is the board's latest word.
  for (const x of decisionsInForce(db)) latest.set(x.modelId, x);
  const out = new Map<string, Standing>();
  for (const row of rows) {
    const id = row.model.id;
    const h = history.get(id) ?? [];
    const decided = latest.get(id) ?? null;
    let last: LastDecision | null = null;
    if (decided) {
      const evidence = evidenceAt(db, id, decided.decision.decidedAt);
      last = {
        decisionId: decided.decision.id,
        outcome: decided.decision.outcome,
        date: decided.decision.decisionDate,
        modelVersion: evidence?.modelVersion ?? null,
        predictionsSha256: evidence?.predictionsSha256 ?? null,
        thisCycle: true,
      };
    } else {
      const earlier = [...h].reverse().find((e) => e.decisionId !== null && e.decisionDate !== null && e.outcome !== null);
      if (earlier) {
        last = {
          decisionId: earlier.decisionId as string,
          outcome: earlier.outcome as Outcome,
          date: earlier.decisionDate as string,
          modelVersion: earlier.modelVersion,
          predictionsSha256: earlier.predictionsSha256,
          thisCycle: false,
        };
      }
    }
    out.set(id, { row, history: h, decided, last });
  }
  return out;
}
