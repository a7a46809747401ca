import { calls, isCallName } from '../../shared/contract/calls';
import { describeIssues, shownName, UserError, type ApiError, type Reply } from '../../shared/contract/errors';
import { logInternalError } from './errorLog';
import type { Handlers } from './handlers';

/**
 * Validates a call's arguments against the contract, runs its handler, and returns a
 * Reply. User errors pass through as sentences; anything else is logged with context and
 * reported without internals.
 */
export async function dispatch(handlers: Handlers, name: string, rawArgs: unknown): Promise<Reply<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'unknown_call', message: `There is no call named "${name}".` } };
  }
  const spec = calls[name];
  const parsed = spec.args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const { message, field } = describeIssues(parsed.error.issues);
    const error: ApiError = { code: 'invalid_argument', message };
    if (field !== undefined) error.field = field;
    return { ok: false, error };
  }
  try {
    const handler = handlers[name] as (args: unknown) => unknown;
    const value: unknown = await handler(parsed.data);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof UserError) return { ok: false, error: err.toApiError() };
    // The stack goes to the app's one log (errorLog), never into the reply.
    const logFile = logInternalError(`call ${name}`, err);
    const reason = shownName((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '');
    const details = logFile === null ? 'no log could be written' : `the details are in ${logFile}`;
    return { ok: false, error: { code: 'internal', message: `Something went wrong in ${name} (${reason}); ${details}.` } };
  }
}
