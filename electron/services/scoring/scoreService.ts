import type { CallResult, ParsedArgs, Score } from '../../../shared/contract/calls';
import { UserError } from '../../../shared/contract/errors';
import { heatOf, type ScoresByKey } from '../../../shared/scoring/heat';
import { rankModels } from '../../../shared/scoring/ranking';
import { checkScore } from '../../../shared/scoring/score';
import { tierOf } from '../../../shared/scoring/tier';
import { currentTaxonomy } from '../cycles/cycleService';
import { getModel, listModels } from '../store/modelTable';
import { getScore, listScores, putScore, scoreEntityId, scoreImage } from '../store/scoreTable';
import type { Workspace } from '../store/workspace';

/** Records an analyst's score; the band defaults to the score itself. */
export function setScore(ws: Workspace, a: ParsedArgs<'scores.set'>): Score {
  const model = getModel(ws.reader, a.modelId);
  if (!model) throw new UserError('not_found', `There is no model "${a.modelId}" in this cycle.`, 'modelId');
  const taxonomy = currentTaxonomy(ws);
  const dimension = taxonomy.dimensions.find((d) => d.key === a.dimension);
  if (!dimension) {
    throw new UserError('invalid_argument', `"${a.dimension}" is not a dimension of taxonomy v${taxonomy.version}; use one of ${taxonomy.dimensions.map((d) => d.key).join(', ')}.`, 'dimension');
  }
  const lo = a.lo ?? a.value;
  const hi = a.hi ?? a.value;
  const problem = checkScore({ value: a.value, lo, hi }, `the ${dimension.label.toLowerCase()} score of ${model.name}`);
  if (problem) throw new UserError('invalid_argument', problem, lo > a.value || lo < 1 ? 'lo' : hi < a.value || hi > 5 ? 'hi' : 'value');
  return ws.transaction((tx) => {
    const before = getScore(tx.db, model.id, dimension.key);
    const score: Score = {
      modelId: model.id,
      dimension: dimension.key,
      value: a.value,
      lo,
      hi,
      source: 'analyst',
      rationale: a.rationale,
      taxonomyVersion: taxonomy.version,
      scoredBy: tx.actor,
      scoredAt: tx.now,
    };
    putScore(tx.db, score);
    tx.audit({ action: 'score.set', entity: 'score', entityId: scoreEntityId(model.id, dimension.key), before: before ? scoreImage(before) : null, after: scoreImage(score) });
    return score;
  });
}

/** Every model with its heat, band, tier and rank under the current taxonomy, in heatmap order. */
export function heatmap(ws: Workspace): CallResult<'heatmap.get'> {
  const taxonomy = currentTaxonomy(ws);
  const scores = listScores(ws.reader);
  const byModel = new Map<string, Record<string, Score>>();
  for (const s of scores) byModel.set(s.modelId, { ...(byModel.get(s.modelId) ?? {}), [s.dimension]: s });
  const models = listModels(ws.reader).map((m) => {
    const mine = byModel.get(m.id) ?? {};
    const heat = heatOf(taxonomy.dimensions, mine as ScoresByKey);
    return { id: m.id, model: m, scores: mine, ...heat };
  });
  return {
    taxonomyVersion: taxonomy.version,
    rows: rankModels(models).map(({ model: r, rank, topQuartile }) => ({
      model: { id: r.model.id, name: r.model.name, owner: r.model.owner, productLine: r.model.productLine, regions: r.model.regions, context: r.model.deployment.context },
      scores: r.scores,
      heat: r.heat,
      band: r.band,
      likelihood: r.likelihood,
      impact: r.impact,
      tier: tierOf(r.heat, taxonomy.thresholds),
      rank,
      topQuartile,
    })),
  };
}
