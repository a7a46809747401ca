import { z } from 'zod';

/**
 * The tiers, once: every schema, type and list of them derives from this one (issue 15 §4).
 * From least to most severe; "incomplete" is a model with too few dimensions scored for its
 * heat to mean anything (issue 13 §5), and has no order.
 */
export const TierSchema = z.enum(['low', 'medium', 'high', 'critical', 'incomplete']);
export type Tier = z.infer<typeof TierSchema>;

/** A tier the heat (or a floor) gives. */
export const HeatTierSchema = TierSchema.exclude(['incomplete']);
export type HeatTier = z.infer<typeof HeatTierSchema>;

/** From least to most severe; the index is the tier's order. */
export const TIERS: readonly HeatTier[] = HeatTierSchema.options;
