import { z } from 'zod';
import { DueModelSchema } from './due';
import { FindingAgingSchema } from './findings';
import { TierSchema } from '../scoring/tiers';

/** The board's risk posture: everything the Overview shows, in one reply (issue 11, section 5). */
const ModelRef = z.object({ modelId: z.string(), modelName: z.string() });

export const PostureSchema = z.object({
  asOf: z.string(),
  models: z.number().int(),
  tiers: z.object({ critical: z.number().int(), high: z.number().int(), medium: z.number().int(), low: z.number().int(), incomplete: z.number().int(), untiered: z.number().int() }),
  /** The hottest models, at most ten, in heatmap order. */
  topRisks: z.array(ModelRef.extend({ heat: z.number().nullable(), tier: TierSchema.nullable() })),
  unscored: z.array(ModelRef),
  partlyScored: z.array(ModelRef.extend({ scored: z.number().int(), dimensions: z.number().int() })),
  /** Models with a bundle newer than the board's last decision on them, or never decided. */
  awaitingDecision: z.array(ModelRef),
  due: z.array(DueModelSchema),
  findings: z.array(FindingAgingSchema),
  overdueActions: z.number().int(),
  acceptancesExpiring: z.object({ within30: z.number().int(), within60: z.number().int(), within90: z.number().int(), expired: z.number().int() }),
  nextSession: z.object({ id: z.string(), number: z.number().int(), title: z.string(), date: z.string() }).nullable(),
});
export type Posture = z.infer<typeof PostureSchema>;
