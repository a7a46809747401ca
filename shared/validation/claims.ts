import { claimNumber, type ClaimValue, type Claims } from '../bundle/manifest';
import { computeDialect, describeDefinition, neighbours, resolveDefinition, type DialectScope, type FairnessGroups } from '../dialects/registry';
import { BinarySegment, gather, RegressionSegment, splitByGroup, type Confusions } from '../dialects/segments';
import type { DriftResult } from '../metrics/drift';
import type { GroupLabels } from '../metrics/partition';
import type { BinaryMetrics } from '../metrics/binary';
import type { RegressionMetrics } from '../metrics/regression';
import type { ClaimCheck, Finding, MetricSet } from './report';

/**
 * Compares what a bundle claims with what we recompute, each claim under the definition it
 * names or its name implies (shared/dialects/registry.ts). A claim that fails there but
 * holds under a definition one parameter away says which; a claim under a name or an
 * implementation we do not know is "not checked", with the reason, never a silent pass.
 */

export const DEFAULT_TOLERANCE = 0.001;

export interface ClaimPredictions {
  /** 0 and 1 for a binary task, as bytes or float64. */
  yTrue: Float64Array | Uint8Array;
  yScore: Float64Array;
  groups: ReadonlyMap<string, GroupLabels>;
}

export interface ClaimContext {
  task: 'binary_classification' | 'regression';
  decisionThreshold: number;
  predictions: ClaimPredictions | null;
  drift: Readonly<Record<string, DriftResult>>;
  tolerance: number;
  /**
   * Our metrics of all rows and of each group, when already computed (validateBundle has
   * them), to spare a sort per segment; for a binary task also their confusion counts under
   * each rule, to spare a pass over the rows per rule.
   */
  evaluated?: {
    overall: MetricSet | null;
    groups: Readonly<Record<string, Readonly<Record<string, MetricSet>>>>;
    confusion?: { overall: Confusions | null; groups: Readonly<Record<string, Readonly<Record<string, Confusions>>>> };
  };
}

type Segment = BinarySegment | RegressionSegment;

/** The rows of each scope, split once and only when a claim needs them. */
class Segments {
  private overallSegment: Segment | undefined;
  private readonly byAttribute = new Map<string, Map<string, Segment>>();

  constructor(private readonly ctx: ClaimContext) {}

  private make(yTrue: Float64Array | Uint8Array, yScore: Float64Array, known: MetricSet | null | undefined, confusion: Confusions | null | undefined): Segment {
    // The sets are the metrics of shared/metrics under their own key names, so they stand for them.
    return this.ctx.task === 'binary_classification'
      ? new BinarySegment(yTrue, yScore, this.ctx.decisionThreshold, (known ?? undefined) as BinaryMetrics | undefined, confusion ?? undefined)
      : new RegressionSegment(yTrue instanceof Float64Array ? yTrue : Float64Array.from(yTrue), yScore, (known ?? undefined) as RegressionMetrics | undefined);
  }

  overall(): Segment | null {
    const p = this.ctx.predictions;
    if (!p) return null;
    this.overallSegment ??= this.make(p.yTrue, p.yScore, this.ctx.evaluated?.overall, this.ctx.evaluated?.confusion?.overall);
    return this.overallSegment;
  }

  groups(attribute: string): Map<string, Segment> | null {
    const p = this.ctx.predictions;
    const labels = p?.groups.get(attribute);
    if (!p || !labels) return null;
    let groups = this.byAttribute.get(attribute);
    if (!groups) {
      const known = this.ctx.evaluated?.groups[attribute];
      const confusion = this.ctx.evaluated?.confusion?.groups[attribute];
      groups = new Map([...splitByGroup(labels, (rows) => rows)].map(([value, rows]) => [value, this.make(gather(p.yTrue, rows), gather(p.yScore, rows), known?.[value], confusion?.[value])]));
      this.byAttribute.set(attribute, groups);
    }
    return groups;
  }

  fairness(attribute: string): FairnessGroups<BinarySegment> | null {
    if (this.ctx.task !== 'binary_classification') return null;
    const groups = this.groups(attribute) as Map<string, BinarySegment> | null;
    return groups && groups.size > 0 ? { attribute, groups } : null;
  }
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/0+$/, '').replace(/\.$/, '');
}

