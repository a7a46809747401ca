import type { CallResult, Heatmap, HeatmapRow, ParsedArgs, Proposal, Score, ScoreEvidence } from '../../../shared/contract/calls';
import { UserError } from '../../../shared/contract/errors';
import type { Model } from '../../../shared/domain/model';
import type { Dimension, Taxonomy } from '../../../shared/domain/taxonomy';
import { evidenceMetrics } from '../../../shared/scoring/evidenceMetrics';
import { proposeScore, ruleHolds } from '../../../shared/scoring/evidenceRules';
import { heatOf, type ScoresByKey } from '../../../shared/scoring/heat';
import { rankModels } from '../../../shared/scoring/ranking';
import { checkScore } from '../../../shared/scoring/score';
import { assessTier, NO_OPEN_SEVERE, type OpenSevere } from '../../../shared/scoring/tier';
import { readCycle } from '../store/cycleTable';
import { currentTaxonomy } from '../cycles/cycleService';
import { eventsOf, imagesAsOf } from '../store/auditHistory';
import { openSevereFindings } from '../store/findingTable';
import { bundleReport, findingOfModel, latestBundlePerModel, listBundles } from '../store/bundleTable';
import { getModel, listModels } from '../store/modelTable';
import { getScore, listScores, listScoreValues, putScore, scoreEntityId, scoreFromImage, scoreImage, type ScoreValues } from '../store/scoreTable';
import type { Workspace } from '../store/workspace';
import { metricNumberSaying } from '../../../shared/text/numbers';

function requireModel(ws: Workspace, modelId: string): Model {
  const model = getModel(ws.reader, modelId);
  if (!model) throw new UserError('not_found', `There is no model "${modelId}" in this cycle.`, 'modelId');
  return model;
}

function requireDimension(taxonomy: Taxonomy, key: string, field: string): Dimension {
  const dimension = taxonomy.dimensions.find((d) => d.key === key);
  if (!dimension) {
    throw new UserError('invalid_argument', `"${key}" is not a dimension of taxonomy v${taxonomy.version}; use one of ${taxonomy.dimensions.map((d) => d.key).join(', ')}.`, field);
  }
  return dimension;
}

/** Each dimension's rule proposal for a model, from its most recently imported bundle. */
function proposalsFor(ws: Workspace, taxonomy: Taxonomy, modelId: string): Map<string, Proposal> {
  const latest = listBundles(ws.reader, modelId)[0];
  const proposals = new Map<string, Proposal>();
  if (!latest) return proposals;
  const report = bundleReport(ws.reader, latest.sha256);
  if (!report) return proposals;
  const metrics = evidenceMetrics(report);
  for (const d of taxonomy.dimensions) {
    const p = proposeScore(d.rules, metrics);
    if (!p) continue;
    proposals.set(d.key, {
      score: p.score,
      metric: p.rule.metric,
      op: p.rule.op,
      value: p.rule.value,
      observed: p.observed,
      observedText: metricNumberSaying(p.observed, (x) => ruleHolds(p.rule, x)),
      bundleSha256: latest.sha256,
      rule: `${p.rule.metric} ${p.rule.op} ${p.rule.value} -> ${p.rule.score}`,
    });
  }
  return proposals;
}

/**
 * The bundle (and finding) an analyst links a score to: a finding brings its bundle, and
 * both must be this model's evidence.
 */
function linkedEvidence(ws: Workspace, model: Model, given: ParsedArgs<'scores.set'>['evidence']): ScoreEvidence | null {
  if (given?.findingId !== undefined) {
    const finding = findingOfModel(ws.reader, model.id, given.findingId);
    if (!finding) throw new UserError('not_found', `Finding #${given.findingId} is not one of ${model.name}'s findings; link one of its own.`, 'evidence.findingId');
    if (given.bundleSha256 !== undefined && given.bundleSha256 !== finding.bundleSha256) {
      throw new UserError('invalid_argument', `Finding #${given.findingId} belongs to bundle ${finding.bundleSha256.slice(0, 12)}…, not to the bundle linked.`, 'evidence.findingId');
    }
    return { bundleSha256: finding.bundleSha256, metric: null, observed: null, rule: null, findingId: given.findingId };
  }
  const bundleSha256 = given?.bundleSha256;
  if (bundleSha256 === undefined) return null;
  if (!listBundles(ws.reader, model.id).some((b) => b.sha256 === bundleSha256)) {
    throw new UserError('not_found', `The bundle ${bundleSha256.slice(0, 12)}… is not evidence of ${model.name}; link one of its imported bundles.`, 'evidence.bundleSha256');
  }
  return { bundleSha256, metric: null, observed: null, rule: null };
}

