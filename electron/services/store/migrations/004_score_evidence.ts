/**
 * Score evidence: what a score rests on (the bundle, and for rule scores the metric, its
 * observed value and the rule that fired), as JSON; null for an analyst score without a link.
 */
export const migration004 = {
  version: 4,
  name: 'score evidence',
  sql: `
ALTER TABLE scores ADD COLUMN evidence TEXT CHECK (evidence IS NULL OR json_valid(evidence));
`,
} as const;
