import { claimNumber, type ClaimValue, type Claims } from '../bundle/manifest';
import type { ClaimCheck, Finding, MetricSet } from './report';

/**
 * Compares what a bundle claims with what we recomputed. A claim made under another
 * definition than ours is `not_comparable` with the reason, never a mismatch (SPEC 5).
 */

export const DEFAULT_TOLERANCE = 0.001;

/** Implementations whose definition of a metric is ours; any other is not comparable. */
const OUR_DEFINITIONS: Record<string, readonly string[]> = {
  roc_auc: ['mrb', 'sklearn.metrics.roc_auc_score'],
  average_precision: ['mrb', 'sklearn.metrics.average_precision_score'],
  accuracy: ['mrb', 'sklearn.metrics.accuracy_score'],
  precision: ['mrb', 'sklearn.metrics.precision_score'],
  recall: ['mrb', 'sklearn.metrics.recall_score'],
  f1: ['mrb', 'sklearn.metrics.f1_score'],
  log_loss: ['mrb', 'sklearn.metrics.log_loss'],
  brier: ['mrb', 'sklearn.metrics.brier_score_loss'],
  rmse: ['mrb', 'sklearn.metrics.root_mean_squared_error'],
  mae: ['mrb', 'sklearn.metrics.mean_absolute_error'],
  r2: ['mrb', 'sklearn.metrics.r2_score'],
  ks: ['mrb', 'scipy.stats.ks_2samp'],
  demographic_parity_difference: ['mrb', 'fairlearn.metrics.demographic_parity_difference'],
  demographic_parity_ratio: ['mrb', 'fairlearn.metrics.demographic_parity_ratio'],
  equalized_odds_difference: ['mrb', 'fairlearn.metrics.equalized_odds_difference'],
};

/** What we mean by a metric, said in a claim check's reason. */
export const OUR_DEFINITION_TEXT: Record<string, string> = {
  psi: "PSI over the reference's deciles (numpy linear quantiles, duplicate edges dropped, right-closed bins), empty bins set to 1e-4",
  average_precision: "scikit-learn's average_precision_score (step-wise sum of (R_k - R_k-1) * P_k)",
  roc_auc: "scikit-learn's roc_auc_score (ties count one half)",
  ece: 'expected calibration error over 10 equal-width bins, bin-weighted',
};

export interface ClaimContext {
  overall: MetricSet | null;
  groups: Record<string, Record<string, MetricSet>>;
  fairness: Record<string, MetricSet>;
  drift: Record<string, MetricSet>;
  tolerance: number;
}

function describeDefinition(claim: ClaimValue): string | null {
  if (typeof claim === 'number' || claim.definition === undefined) return null;
  const { implementation, ...params } = claim.definition;
  const extra = Object.keys(params).length > 0 ? ` ${JSON.stringify(params)}` : '';
  return `${implementation}${extra}`;
}

function isOurs(metric: string, claim: ClaimValue): boolean {
  if (typeof claim === 'number' || claim.definition === undefined) return true;
  return (OUR_DEFINITIONS[metric] ?? ['mrb']).includes(claim.definition.implementation);
}

function check(path: string, metric: string, claim: ClaimValue, set: MetricSet | null | undefined, tolerance: number, missingWhy: string): ClaimCheck {
  const claimed = claimNumber(claim);
  const base = { path, claimed, tolerance };
  if (!isOurs(metric, claim)) {
    const ours = OUR_DEFINITION_TEXT[metric] ?? `our ${metric}`;
    return {
      ...base,
      recomputed: null,
      difference: null,
      status: 'not_comparable',
      reason: `claimed under ${describeDefinition(claim)}; we compute ${ours}, so the numbers are not compared.`,
    };
  }
  if (set === null || set === undefined) return { ...base, recomputed: null, difference: null, status: 'not_recomputable', reason: missingWhy };
  if (!(metric in set)) {
    return { ...base, recomputed: null, difference: null, status: 'not_comparable', reason: `we do not compute a metric named "${metric}", so the claim cannot be compared.` };
  }
  const value = set[metric];
  if (typeof value !== 'number') {
    return { ...base, recomputed: null, difference: null, status: 'not_recomputable', reason: `${metric} is undefined on this data (see the findings).` };
  }
  const difference = value - claimed;
  // A hair of slack so that a claim exactly at the tolerance is not failed by rounding.
  const status = Math.abs(difference) <= tolerance + 1e-12 ? 'match' : 'mismatch';
  return { ...base, recomputed: value, difference, status, reason: null };
}

export function checkClaims(claims: Claims, ctx: ClaimContext): ClaimCheck[] {
  const out: ClaimCheck[] = [];
  for (const [metric, claim] of Object.entries(claims.overall ?? {})) {
    out.push(check(`overall.${metric}`, metric, claim, ctx.overall, ctx.tolerance, 'there are no predictions in the bundle to recompute it from.'));
  }
  for (const [attr, values] of Object.entries(claims.groups ?? {})) {
    for (const [value, metrics] of Object.entries(values)) {
      const set = ctx.groups[attr]?.[value];
      const why = ctx.groups[attr] === undefined ? `"${attr}" is not a sensitive attribute with data in the predictions.` : `no prediction row has ${attr} = "${value}".`;
      for (const [metric, claim] of Object.entries(metrics)) out.push(check(`groups.${attr}.${value}.${metric}`, metric, claim, set, ctx.tolerance, why));
    }
  }
  for (const [attr, metrics] of Object.entries(claims.fairness ?? {})) {
    for (const [metric, claim] of Object.entries(metrics)) {
      out.push(check(`fairness.${attr}.${metric}`, metric, claim, ctx.fairness[attr], ctx.tolerance, `"${attr}" is not a sensitive attribute with data in the predictions.`));
    }
  }
  for (const [feature, metrics] of Object.entries(claims.drift ?? {})) {
    for (const [metric, claim] of Object.entries(metrics)) {
      out.push(check(`drift.${feature}.${metric}`, metric, claim, ctx.drift[feature], ctx.tolerance, `there is no reference/current data for the feature "${feature}".`));
    }
  }
  return out;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/0+$/, '').replace(/\.$/, '');
}

/** The findings that claim checks raise: mismatches high, not recomputable medium, not comparable info. */
export function claimFindings(checks: readonly ClaimCheck[]): Finding[] {
  return checks.flatMap((c): Finding[] => {
    const evidence = { path: c.path, claimed: c.claimed, recomputed: c.recomputed, difference: c.difference, tolerance: c.tolerance };
    switch (c.status) {
      case 'mismatch':
        return [
          {
            severity: 'high',
            category: 'claim_mismatch',
            message: `${c.path} is claimed as ${fmt(c.claimed)} but recomputes to ${fmt(c.recomputed as number)} (off by ${fmt(Math.abs(c.difference as number))}, tolerance ${fmt(c.tolerance)}). Ask the team how they computed it.`,
            evidence,
          },
        ];
      case 'not_recomputable':
        return [{ severity: 'medium', category: 'claim_not_recomputable', message: `${c.path} is claimed (${fmt(c.claimed)}) but cannot be recomputed: ${c.reason}`, evidence }];
      case 'not_comparable':
        return [{ severity: 'info', category: 'claim_not_comparable', message: `${c.path} is not compared: ${c.reason}`, evidence }];
      default:
        return [];
    }
  });
}
