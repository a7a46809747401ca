import { z } from 'zod';

/**
 * Every failure a call can report. `message` is a sentence for the user (it names the
 * file, field or row and what to do); `field` points the UI at the control to mark.
 */
export const ApiErrorCodeSchema = z.enum([
  'invalid_argument',
  'unknown_call',
  'not_found',
  'already_exists',
  'no_cycle_open',
  'workspace_refused',
  'bundle_refused',
  'cancelled',
  'open_elsewhere',
  'unauthorized',
  /** A save made from a copy someone else has changed since; the message names them and asks to reload. */
  'conflict',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  code: ApiErrorCodeSchema,
  message: z.string(),
  field: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Thrown by services for errors the user can act on; transports turn it into ApiError. */
export class UserError extends Error {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;

  constructor(code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.field = field;
  }

  toApiError(): ApiError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** The wire shape of every reply, on IPC and HTTP alike. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Turns zod issues into one sentence naming the field, e.g. "name: must not be empty". */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): { message: string; field?: string } {
  const first = issues[0];
  if (first === undefined) return { message: 'The arguments are not valid.' };
  const field = first.path.map(String).join('.');
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return field === ''
    ? { message: `${first.message}${more}.` }
    : { message: `${field}: ${first.message}${more}.`, field };
}
