import type { CallArgs, CallName, CallResult } from '../../shared/contract/calls';
import { CALL_PATH, TOKEN_HEADER } from '../../shared/contract/transport';
import { UserError, type Reply } from '../../shared/contract/errors';
import { readEndpoint } from '../services/hostEndpoint';
import { Workspace } from '../services/store/workspace';

/**
 * Runs a write on a workspace: directly when the CLI can take the writer lock, or through
 * the running loopback host that holds it, so the open pages see the change at once.
 * Anything else holding the lock (the desktop app, another CLI) still refuses the write.
 */
export async function writeThroughHost<K extends CallName>(
  file: string,
  app: string,
  name: K,
  args: CallArgs<K>,
  direct: (ws: Workspace) => CallResult<K>,
): Promise<{ result: CallResult<K>; via: 'file' | 'host' }> {
  let ws: Workspace;
  try {
    ws = Workspace.open(file, { app });
  } catch (err) {
    const endpoint = err instanceof UserError && err.code === 'open_elsewhere' ? readEndpoint(file) : undefined;
    if (!endpoint) throw err;
    const res = await fetch(`${endpoint.origin}${CALL_PATH}${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: endpoint.token },
      body: JSON.stringify(args),
    });
    const reply = (await res.json()) as Reply<CallResult<K>>;
    if (!reply.ok) throw new UserError(reply.error.code, reply.error.message, reply.error.field);
    return { result: reply.value, via: 'host' };
  }
  try {
    return { result: direct(ws), via: 'file' };
  } finally {
    ws.close();
  }
}
