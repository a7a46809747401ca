import { z } from 'zod';
import {
  CallProgressSchema,
  calls,
  ChangeEventSchema,
  ImportJobSchema,
  ServicesNoticeSchema,
  type CallArgs,
  type CallName,
  type CallProgress,
  type CallResult,
  type ChangeEvent,
  type ImportJob,
  type ServicesNotice,
} from '../../../shared/contract/calls';
import { ApiErrorSchema, describeIssues } from '../../../shared/contract/errors';
import { CallError } from './callError';
import { isDisconnected, type ConnectionState, type Transport } from './transport';

/** Why views should fetch again: a committed change, or a gap in which changes may have been missed. */
export type Refresh = { kind: 'change'; event: ChangeEvent } | { kind: 'resync' };

export interface ApiClient {
  /** The typed result of a call; throws a CallError carrying the ApiError when it fails. */
  call<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResult<K>>;
  onRefresh(listener: (refresh: Refresh) => void): () => void;
  /** Progress of background imports, as every window sees it. */
  onJob(listener: (job: ImportJob) => void): () => void;
  /** The phases of long calls (a packet export), as every window sees them; a caller picks its own by the id it chose. */
  onProgress(listener: (progress: CallProgress) => void): () => void;
  /** The services restarted after a crash, or stopped for good: told once, as it happens. */
  onServices(listener: (notice: ServicesNotice) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
}

const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorSchema }),
]);

/**
 * The one client every view uses. Replies are checked against the contract's result
 * schemas on every call (cheap next to a round trip), so a drift between the two sides
 * fails loudly at the call that drifted instead of somewhere in a view.
 */
export function createClient(transport: Transport): ApiClient {
  const refreshListeners = new Set<(refresh: Refresh) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const jobListeners = new Set<(job: ImportJob) => void>();
  const progressListeners = new Set<(progress: CallProgress) => void>();
  const servicesListeners = new Set<(notice: ServicesNotice) => void>();
  let connection: ConnectionState = 'connecting';

  /** Hands on an event once it matches the contract; one that does not is named in the console and dropped. */
  function checked<T>(what: string, schema: z.ZodType<T>, hand: (value: T) => void): (raw: unknown) => void {
    return (raw) => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        console.error(`A ${what} event that does not match the contract was ignored:`, raw, parsed.error.issues);
        return;
      }
      hand(parsed.data);
    };
  }
  function toAll<T>(listeners: Set<(value: T) => void>): (value: T) => void {
    return (value) => listeners.forEach((listener) => listener(value));
  }
  function subscribeTo<T>(listeners: Set<(value: T) => void>): (listener: (value: T) => void) => () => void {
    return (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    };
  }

  transport.listen({
    event: checked('change', ChangeEventSchema, (event) => toAll(refreshListeners)({ kind: 'change', event })),
    state(state) {
      const missedSome = isDisconnected(connection) && state === 'live';
      connection = state;
      toAll(connectionListeners)(state);
      if (missedSome) toAll(refreshListeners)({ kind: 'resync' });
    },
    job: checked('job', ImportJobSchema, toAll(jobListeners)),
    progress: checked('progress', CallProgressSchema, toAll(progressListeners)),
    services: checked('services', ServicesNoticeSchema, toAll(servicesListeners)),
  });

  return {
    async call(name, args) {
      let raw: unknown;
      try {
        raw = await transport.send(name, args);
      } catch (err) {
        throw new CallError({
          code: 'internal',
          message: `The app's back end did not answer (${err instanceof Error ? err.message : String(err)}). If you use \`mrb serve\`, check that it is still running.`,
        });
      }
      const reply = ReplySchema.safeParse(raw);
      if (!reply.success) {
        console.error(`The reply to ${name} is not a Reply:`, raw);
        throw new CallError({ code: 'internal', message: `The reply to ${name} is not in the expected form; the details are in the console.` });
      }
      if (!reply.data.ok) throw new CallError(reply.data.error);
      const result = calls[name].result.safeParse(reply.data.value);
      if (!result.success) {
        console.error(`The reply to ${name} does not match the contract:`, reply.data.value, result.error.issues);
        const { message } = describeIssues(result.error.issues);
        throw new CallError({ code: 'internal', message: `The reply to ${name} does not match the contract (${message}) The app and its back end are out of step.` });
      }
      return result.data as CallResult<typeof name>;
    },

    onRefresh: subscribeTo(refreshListeners),
    onJob: subscribeTo(jobListeners),
    onProgress: subscribeTo(progressListeners),
    onServices: subscribeTo(servicesListeners),
    onConnection: subscribeTo(connectionListeners),

    get connection() {
      return connection;
    },
  };
}
