import { z } from 'zod';
import { isIsoDate } from '../sessions/dates';
import { ScoreSchema } from '../domain/score';
import { TierSchema } from '../scoring/tiers';

/**
 * Cycles that follow one another (issue 11, section 1): what the next cycle records of
 * the one it was started from, and the history it carries per model.
 */

const IsoDate = z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD');

export const CycleNextArgsSchema = z
  .object({
    /** The new workspace file; it must not exist yet. */
    path: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .refine((p) => p.endsWith('.mrb'), 'must be a file ending in .mrb'),
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    periodStart: IsoDate,
    periodEnd: IsoDate,
  })
  .strict()
  .refine((v) => v.periodStart <= v.periodEnd, { message: 'the period must not end before it starts', path: ['periodEnd'] });

/** The predecessor as the new cycle's first audit event names it. */
export const PredecessorSchema = z.object({
  cycleId: z.string(),
  name: z.string(),
  file: z.string(),
  periodEnd: z.string().nullable(),
  /** The predecessor's audit chain head at the hand-over, and the event it belongs to. */
  head: z.string(),
  headSeq: z.number().int(),
  carriedAt: z.string(),
});
export type Predecessor = z.infer<typeof PredecessorSchema>;

export const CarriedCountsSchema = z.object({
  models: z.number().int(),
  bundles: z.number().int(),
  conditions: z.number().int(),
  mitigations: z.number().int(),
  acceptances: z.number().int(),
  findings: z.number().int(),
  priorScores: z.number().int(),
});
export type CarriedCounts = z.infer<typeof CarriedCountsSchema>;

export const LineageSchema = z.object({
  predecessor: PredecessorSchema.nullable(),
  /** Whether the predecessor's file is present beside this workspace (or where it was recorded). */
  predecessorPresent: z.boolean(),
  /** What the hand-over brought, counted in this workspace now. */
  carried: CarriedCountsSchema,
});
export type Lineage = z.infer<typeof LineageSchema>;

/** A model's standing at the end of one cycle. */
export const HistoryEntrySchema = z.object({
  cycleId: z.string(),
  cycleName: z.string(),
  periodEnd: z.string().nullable(),
  tier: TierSchema.nullable(),
  heat: z.number().nullable(),
  outcome: z.enum(['approved', 'approved_with_conditions', 'rejected', 'deferred']).nullable(),
  decisionDate: z.string().nullable(),
  modelVersion: z.string().nullable(),
  /** True for this cycle's row, computed now; earlier rows were fixed at the hand-over. */
  current: z.boolean(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** A score of the predecessor cycle, shown beside this cycle's and never as current. */
export const PriorScoreSchema = ScoreSchema.omit({ evidence: true }).extend({
  cycleId: z.string(),
  cycleName: z.string(),
});
export type PriorScore = z.infer<typeof PriorScoreSchema>;
