import type { z } from 'zod';
import { DueArgsSchema, dueReasons, nextReview, orderDue, reviewMonthsOf, urgencyOf, type DueFacts, type DueModel } from '../../../shared/cycles/due';
import { evidenceMetrics } from '../../../shared/scoring/evidenceMetrics';
import { proposeScore, ruleHolds } from '../../../shared/scoring/evidenceRules';
import { metricNumberSaying } from '../../../shared/text/numbers';
import type { ValidationReport } from '../../../shared/validation/report';
import { decisionsInForce } from '../store/decisionTable';
import { carriedInPlay } from '../store/followupTable';
import { openSevereFindings } from '../store/findingTable';
import { listModels } from '../store/modelTable';
import { listScores } from '../store/scoreTable';
import type { Workspace } from '../store/workspace';
import { parse, todayOf } from '../sessions/sessionGuards';
import type { Taxonomy } from '../../../shared/domain/taxonomy';
import type { Model } from '../../../shared/domain/model';
import type { HeatmapRow } from '../../../shared/contract/calls';
import { buildHeatmapRows, openSevereByModel } from '../scoring/scoreService';
import type { HeatTier, Tier } from '../../../shared/scoring/tier';
import { latestEvidence, standings, type Standing } from './standing';
import { currentTaxonomy } from './cycleService';

/** A rule proposing this score or more reads as a breach the board must see. */
const BREACH_SCORE = 4;

/**
 * The tier the review frequency follows. An incomplete tier (too few dimensions scored)
 * could hide anything, so the model is reviewed as often as a critical one until it is scored.
 */
function reviewTier(tier: Tier | null): HeatTier | null {
  return tier === 'incomplete' ? 'critical' : tier;
}

/** Acceptances and open actions in force per model: this cycle's decisions and what was carried in. */
export function followUpsInForce(ws: Workspace) {
  const db = ws.reader;
  const acceptances = new Map<string, { id: string; risk: string; expiry: string }[]>();
  const actions = new Map<string, { kind: 'condition' | 'mitigation'; text: string; due: string }[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  const latest = new Map<string, string>();
  const inForce = decisionsInForce(db);
  for (const x of inForce) latest.set(x.modelId, x.decision.id);
  for (const x of inForce) {
    for (const c of x.decision.conditions) if (c.status === 'open') push(actions, x.modelId, { kind: 'condition' as const, text: c.text, due: c.due });
    for (const m of x.decision.mitigations) if (m.status === 'open') push(actions, x.modelId, { kind: 'mitigation' as const, text: m.action, due: m.due });
    if (latest.get(x.modelId) === x.decision.id) for (const a of x.decision.acceptances) push(acceptances, x.modelId, { id: a.id, risk: a.risk, expiry: a.expiry });
  }
  for (const f of carriedInPlay(db)) {
    if (f.kind === 'acceptance') {
      // A decision of this cycle on the model supersedes what was accepted before.
      if (!latest.has(f.modelId)) push(acceptances, f.modelId, { id: f.id, risk: f.text, expiry: f.due });
    } else push(actions, f.modelId, { kind: f.kind, text: f.text, due: f.due });
  }
  return { acceptances, actions };
}

/** The metric breaches of a report against the taxonomy's rules: the rules that propose 4 or 5. */
function breachesOf(report: ValidationReport, dimensions: Taxonomy['dimensions']): string[] {
  const metrics = evidenceMetrics(report);
  const out: string[] = [];
  for (const d of dimensions) {
    const p = proposeScore(d.rules, metrics);
    if (p && p.score >= BREACH_SCORE) out.push(`${p.rule.metric} = ${metricNumberSaying(p.observed, (x) => ruleHolds(p.rule, x))} (${d.label}: ${p.rule.metric} ${p.rule.op} ${p.rule.value} proposes ${p.score})`);
  }
  return out;
}

/** Which models need the board as of the day given (default today), and why, most urgent first. */
export function dueModels(ws: Workspace, args: z.input<typeof DueArgsSchema> = {}): DueModel[] {
  const a = parse(DueArgsSchema, args);
  const today = a.asOf ?? todayOf(ws.clock);
  return dueFrom(ws, today, dueInputs(ws));
}

/** What the due list and the posture both read, gathered once. */
export interface DueInputs {
  taxonomy: Taxonomy;
  models: Model[];
  /** The heatmap as it stands now, in its order. */
  rows: HeatmapRow[];
  severe: ReturnType<typeof openSevereFindings>;
  stand: Map<string, Standing>;
  evidence: ReturnType<typeof latestEvidence>;
  followUps: ReturnType<typeof followUpsInForce>;
}

/**
 * Reads each table the due list needs once: on thousands of models the time goes into
 * turning rows into objects, so the map is built here from the same models and open
 * findings the due reasons read, rather than read again through the heatmap call.
 */
export function dueInputs(ws: Workspace): DueInputs {
  const db = ws.reader;
  const taxonomy = currentTaxonomy(ws);
  const models = listModels(db);
  const severe = openSevereFindings(db);
  const rows = buildHeatmapRows(taxonomy, models, listScores(db), openSevereByModel(severe));
  return { taxonomy, models, rows, severe, stand: standings(ws, rows), evidence: latestEvidence(db), followUps: followUpsInForce(ws) };
}

export function dueFrom(ws: Workspace, today: string, inputs: DueInputs): DueModel[] {
  const db = ws.reader;
  const { taxonomy, stand, evidence } = inputs;
  const months = reviewMonthsOf(taxonomy);
  const { acceptances, actions } = inputs.followUps;
  const severe = new Map<string, { severity: 'high' | 'critical'; title: string; openedOn: string }[]>();
  for (const f of inputs.severe) {
    const list = severe.get(f.modelId);
    if (list) list.push(f);
    else severe.set(f.modelId, [f]);
  }
  const reportOf = db.prepare('SELECT report FROM bundles WHERE sha256 = ?').pluck();
  const out: DueModel[] = [];
  for (const m of inputs.models) {
    const st = stand.get(m.id);
    const last = st?.last ?? null;
    const latest = evidence.get(m.id);
    // What the board already weighed when it decided in this cycle is not a new reason.
    const decidedAt = last?.thisCycle ? (st?.decided?.decision.decidedAt ?? null) : null;
    const freshBundle = latest !== undefined && (decidedAt === null || latest.importedAt > decidedAt);
    const facts: DueFacts = {
      modelId: m.id,
      modelName: m.name,
      owner: m.owner,
      tier: reviewTier(st?.row.tier ?? st?.history.at(-1)?.tier ?? null),
      lastDecision: last ? { date: last.date, modelVersion: last.modelVersion, predictionsSha256: last.predictionsSha256 } : null,
      currentVersion: latest?.modelVersion ?? m.version,
      latestPredictionsSha256: latest?.predictionsSha256 ?? null,
      acceptances: acceptances.get(m.id) ?? [],
      actions: actions.get(m.id) ?? [],
      breaches: freshBundle && latest ? breachesOf(JSON.parse(reportOf.get(latest.sha256) as string) as ValidationReport, taxonomy.dimensions) : [],
      openSevereFindings: (severe.get(m.id) ?? []).filter((f) => decidedAt === null || f.openedOn > decidedAt.slice(0, 10)),
    };
    const reasons = dueReasons(facts, today, months);
    if (reasons.length === 0) continue;
    out.push({
      modelId: m.id,
      modelName: m.name,
      owner: m.owner,
      tier: facts.tier,
      lastDecisionDate: last?.date ?? null,
      nextReview: nextReview(facts, months),
      urgency: urgencyOf(reasons),
      reasons,
    });
  }
  return orderDue(out);
}
