import { z } from 'zod';

/** What a score rests on: the bundle, and for a rule score the metric, its value and the rule. */
export const ScoreEvidenceSchema = z.object({
  bundleSha256: z.string().nullable(),
  metric: z.string().nullable(),
  observed: z.number().nullable(),
  rule: z.string().nullable(),
  /** A finding of the bundle the score rests on; absent in scores linked to no finding. */
  findingId: z.number().int().optional(),
});
export type ScoreEvidence = z.infer<typeof ScoreEvidenceSchema>;

export const ScoreSchema = z.object({
  modelId: z.string(),
  dimension: z.string(),
  value: z.number().int(),
  lo: z.number(),
  hi: z.number(),
  source: z.enum(['analyst', 'rule']),
  rationale: z.string(),
  taxonomyVersion: z.number().int(),
  scoredBy: z.string(),
  scoredAt: z.string(),
  evidence: ScoreEvidenceSchema.nullable(),
});
export type Score = z.infer<typeof ScoreSchema>;