function check<T>(path: string, scope: DialectScope, name: string, claim: ClaimValue, data: T | null, missingWhy: string, tolerance: number): ClaimCheck {
  const claimed = claimNumber(claim);
  const base = { path, claimed, tolerance, recomputed: null, difference: null, neighbour: null };
  const resolved = resolveDefinition(scope, name, typeof claim === 'number' ? undefined : claim.definition);
  if (!resolved.ok) return { ...base, definition: null, status: 'not_comparable', reason: `not checked: ${resolved.reason}.` };
  const { dialect, params } = resolved;
  const definition = describeDefinition(dialect, params);
  if (data === null) return { ...base, definition, status: 'not_recomputable', reason: missingWhy };
  const value = computeDialect(dialect, params, data as never);
  if (value === null) return { ...base, definition, status: 'not_recomputable', reason: `${name} is undefined on this data (see the findings).` };
  const difference = value - claimed;
  // A hair of slack so that a claim exactly at the tolerance is not failed by rounding.
  const within = (d: number) => Math.abs(d) <= tolerance + 1e-12;
  if (within(difference)) return { ...base, definition, recomputed: value, difference, status: 'match', reason: null };
  let neighbour: ClaimCheck['neighbour'] = null;
  for (const n of neighbours(dialect, params)) {
    const v = computeDialect(dialect, n.params, data as never);
    if (v !== null && within(v - claimed) && (neighbour === null || Math.abs(v - claimed) < Math.abs(neighbour.difference))) {
      neighbour = { definition: n.label, recomputed: v, difference: v - claimed };
    }
  }
  const reason = neighbour ? `matches ${neighbour.definition} (${fmt(neighbour.recomputed)}); differs from the stated definition by ${fmt(Math.abs(difference))}.` : null;
  return { ...base, definition, recomputed: value, difference, neighbour, status: 'mismatch', reason };
}

/** Where a claim sits: its scope (overall, a group, an attribute's fairness, a feature's drift) and its metric name. */
export type ClaimScope =
  | { section: 'overall' }
  | { section: 'groups'; attribute: string; group: string }
  | { section: 'fairness'; attribute: string }
  | { section: 'drift'; feature: string };

/** One claim to check, from the manifest or lifted from an evidence file. */
export interface ClaimEntry {
  /** What the report calls it, e.g. "groups.sex.F.roc_auc" or "model_card.json quantitative_analysis.performance_metrics[0]". */
  path: string;
  scope: ClaimScope;
  metric: string;
  claim: ClaimValue;
  /** The evidence file and the place in it, for a lifted claim. */
  source?: { file: string; pointer: string };
  /** Set when the claim could not be mapped to a scope or metric: it is not checked, for this reason. */
  unmapped?: string;
  /** A confidence interval stated with the claim, [lower, upper]. */
  interval?: [number, number];
}

/** The manifest's claims, in order: overall, groups, fairness, drift. */
export function manifestEntries(claims: Claims): ClaimEntry[] {
  const out: ClaimEntry[] = [];
  for (const [metric, claim] of Object.entries(claims.overall ?? {})) out.push({ path: `overall.${metric}`, scope: { section: 'overall' }, metric, claim });
  for (const [attribute, values] of Object.entries(claims.groups ?? {})) {
    for (const [group, metrics] of Object.entries(values)) {
      for (const [metric, claim] of Object.entries(metrics)) out.push({ path: `groups.${attribute}.${group}.${metric}`, scope: { section: 'groups', attribute, group }, metric, claim });
    }
  }
  for (const [attribute, metrics] of Object.entries(claims.fairness ?? {})) {
    for (const [metric, claim] of Object.entries(metrics)) out.push({ path: `fairness.${attribute}.${metric}`, scope: { section: 'fairness', attribute }, metric, claim });
  }
  for (const [feature, metrics] of Object.entries(claims.drift ?? {})) {
    for (const [metric, claim] of Object.entries(metrics)) out.push({ path: `drift.${feature}.${metric}`, scope: { section: 'drift', feature }, metric, claim });
  }
  return out;
}

