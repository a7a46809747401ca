import type { ApiError } from '../../../shared/contract/errors';

export interface FormErrors<F extends string> {
  fields: Partial<Record<F, string>>;
  /** The sentence for errors that name no field of this form; shown under the form. */
  form: string | null;
}

export const noErrors = { fields: {}, form: null } as const satisfies FormErrors<never>;

/**
 * The API names a field as a path: the shared rules say `conditions[0].due`, the argument
 * schema's sentences say `conditions.0.due`. One spelling, so a form looks it up once.
 */
export function fieldPath(field: string): string {
  return field.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** Where a named field shows when no control bears its name: a map, or a rule for forms whose controls repeat per row. */
export type FieldAliases<F extends string> = Readonly<Partial<Record<string, F>>> | ((field: string) => F | undefined);

/**
 * Places an API error at the control it names: the one way every form does it. The API
 * names fields by the call's argument names (`path`, `periodEnd`; `aliases` maps a nested
 * one such as `evidence.findingId` to the control showing it); a field this form does not
 * show falls back to the form, so no error is ever swallowed.
 */
export function placeError<F extends string>(error: ApiError, fields: readonly F[], aliases: FieldAliases<F> = {}): FormErrors<F> {
  const path = error.field === undefined ? undefined : fieldPath(error.field);
  const named = path === undefined ? undefined : ((typeof aliases === 'function' ? aliases(path) : aliases[path]) ?? path);
  const field = fields.find((f) => f === named);
  if (field === undefined) return { fields: {}, form: error.message };
  const placed: Partial<Record<F, string>> = {};
  placed[field] = error.message;
  return { fields: placed, form: null };
}
