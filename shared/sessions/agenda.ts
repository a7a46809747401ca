import { rankModels, type Rankable } from '../scoring/ranking';
import type { PullReason } from './session';

export interface AgendaEntry {
  modelId: string;
  /** The model's rank on the whole heatmap. */
  rank: number;
  topQuartile: boolean;
  pulledUp: PullReason[];
}

/**
 * The agenda the board walks: models in heatmap order (heat, then impact, then id, as
 * rankModels), except that a model with an expired risk acceptance or an overdue action
 * comes first, because the board owes it a look whatever its heat; among those pulled up
 * the heatmap order holds. The top quartile is that of the whole heatmap, so a short
 * agenda (`include`) flags the same models the heatmap does.
 */
export function orderAgenda<T extends Rankable>(
  models: readonly T[],
  pulled: ReadonlyMap<string, readonly PullReason[]>,
  include?: ReadonlySet<string>,
): AgendaEntry[] {
  const entries = rankModels(models)
    .filter((r) => include === undefined || include.has(r.model.id))
    .map((r) => ({ modelId: r.model.id, rank: r.rank, topQuartile: r.topQuartile, pulledUp: [...(pulled.get(r.model.id) ?? [])].sort() }));
  return [...entries.filter((e) => e.pulledUp.length > 0), ...entries.filter((e) => e.pulledUp.length === 0)];
}

/** `items` with the one at `from` moved to `to` (both 0-based, `to` clamped to the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  const [moved] = out.splice(from, 1);
  if (moved === undefined) return out;
  out.splice(Math.max(0, Math.min(to, out.length)), 0, moved);
  return out;
}