/**
 * Records an analyst's score; the band defaults to the score itself. Scoring against a
 * rule's proposal needs a rationale: the board will ask why the evidence was overruled.
 */
export function setScore(ws: Workspace, a: ParsedArgs<'scores.set'>): Score {
  const model = requireModel(ws, a.modelId);
  const taxonomy = currentTaxonomy(ws);
  const dimension = requireDimension(taxonomy, a.dimension, 'dimension');
  const lo = a.lo ?? a.value;
  const hi = a.hi ?? a.value;
  const problem = checkScore({ value: a.value, lo, hi }, `the ${dimension.label.toLowerCase()} score of ${model.name}`);
  if (problem) throw new UserError('invalid_argument', problem, lo > a.value || lo < 1 ? 'lo' : hi < a.value || hi > 5 ? 'hi' : 'value');
  const proposal = proposalsFor(ws, taxonomy, model.id).get(dimension.key);
  if (proposal && proposal.score !== a.value && a.rationale === '') {
    throw new UserError(
      'invalid_argument',
      `The rule "${proposal.rule}" proposes ${proposal.score} for ${dimension.label} of ${model.name} (observed ${proposal.metric} = ${proposal.observedText}); to score ${a.value} instead, write a rationale.`,
      'rationale',
    );
  }
  const evidence = linkedEvidence(ws, model, a.evidence);
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
      evidence,
    };
    putScore(tx.db, score);
    tx.audit({ action: 'score.set', entity: 'score', entityId: scoreEntityId(model.id, dimension.key), before: before ? scoreImage(before) : null, after: scoreImage(score) });
    return score;
  });
}

export function scoreProposals(ws: Workspace, a: ParsedArgs<'scores.proposals'>): CallResult<'scores.proposals'> {
  const model = requireModel(ws, a.modelId);
  const taxonomy = currentTaxonomy(ws);
  const proposals = proposalsFor(ws, taxonomy, model.id);
  return taxonomy.dimensions.map((d) => ({
    dimension: d.key,
    proposal: proposals.get(d.key) ?? null,
    current: getScore(ws.reader, model.id, d.key) ?? null,
  }));
}

/** Why "accept all" left a dimension's analyst score in place, in the drawer's words. */
function keptReason(score: Score, proposal: Proposal): string {
  const when = score.scoredAt.slice(0, 16).replace('T', ' ');
  return `${score.scoredBy} scored ${score.value} at ${when} UTC${score.value === proposal.score ? '' : ` against the rule's ${proposal.score}`}.`;
}

/**
 * Turns rule proposals into rule scores; a dimension already holding that rule score is
 * left alone. Accepting them all fills only dimensions no analyst has scored: an analyst's
 * score (often set against the rule, with a rationale) is kept and named in `kept`. Naming
 * a dimension is a deliberate choice and replaces its score.
 */