export function checkClaimEntries(entries: readonly ClaimEntry[], ctx: ClaimContext): ClaimCheck[] {
  const segments = new Segments(ctx);
  const rowScope: DialectScope = ctx.task === 'binary_classification' ? 'binary' : 'regression';
  return entries.map((e) => {
    const sourced = (c: ClaimCheck): ClaimCheck => ({ ...c, ...(e.source ? { source: e.source } : {}), ...(e.interval ? { interval: e.interval } : {}) });
    if (e.unmapped !== undefined) {
      const claimed = claimNumber(e.claim);
      return sourced({ path: e.path, claimed, tolerance: ctx.tolerance, recomputed: null, difference: null, neighbour: null, definition: null, status: 'not_comparable', reason: `not checked: ${e.unmapped}.` });
    }
    const { scope } = e;
    switch (scope.section) {
      case 'overall':
        return sourced(check(e.path, rowScope, e.metric, e.claim, segments.overall(), 'there are no predictions in the bundle to recompute it from.', ctx.tolerance));
      case 'groups': {
        const groups = segments.groups(scope.attribute);
        const why = groups === null ? `"${scope.attribute}" is not a sensitive attribute with data in the predictions.` : `no prediction row has ${scope.attribute} = "${scope.group}".`;
        return sourced(check(e.path, rowScope, e.metric, e.claim, groups?.get(scope.group) ?? null, why, ctx.tolerance));
      }
      case 'fairness': {
        const why =
          ctx.task !== 'binary_classification' ? 'fairness metrics are defined for binary classifiers.' : `"${scope.attribute}" is not a sensitive attribute with data in the predictions.`;
        return sourced(check(e.path, 'fairness', e.metric, e.claim, segments.fairness(scope.attribute), why, ctx.tolerance));
      }
      case 'drift':
        return sourced(check(e.path, 'drift', e.metric, e.claim, ctx.drift[scope.feature] ?? null, `there is no reference/current data for the feature "${scope.feature}".`, ctx.tolerance));
    }
  });
}

export function checkClaims(claims: Claims, ctx: ClaimContext): ClaimCheck[] {
  return checkClaimEntries(manifestEntries(claims), ctx);
}

/** A stated confidence interval that the recomputed value falls outside: the claim's uncertainty is understated. */
function outsideInterval(c: ClaimCheck): Finding[] {
  if (!c.interval || c.recomputed === null) return [];
  const [lo, hi] = c.interval;
  if (c.recomputed >= lo && c.recomputed <= hi) return [];
  return [
    {
      severity: 'medium',
      category: 'claim_mismatch',
      message: `${c.path} states the interval ${fmt(lo)}–${fmt(hi)}, but the recomputed value ${fmt(c.recomputed)} lies outside it.`,
      evidence: { path: c.path, interval: c.interval, recomputed: c.recomputed },
    },
  ];
}

/**
 * The findings that claim checks raise: a mismatch is high, or medium when the claim holds
 * under a neighbouring definition (an honest number under another convention); a claim
 * that cannot be recomputed or is not checked is medium.
 */
export function claimFindings(checks: readonly ClaimCheck[]): Finding[] {
  return checks.flatMap((c): Finding[] => {
    const evidence = { path: c.path, claimed: c.claimed, recomputed: c.recomputed, difference: c.difference, tolerance: c.tolerance, definition: c.definition ?? null };
    const under = c.definition ? ` under ${c.definition}` : '';
    switch (c.status) {
      case 'mismatch':
        if (c.neighbour) {
          return [
            {
              severity: 'medium',
              category: 'claim_mismatch',
              message: `${c.path} is claimed as ${fmt(c.claimed)}: it matches ${c.neighbour.definition}; differs from the stated definition (${c.definition}, ${fmt(c.recomputed as number)}) by ${fmt(Math.abs(c.difference as number))}. Ask the team to state the definition they used.`,
              evidence: { ...evidence, neighbour: c.neighbour },
            },
          ];
        }
        return [
          ...outsideInterval(c),
          {
            severity: 'high',
            category: 'claim_mismatch',
            message: `${c.path} is claimed as ${fmt(c.claimed)} but recomputes to ${fmt(c.recomputed as number)}${under} (off by ${fmt(Math.abs(c.difference as number))}, tolerance ${fmt(c.tolerance)}). Ask the team how they computed it.`,
            evidence,
          },
        ];
      case 'match':
        return outsideInterval(c);
      case 'not_recomputable':
        return [{ severity: 'medium', category: 'claim_not_recomputable', message: `${c.path} is claimed (${fmt(c.claimed)}) but cannot be recomputed${under}: ${c.reason}`, evidence }];
      case 'not_comparable':
        return [{ severity: 'medium', category: 'claim_not_comparable', message: `${c.path} (claimed ${fmt(c.claimed)}) is ${c.reason}`, evidence }];
      default:
        return [];
    }
  });
}
