import type { ApiError } from '../../../shared/contract/errors';

/** A failed call, carrying the contract's ApiError so forms can mark `field` and show `message`. */
export class CallError extends Error {
  readonly error: ApiError;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'CallError';
    this.error = error;
  }

  get code(): ApiError['code'] {
    return this.error.code;
  }

  get field(): string | undefined {
    return this.error.field;
  }
}

/** Anything thrown below a call turned into a CallError, so views have one shape to show. */
export function asCallError(err: unknown): CallError {
  if (err instanceof CallError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new CallError({ code: 'internal', message: `Something went wrong in this window: ${detail}` });
}
