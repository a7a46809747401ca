import type { ApiError } from '../../../shared/contract/errors';

export interface FormErrors<F extends string> {
  fields: Partial<Record<F, string>>;
  /** The sentence for errors that name no field of this form; shown under the form. */
  form: string | null;
}

export const noErrors = { fields: {}, form: null } as const satisfies FormErrors<never>;

/**
 * Places an API error at the control it names. The API names fields by the call's
 * argument names (`path`, `periodEnd`); a field this form does not show falls back to
 * the form, so no error is ever swallowed.
 */
export function placeError<F extends string>(error: ApiError, fields: readonly F[]): FormErrors<F> {
  const field = fields.find((f) => f === error.field);
  if (field === undefined) return { fields: {}, form: error.message };
  const placed: Partial<Record<F, string>> = {};
  placed[field] = error.message;
  return { fields: placed, form: null };
}
