/**
 * The error a service throws for a failure the user can act on, apart from the contract's
 * schemas (errors.ts), so that a worker thread that only reads files loads no schema
 * library: the CSV block worker started in a third of the time without zod.
 */

/** Every failure a call can report. */
export const API_ERROR_CODES = [
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
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** `message` is a sentence for the user (it names the file, field or row and what to do); `field` points the UI at the control to mark. */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  field?: string | undefined;
}

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
