import type { ApiError } from '../../../shared/contract/errors';

export interface FormErrors<F extends string> {
  fields: Partial<Record<F, string>>;
  /** The sentence for errors that name no field of this form; shown under the form. */
  form: string | null;
}

export const noErrors = { fields: {}, form: null } as const satisfies FormErrors<never>;

/**
 * Places an API error at the control it names: the one way every form does it. The API
 * names fields by the call's argument names (`path`, `periodEnd`; `aliases` maps a nested
 * one such as `evidence.findingId` to the control showing it); a field this form does not
 * show falls back to the form, so no error is ever swallowed.
 */
export function placeError<F extends string>(error: ApiError, fields: readonly F[], aliases: Readonly<Partial<Record<string, F>>> = {}): FormErrors<F> {
  const named = error.field === undefined ? undefined : (aliases[error.field] ?? error.field);
  const field = fields.find((f) => f === named);
  if (field === undefined) return { fields: {}, form: error.message };
  const placed: Partial<Record<F, string>> = {};
  placed[field] = error.message;
  return { fields: placed, form: null };
}
