import type { TierThresholds } from '../domain/taxonomy';
import { roundHeat } from './heat';

export type Tier = 'low' | 'medium' | 'high' | 'critical';

/** From least to most severe; the index is the tier's order. */
export const TIERS: readonly Tier[] = ['low', 'medium', 'high', 'critical'];

/** The word that always accompanies a tier's colour (UI.md: never colour alone). */
export const TIER_WORDS: Readonly<Record<Tier, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const UNSCORED_WORD = 'Unscored';

/**
 * The one tier function for the app, the CLI and the PDF. Each threshold is the lower
 * bound of its tier (low < medium <= H < high <= H < critical <= H). Heat and thresholds
 * are both rounded with roundHeat first, so a heat of 2.9999999999999996 against a
 * threshold of 3 is high, as the arithmetic meant. A null heat has no tier ("unscored").
 */
export function tierOf(heat: number | null, thresholds: TierThresholds): Tier | null {
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
