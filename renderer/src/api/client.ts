import { z } from 'zod';
import { calls, ChangeEventSchema, ImportJobSchema, type CallArgs, type CallName, type CallResult, type ChangeEvent, type ImportJob } from '../../../shared/contract/calls';
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
  let connection: ConnectionState = 'connecting';

  transport.listen(
    (raw) => {
      const parsed = ChangeEventSchema.safeParse(raw);
      if (!parsed.success) {
        console.error('A change event that does not match the contract was ignored:', raw, parsed.error.issues);
        return;
      }
      for (const listener of refreshListeners) listener({ kind: 'change', event: parsed.data });
    },
    (state) => {
      const missedSome = isDisconnected(connection) && state === 'live';
      connection = state;
      for (const listener of connectionListeners) listener(state);
      if (missedSome) for (const listener of refreshListeners) listener({ kind: 'resync' });
    },
    (raw) => {
      const parsed = ImportJobSchema.safeParse(raw);
      if (!parsed.success) {
        console.error('A job event that does not match the contract was ignored:', raw, parsed.error.issues);
        return;
      }
      for (const listener of jobListeners) listener(parsed.data);
    },
  );

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