export function acceptProposals(ws: Workspace, a: ParsedArgs<'scores.acceptProposals'>): CallResult<'scores.acceptProposals'> {
  const model = requireModel(ws, a.modelId);
  const taxonomy = currentTaxonomy(ws);
  const proposals = proposalsFor(ws, taxonomy, model.id);
  for (const key of a.dimensions ?? []) {
    const d = requireDimension(taxonomy, key, 'dimensions');
    if (!proposals.has(key)) throw new UserError('invalid_argument', `No evidence rule proposes a score for ${d.label} of ${model.name}.`, 'dimensions');
  }
  if (proposals.size === 0) {
    throw new UserError('invalid_argument', `No evidence rule proposes a score for ${model.name}: import a bundle for it, or add rules to the taxonomy.`, 'modelId');
  }
  const all = a.dimensions === undefined;
  const kept: CallResult<'scores.acceptProposals'>['kept'] = [];
  const wanted = (all ? [...proposals.keys()] : [...new Set(a.dimensions)]).filter((key) => {
    const p = proposals.get(key) as Proposal;
    const now = getScore(ws.reader, model.id, key);
    if (all && now?.source === 'analyst') {
      kept.push({ dimension: key, reason: keptReason(now, p) });
      return false;
    }
    return !(now && now.source === 'rule' && now.value === p.score && now.evidence?.bundleSha256 === p.bundleSha256 && now.taxonomyVersion === taxonomy.version);
  });
  if (wanted.length === 0) return { accepted: [], kept };
  const accepted = ws.transaction((tx) =>
    wanted.map((key) => {
      const p = proposals.get(key) as Proposal;
      const before = getScore(tx.db, model.id, key);
      const score: Score = {
        modelId: model.id,
        dimension: key,
        value: p.score,
        lo: p.score,
        hi: p.score,
        source: 'rule',
        rationale: `Rule ${p.rule}: ${p.metric} = ${p.observedText} in bundle ${p.bundleSha256.slice(0, 12)}.`,
        taxonomyVersion: taxonomy.version,
        scoredBy: tx.actor,
        scoredAt: tx.now,
        evidence: { bundleSha256: p.bundleSha256, metric: p.metric, observed: p.observed, rule: p.rule },
      };
      putScore(tx.db, score);
      tx.audit({ action: 'score.accept_rule', entity: 'score', entityId: scoreEntityId(model.id, key), before: before ? scoreImage(before) : null, after: scoreImage(score) });
      return score;
    }),
  );
  return { accepted, kept };
}

/** Open high and critical findings per model, from the register's rows or their audited images. */
export function openSevereByModel(findings: Iterable<{ modelId: string; severity: string }>): Map<string, OpenSevere> {
  const byModel = new Map<string, OpenSevere>();
  for (const f of findings) {
    if (f.severity !== 'high' && f.severity !== 'critical') continue;
    const mine = byModel.get(f.modelId) ?? { high: 0, critical: 0 };
    mine[f.severity] += 1;
    byModel.set(f.modelId, mine);
  }
  return byModel;
}

/** Heat, band, coverage, tier (with floors) and rank of every model under one taxonomy, in heatmap order. */
export function buildHeatmapRows<S extends ScoreValues = Score>(
  taxonomy: Taxonomy,
  models: readonly Model[],
  scores: readonly S[],
  open: ReadonlyMap<string, OpenSevere> = new Map(),
): (Omit<HeatmapRow, 'scores'> & { scores: Record<string, S> })[] {
  const byModel = new Map<string, Record<string, S>>();
  for (const s of scores) {
    const mine = byModel.get(s.modelId) ?? {};
    mine[s.dimension] = s;
    byModel.set(s.modelId, mine);
  }
  const withHeat = models.map((m) => {
    const mine = byModel.get(m.id) ?? {};
    return { id: m.id, model: m, scores: mine, ...heatOf(taxonomy.dimensions, mine as ScoresByKey) };
  });
  return rankModels(withHeat).map(({ model: r, rank, topQuartile }) => {
    const openSevere = open.get(r.model.id) ?? NO_OPEN_SEVERE;
    const assessed = assessTier(taxonomy, r.heat, r.scores as ScoresByKey, openSevere);
    return {
      model: { id: r.model.id, name: r.model.name, owner: r.model.owner, productLine: r.model.productLine, regions: r.model.regions, context: r.model.deployment.context },
      scores: r.scores,
      heat: r.heat,
      band: r.band,
      likelihood: r.likelihood,
      impact: r.impact,
      tier: assessed.tier,
      rank,
      topQuartile,
      coverage: assessed.coverage,
      openSevere: { ...openSevere },
      floor: assessed.floor,
    };
  });
}

function openSevereNow(ws: Workspace): Map<string, OpenSevere> {
  return openSevereByModel(openSevereFindings(ws.reader));
}

