import type { ZodType } from 'zod';
import { calls, type CallArgs, type CallProgress, type CallName, type CallResult, type ChangeEvent, type ImportJob, type ParsedArgs, type ServicesNotice } from '../../shared/contract/calls';
import { describeIssues, type ApiError } from '../../shared/contract/errors';
import { createClient, type ApiClient } from '../../renderer/src/api/client';
import type { ConnectionState, TransportSinks } from '../../renderer/src/api/transport';

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
  /** A long call's phase, as the service pushes it to every window. */
  progress(progress: CallProgress): void;
  /** The services started again after a crash, or stopped for good, as the owner of their thread tells every window. */
  services(notice: ServicesNotice): void;
}

/**
 * The real contract client over a fake transport that plays the service: arguments are
 * checked against the call's schema (a bad one is refused with the sentence and field the
 * service would give), answers travel as the contract's Reply objects through the client's
 * own checks (defaults applied, a drift fails the call as in the app), and a call with no
 * answer fails with a sentence naming it.
 */
export function fakeClient(initial: Answers = {}): FakeClient {
  const answers: Answers = { ...initial };
  const made: RecordedCall[] = [];
  let toWindow: TransportSinks | null = null;

  async function serve(name: string, args: unknown): Promise<unknown> {
    made.push({ name: name as CallName, args });
    // A tick, as a real round trip has: a screen that only works when answers are synchronous fails here.
    await Promise.resolve();
    const argsSchema: ZodType = calls[name as CallName].args;
    const parsed = argsSchema.safeParse(args);
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error.issues);
      return refused(field === undefined ? { code: 'invalid_argument', message } : { code: 'invalid_argument', message, field });
    }
    const answer = (answers as Record<string, unknown>)[name] as Answer<CallName> | undefined;
    if (answer === undefined) return refused({ code: 'internal', message: `The test gave no answer for ${name}.` });
    const value: unknown = typeof answer === 'function' ? await (answer as (args: unknown) => unknown)(parsed.data) : answer;
    return value instanceof Refusal ? refused(value.error) : { ok: true, value };
  }

  const client = createClient({
    send: serve,
    listen(to) {
      toWindow = to;
      to.state('live');
      return () => (toWindow = null);
    },
  });

  return Object.assign(client, {
    made,
    argsOf<K extends CallName>(name: K) {
      return made.filter((c) => c.name === name).map((c) => c.args as CallArgs<K>);
    },
    answer<K extends CallName>(name: K, answer: Answer<K>) {
      (answers as Record<string, unknown>)[name] = answer;
    },
    emit: (event: ChangeEvent) => toWindow?.event(event),
    setConnection: (state: ConnectionState) => toWindow?.state(state),
    job: (job: ImportJob) => toWindow?.job(job),
    progress: (progress: CallProgress) => toWindow?.progress(progress),
    services: (notice: ServicesNotice) => toWindow?.services(notice),
  });
}

function refused(error: ApiError): { ok: false; error: ApiError } {
  return { ok: false, error };
}
