import { floorsOf, minCoverageOf, type Dimension, type Taxonomy, type TierFloor, type TierThresholds } from '../domain/taxonomy';
import { roundHeat, type ScoresByKey } from './heat';
import { TIERS, type HeatTier, type Tier } from './tiers';

export { TIERS, type HeatTier, type Tier };

/** The word that always accompanies a tier's colour (UI.md: never colour alone). */
export const TIER_WORDS: Readonly<Record<Tier, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
  incomplete: 'Incomplete',
};

export const UNSCORED_WORD = 'Unscored';

/**
 * The tier of a heat alone, for the app, the CLI and the PDF. Each threshold is the lower
 * bound of its tier (low < medium <= H < high <= H < critical <= H). Heat and thresholds
 * are both rounded with roundHeat first, so a heat of 2.9999999999999996 against a
 * threshold of 3 is high, as the arithmetic meant. A null heat has no tier ("unscored").
 * assessTier adds coverage and floors to it.
 */
export function tierOf(heat: number | null, thresholds: TierThresholds): HeatTier | null {
  if (heat === null) return null;
  const h = roundHeat(heat);
  if (h >= roundHeat(thresholds.critical)) return 'critical';
  if (h >= roundHeat(thresholds.high)) return 'high';
  if (h >= roundHeat(thresholds.medium)) return 'medium';
  return 'low';
}

export function tierWord(tier: Tier | null): string {
  return tier === null ? UNSCORED_WORD : TIER_WORDS[tier];
}

/** Dimensions scored against dimensions that count (a positive weight). */
export interface Coverage {
  scored: number;
  total: number;
}

/** Open findings of the model in the findings register, by severity. */
export interface OpenSevere {
  high: number;
  critical: number;
}

export const NO_OPEN_SEVERE: OpenSevere = { high: 0, critical: 0 };

export interface TierAssessment {
  tier: Tier | null;
  /** The heat's own tier, before coverage and floors. */
  heatTier: HeatTier | null;
  coverage: Coverage;
  /** The floor that raised the tier, as a sentence, or null. */
  floor: string | null;
}

function coverageOf(dimensions: readonly Pick<Dimension, 'key' | 'weight'>[], scores: ScoresByKey): Coverage {
  const counted = dimensions.filter((d) => d.weight > 0);
  return { scored: counted.filter((d) => Object.hasOwn(scores, d.key) && scores[d.key] !== undefined).length, total: counted.length };
}

/** "8 of 11 dimensions scored (73%)". */
export function coverageWords(c: Coverage): string {
  const share = c.total === 0 ? 0 : Math.round((100 * c.scored) / c.total);
  return `${c.scored} of ${c.total} dimension${c.total === 1 ? '' : 's'} scored (${share}%)`;
}

/** True when the share scored reaches the minimum; compared on rounded values so 7/10 meets 70%. */
export function coverageMet(c: Coverage, minCoverage: number): boolean {
  return c.total > 0 && roundHeat(c.scored / c.total) >= roundHeat(minCoverage);
}

function floorHolds(floor: TierFloor, dimensions: readonly Pick<Dimension, 'key' | 'label' | 'weight'>[], scores: ScoresByKey, open: OpenSevere): string | null {
  const tier = TIER_WORDS[floor.tier];
  if (floor.when === 'dimension_score') {
    const hit = dimensions.find((d) => d.weight > 0 && (scores[d.key]?.value ?? 0) >= floor.atLeast);
    return hit ? `${hit.label} is scored ${scores[hit.key]?.value}, at or above ${floor.atLeast}: at least ${tier}.` : null;
  }
  const n = floor.severity === 'high' ? open.high + open.critical : open.critical;
  const what = floor.severity === 'high' ? 'high or critical' : 'critical';
  return n > 0 ? `${n} open ${what} finding${n === 1 ? '' : 's'}: at least ${tier}.` : null;
}

/**
 * The one tier function for the app, the CLI and the PDF (issue 13 §5):
 * - no dimension scored and no floor holds: null ("unscored");
 * - the heat's tier, raised to the highest floor that holds;
 * - below the taxonomy's minimum coverage the heat's tier is not trusted: the tier is the
 *   floor if one holds (what the evidence already proves), else "incomplete".
 * A floor is a lower bound, so it never lowers a tier and applies even to a model with
 * few scores: an open critical finding is critical before anyone scores a dimension.
 */
export function assessTier(
  taxonomy: Pick<Taxonomy, 'thresholds' | 'dimensions' | 'minCoverage' | 'floors'>,
  heat: number | null,
  scores: ScoresByKey,
  open: OpenSevere,
): TierAssessment {
  const coverage = coverageOf(taxonomy.dimensions, scores);
  const heatTier = tierOf(heat, taxonomy.thresholds);
  let floorTier: HeatTier | null = null;
  let floor: string | null = null;
  for (const f of floorsOf(taxonomy)) {
    const why = floorHolds(f, taxonomy.dimensions, scores, open);
    if (why !== null && (floorTier === null || TIERS.indexOf(f.tier) > TIERS.indexOf(floorTier))) {
      floorTier = f.tier;
      floor = why;
    }
  }
  if (heatTier === null) return { tier: floorTier, heatTier, coverage, floor };
  if (!coverageMet(coverage, minCoverageOf(taxonomy))) return { tier: floorTier ?? 'incomplete', heatTier, coverage, floor };
  if (floorTier !== null && TIERS.indexOf(floorTier) > TIERS.indexOf(heatTier)) return { tier: floorTier, heatTier, coverage, floor };
  return { tier: heatTier, heatTier, coverage, floor: null };
}