/** The taxonomy in force at a moment: the newest version created at or before it. */
function taxonomyAsOf(ws: Workspace, asOf: string): Taxonomy {
  const versions = [...imagesAsOf(ws.reader, 'taxonomy', asOf).values()] as unknown as Taxonomy[];
  const newest = versions.sort((x, y) => y.version - x.version)[0];
  if (!newest) {
    const start = readCycle(ws.reader)?.created_at ?? 'its creation';
    throw new UserError('invalid_argument', `The cycle did not exist yet at ${asOf}; it was created at ${start}.`, 'asOf');
  }
  return newest;
}

/**
 * The heatmap now, or as it stood at `asOf`, rebuilt from the audit log alone (models,
 * scores and the taxonomy version then in force), so the past cannot drift from the record.
 */
export function heatmap(ws: Workspace, a: ParsedArgs<'heatmap.get'> = {}): Heatmap {
  if (a.asOf === undefined) {
    const taxonomy = currentTaxonomy(ws);
    return { taxonomyVersion: taxonomy.version, taxonomy, asOf: null, rows: buildHeatmapRows(taxonomy, listModels(ws.reader), listScores(ws.reader), openSevereNow(ws)) };
  }
  const asOf = new Date(a.asOf).toISOString();
  const taxonomy = taxonomyAsOf(ws, asOf);
  const models = [...imagesAsOf(ws.reader, 'model', asOf).values()] as unknown as Model[];
  models.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const scores = [...imagesAsOf(ws.reader, 'score', asOf).values()].map(scoreFromImage);
  // The register as it stood then: a finding closed since still raised the floor at that moment.
  const findings = [...imagesAsOf(ws.reader, 'finding', asOf).values()] as unknown as { modelId: string; severity: string; status: string }[];
  const open = openSevereByModel(findings.filter((f) => f.status === 'open' || f.status === 'in_remediation'));
  return { taxonomyVersion: taxonomy.version, taxonomy, asOf, rows: buildHeatmapRows(taxonomy, models, scores, open) };
}

/**
 * The named models' rows from their own scores only, so a live update costs a few rows,
 * not the whole map. Their rank and top-quartile flag are left for the caller to derive
 * (they depend on every model); the map re-ranks with the same shared function.
 */
export function heatmapRows(ws: Workspace, a: ParsedArgs<'heatmap.rows'>): CallResult<'heatmap.rows'> {
  const taxonomy = currentTaxonomy(ws);
  const models = [...new Set(a.modelIds)].map((id) => requireModel(ws, id));
  const scores = models.flatMap((m) => listScores(ws.reader, m.id));
  return { taxonomyVersion: taxonomy.version, rows: buildHeatmapRows(taxonomy, models, scores, openSevereNow(ws)) };
}

export function heatmapTimeline(ws: Workspace): CallResult<'heatmap.timeline'> {
  const start = readCycle(ws.reader)?.created_at;
  if (start === undefined) throw new UserError('workspace_refused', `${ws.path} holds no review cycle; the workspace is incomplete.`);
  const events = eventsOf(ws.reader, ['score', 'taxonomy', 'model']).map(({ seq, at, actor, action, entityId }) => ({ seq, at, actor, action, entityId }));
  return { start, events };
}

/** The inventory: every model in heatmap order with its risk and its latest evidence. */
export function inventory(ws: Workspace): CallResult<'models.inventory'> {
  const taxonomy = currentTaxonomy(ws);
  const models = listModels(ws.reader);
  const byId = new Map(models.map((m) => [m.id, m]));
  const latest = latestBundlePerModel(ws.reader);
  return buildHeatmapRows(taxonomy, models, listScoreValues(ws.reader), openSevereNow(ws)).map((r) => {
    const bundle = latest.get(r.model.id);
    return {
      model: byId.get(r.model.id) as Model,
      heat: r.heat,
      band: r.band,
      tier: r.tier,
      rank: r.rank,
      scored: Object.keys(r.scores).filter((k) => taxonomy.dimensions.some((d) => d.key === k)).length,
      lastBundle: bundle ? { sha256: bundle.sha256, version: bundle.version, importedAt: bundle.importedAt } : null,
      openFindings: bundle?.openFindings ?? 0,
    };
  });
}
