import { z } from 'zod';

/**
 * The evaluation bundle manifest, format version 1 (`bundle.json`). The JSON Schema in
 * bundle.schema.json is generated from this (test/shared/bundle holds them equal), and
 * docs in FORMAT.md describe it for ML teams.
 */

export const BUNDLE_FORMAT = 'mrb-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits');

/** Relative, forward-slashed, inside the bundle: no "..", no absolute path, no backslash. */
const bundlePath = z
  .string()
  .min(1, 'must not be empty')
  .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p), 'must be relative to the bundle folder')
  .refine((p) => !p.includes('\\'), 'must use forward slashes')
  .refine((p) => !p.split('/').some((part) => part === '..' || part === '.' || part === ''), 'must not contain "..", "." or empty parts');

/**
 * A part file as Spark, Databricks and DuckDB write a table too large for one file
 * (`part-00000-….parquet`, possibly under Hive-style `key=value/` folders): the predictions
 * may be listed as several of them, read in the manifest's order as one table.
 */
export function isParquetPart(path: string): boolean {
  return /^part-[^/]*\.parquet$/i.test(path.slice(path.lastIndexOf('/') + 1));
}

export const FileRoleSchema = z.enum(['predictions', 'reference', 'current', 'model_card', 'lineage', 'other']);
export type FileRole = z.infer<typeof FileRoleSchema>;

export const BundleFileSchema = z.object({
  path: bundlePath,
  role: FileRoleSchema,
  sha256,
  bytes: z.number().int().min(0),
});
export type BundleFile = z.infer<typeof BundleFileSchema>;

/** How a claimed metric was computed: the claim is recomputed under that definition (shared/dialects/registry.ts). */
export const ClaimDefinitionSchema = z
  .looseObject({ implementation: z.string().min(1) })
  .describe(
    'How the claim was computed; it is recomputed under this definition (FORMAT.md, "Claims in the team\'s own dialect"). implementation: sklearn.metrics.<function>, mlflow.evaluate, fairlearn.metrics.<function>, credit, evidently, scipy.stats.ks_2samp or mrb. Parameters read: version, eps, zero_division, positive_when (">" or ">="), squared, missing_class ("left_out" or "zero"), metric, stattest.',
  );

export const ClaimValueSchema = z.union([
  z.number(),
  z.object({ value: z.number(), definition: ClaimDefinitionSchema.optional() }).strict(),
]);
export type ClaimValue = z.infer<typeof ClaimValueSchema>;

const metricClaims = z.record(z.string().min(1), ClaimValueSchema);

export const ClaimsSchema = z
  .object({
    overall: metricClaims.optional(),
    groups: z.record(z.string(), z.record(z.string(), metricClaims)).optional(),
    fairness: z.record(z.string(), metricClaims).optional(),
    drift: z.record(z.string(), metricClaims).optional(),
  })
  .strict();
export type Claims = z.infer<typeof ClaimsSchema>;

export const ManifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    format_version: z.literal(BUNDLE_FORMAT_VERSION),
    model: z.object({
      id: z.string().min(1).max(200).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"'),
      name: z.string().min(1),
      version: z.string().min(1),
      owner: z.string().min(1),
      team: z.string(),
      product_line: z.string(),
      regions: z.array(z.string()),
      use_case: z.string(),
      deployment: z.object({
        context: z.enum(['internal', 'customer-facing']),
        regulated: z.boolean(),
      }),
    }),
    task: z.enum(['binary_classification', 'regression']),
    created_at: z.iso.datetime({ offset: true }),
    producer: z.string().min(1),
    decision_threshold: z.number().min(0).max(1).default(0.5),
    sensitive_attributes: z.array(z.string().min(1)).default([]),
    columns: z
      .object({ y_true: z.string().min(1).optional(), y_score: z.string().min(1).optional() })
      .strict()
      .optional()
      .describe('The predictions file\'s own names for the label and score columns, when they are not y_true and y_score (mrb bundle init writes this for label/target, score/prediction/probability).'),
    files: z.array(BundleFileSchema),
    claims: ClaimsSchema.default({}),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.files.forEach((f, i) => {
      if (seen.has(f.path)) ctx.addIssue({ code: 'custom', path: ['files', i, 'path'], message: `lists "${f.path}" twice` });
      seen.add(f.path);
    });
    for (const role of ['predictions', 'reference', 'current', 'model_card', 'lineage'] as const) {
      const files = m.files.filter((f) => f.role === role);
      if (files.length <= 1 || (role === 'predictions' && files.every((f) => isParquetPart(f.path)))) continue;
      const message =
        role === 'predictions'
          ? `has ${files.length} files with role "predictions"; several are allowed only as Parquet part files (part-*.parquet)`
          : `has ${files.length} files with role "${role}"; at most one is allowed`;
      ctx.addIssue({ code: 'custom', path: ['files'], message });
    }
    const hasReference = m.files.some((f) => f.role === 'reference');
    const hasCurrent = m.files.some((f) => f.role === 'current');
    if (hasReference !== hasCurrent) {
      ctx.addIssue({ code: 'custom', path: ['files'], message: 'must list both a "reference" and a "current" file for drift, or neither' });
    }
    const attrs = new Set<string>();
    const label = m.columns?.y_true ?? 'y_true';
    const score = m.columns?.y_score ?? 'y_score';
    if (label === score) ctx.addIssue({ code: 'custom', path: ['columns'], message: `names "${label}" as both the label and the score column` });
    m.sensitive_attributes.forEach((a, i) => {
      if (a === label || a === score) ctx.addIssue({ code: 'custom', path: ['sensitive_attributes', i], message: `"${a}" is the label or score column, not a sensitive attribute` });
      if (attrs.has(a)) ctx.addIssue({ code: 'custom', path: ['sensitive_attributes', i], message: `lists "${a}" twice` });
      attrs.add(a);
    });
  });
export type Manifest = z.infer<typeof ManifestSchema>;

/** The numeric value of a claim, whatever its form. */
export function claimNumber(claim: ClaimValue): number {
  return typeof claim === 'number' ? claim : claim.value;
}
