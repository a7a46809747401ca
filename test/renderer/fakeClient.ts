import type { ZodType } from 'zod';
import { calls, type CallArgs, type CallName, type CallResult, type ChangeEvent, type ImportJob, type ParsedArgs } from '../../shared/contract/calls';
import { describeIssues, type ApiError } from '../../shared/contract/errors';
import { CallError } from '../../renderer/src/api/callError';
import type { ApiClient, Refresh } from '../../renderer/src/api/client';
import type { ConnectionState } from '../../renderer/src/api/transport';

/**
 * What the back end does for one call in a test: the result (typed by the contract, so a
 * fixture of the wrong shape does not compile), a function of the parsed arguments, or a
 * refusal the screen must place.
 */
export type Answer<K extends CallName> = CallResult<K> | ((args: ParsedArgs<K>) => CallResult<K> | Promise<CallResult<K>>) | Refusal;
export type Answers = { [K in CallName]?: Answer<K> };

/** A refusal as the service sends it: code, sentence and the field it names. */
export class Refusal {
  constructor(readonly error: ApiError) {}
}

export function refuse(message: string, field?: string, code: ApiError['code'] = 'invalid_argument'): Refusal {
  return new Refusal(field === undefined ? { code, message } : { code, message, field });
}

export interface RecordedCall {
  name: CallName;
  args: unknown;
}

export interface FakeClient extends ApiClient {
  /** Every call the screen made, in order, with the arguments as it sent them. */
  readonly made: readonly RecordedCall[];
  /** The arguments of each call of one name, typed as the contract takes them. */
  argsOf<K extends CallName>(name: K): CallArgs<K>[];
  /** Answers a call differently from now on (a refusal after a success, a changed list). */
  answer<K extends CallName>(name: K, answer: Answer<K>): void;
  /** A committed change, as every window receives it after a write. */
  emit(event: ChangeEvent): void;
  setConnection(state: ConnectionState): void;
  job(job: ImportJob): void;
}

/**
 * A stand-in for the contract client that keeps the real one's promises: arguments are
 * checked against the call's schema (a bad one is refused with the sentence and field the
 * service would give), results pass through the result schema (defaults applied, a drift
 * fails the call as in the app), and a call with no answer fails with a sentence naming it.
 */
export function fakeClient(initial: Answers = {}): FakeClient {
  const answers: Answers = { ...initial };
  const made: RecordedCall[] = [];
  const refreshListeners = new Set<(refresh: Refresh) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const jobListeners = new Set<(job: ImportJob) => void>();
  let connection: ConnectionState = 'live';

  async function call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>> {
    made.push({ name, args });
    // A tick, as a real round trip has: a screen that only works when answers are synchronous fails here.
    await Promise.resolve();
    const argsSchema: ZodType = calls[name].args;
    const parsed = argsSchema.safeParse(args);
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error.issues);
      throw new CallError(field === undefined ? { code: 'invalid_argument', message } : { code: 'invalid_argument', message, field });
    }
    const answer = (answers as Record<string, unknown>)[name] as Answer<K> | undefined;
    if (answer === undefined) throw new CallError({ code: 'internal', message: `The test gave no answer for ${name}.` });
    if (answer instanceof Refusal) throw new CallError(answer.error);
    const value = typeof answer === 'function' ? await answer(parsed.data as ParsedArgs<K>) : answer;
    if (value instanceof Refusal) throw new CallError(value.error);
    const resultSchema: ZodType = calls[name].result;
    const result = resultSchema.safeParse(value);
    if (!result.success) throw new CallError({ code: 'internal', message: `The test's answer for ${name} does not match the contract: ${describeIssues(result.error.issues).message}` });
    return result.data as CallResult<K>;
  }

  return {
    made,
    call,
    argsOf<K extends CallName>(name: K) {
      return made.filter((c) => c.name === name).map((c) => c.args as CallArgs<K>);
    },
    answer(name, answer) {
      (answers as Record<string, unknown>)[name] = answer;
    },
    emit(event) {
      for (const listener of refreshListeners) listener({ kind: 'change', event });
    },
    setConnection(state) {
      connection = state;
      for (const listener of connectionListeners) listener(state);
    },
    job(job) {
      for (const listener of jobListeners) listener(job);
    },
    onRefresh(listener) {
      refreshListeners.add(listener);
      return () => refreshListeners.delete(listener);
    },
    onJob(listener) {
      jobListeners.add(listener);
      return () => jobListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    get connection() {
      return connection;
    },
  };
}
