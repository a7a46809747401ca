import { z } from 'zod';
import { ManifestSchema } from './manifest';

/**
 * bundle.json as a JSON Schema (draft 2020-12), generated from the zod schema the
 * importer uses. The cross-field rules (no duplicate paths, one file per role, reference
 * with current) live in the importer only; the schema says so in its description.
 */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ManifestSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $id: 'https://model-review-board.invalid/schemas/mrb-bundle-1.json',
    title: 'Model Review Board evaluation bundle manifest (bundle.json), format version 1',
    description:
      'See FORMAT.md beside this file. Also checked by the importer: file paths listed once, at most one file per role except "other" (the predictions may be several Parquet part files, part-*.parquet), reference and current together, sensitive attributes listed once and not y_true/y_score.',
    ...schema,
  };
}
