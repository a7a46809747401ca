import { z } from 'zod';

/**
 * The programme's KPIs (issue 11, section 5), each with the definition the lead analyst
 * reads beside it. The math is pure: the service gathers the facts.
 */

export const KpiKeySchema = z.enum([
  'inventory_coverage',
  'tiering_completion',
  'review_sla_days',
  'monitoring_coverage',
  'overdue_exceptions',
  'remediation_cycle_days',
]);
export type KpiKey = z.infer<typeof KpiKeySchema>;

export const KpiSchema = z.object({
  key: KpiKeySchema,
  label: z.string(),
  definition: z.string(),
  unit: z.enum(['share', 'days']),
  /** A share in 0..1 or a number of days; null when there is nothing to measure yet. */
  value: z.number().nullable(),
  /** What the value counts, e.g. 41 of 50 models. */
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  /** The same KPI in the predecessor cycle, when its file was given or found. */
  previous: z.number().nullable().optional(),
});
export type Kpi = z.infer<typeof KpiSchema>;

export const KpiReportSchema = z.object({
  cycleName: z.string(),
  asOf: z.string(),
  previousCycleName: z.string().nullable(),
  kpis: z.array(KpiSchema),
});
export type KpiReport = z.infer<typeof KpiReportSchema>;

export const KPI_DEFINITIONS: Readonly<Record<KpiKey, { label: string; definition: string; unit: 'share' | 'days' }>> = {
  inventory_coverage: {
    label: 'Inventory coverage',
    definition: 'Share of models whose record names an owner, a use case, a tier and a deployment context.',
    unit: 'share',
  },
  tiering_completion: { label: 'Tiering completion', definition: 'Share of models scored on every dimension of the current taxonomy, so their tier is final.', unit: 'share' },
  review_sla_days: { label: 'Review SLA', definition: "Median days from a bundle's import to the board's decision on the model it evidences.", unit: 'days' },
  monitoring_coverage: { label: 'Monitoring coverage', definition: 'Share of models whose latest bundle carries drift data (reference and current samples).', unit: 'share' },
  overdue_exceptions: { label: 'Overdue exceptions', definition: 'Share of risk acceptances in force that are past their expiry date.', unit: 'share' },
  remediation_cycle_days: { label: 'Remediation cycle time', definition: 'Median days from opening to closing a condition, mitigation or finding, over those closed.', unit: 'days' },
};

/** The median, or null for no values; the mean of the middle two for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function shareKpi(key: KpiKey, numerator: number, denominator: number): Kpi {
  return { key, ...KPI_DEFINITIONS[key], value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

export function daysKpi(key: KpiKey, days: readonly number[]): Kpi {
  return { key, ...KPI_DEFINITIONS[key], value: median(days), numerator: null, denominator: days.length };
}
