import path from 'node:path';
import type { CallArgs, CallName, CallResult } from '../../shared/contract/calls';
import { CALL_PATH, TOKEN_HEADER } from '../../shared/contract/transport';
import { UserError, type Reply } from '../../shared/contract/errors';
import { endpointPathFor, readEndpoint, type HostEndpoint } from '../services/hostEndpoint';
import { readCycle } from '../services/store/cycleTable';
import { Workspace } from '../services/store/workspace';
import { openToWrite, type Who } from './who';

/**
 * Runs a write on a workspace: directly when the CLI can take the writer lock, or through
 * the running loopback host that holds it, so the open pages see the change at once.
 * Anything else holding the lock (the desktop app, another CLI) still refuses the write.
 * The host is used only after its address file is believed (hostEndpoint.ts) and it has
 * answered with the cycle id read from the workspace file itself: a host planted beside
 * the workspace never receives the write, and the CLI never writes behind a real one.
 */
export async function writeThroughHost<K extends CallName>(
  file: string,
  app: string,
  name: K,
  args: CallArgs<K>,
  direct: (ws: Workspace) => CallResult<K>,
  who: Who,
): Promise<{ result: CallResult<K>; via: 'file' | 'host' }> {
  let ws: Workspace;
  try {
    ws = openToWrite(file, app, who);
  } catch (err) {
    const endpoint = err instanceof UserError && err.code === 'open_elsewhere' ? readEndpoint(file) : undefined;
    if (!endpoint) throw err;
    await proveHolds(file, endpoint);
    if (who.as !== null) await refuseOtherPerson(file, endpoint, who.as);
    return { result: await callHost(file, endpoint, name, args), via: 'host' };
  }
  try {
    return { result: direct(ws), via: 'file' };
  } finally {
    ws.close();
  }
}

// A host on this machine answers at once; one that does not is not worth waiting for.
const HOST_TIMEOUT_MS = 10_000;

async function callHost<K extends CallName>(file: string, endpoint: HostEndpoint, name: K, args: CallArgs<K>): Promise<CallResult<K>> {
  const where = `The host at ${endpoint.origin} named in ${path.basename(endpointPathFor(file))}`;
  let reply: Reply<CallResult<K>>;
  try {
    const res = await fetch(`${endpoint.origin}${CALL_PATH}${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: endpoint.token },
      body: JSON.stringify(args),
      redirect: 'error',
      signal: AbortSignal.timeout(HOST_TIMEOUT_MS),
    });
    reply = (await res.json()) as Reply<CallResult<K>>;
  } catch {
    throw new UserError('workspace_refused', `${where} does not answer as a host; nothing was written.`);
  }
  if (reply?.ok === true) return reply.value;
  if (reply?.ok === false && typeof reply.error?.message === 'string') throw new UserError(reply.error.code, reply.error.message, reply.error.field);
  throw new UserError('workspace_refused', `${where} does not answer as a host; nothing was written.`);
}

/**
 * The host records its writes as the person chosen in its pages' top bar: an `--as` naming
 * someone else is refused rather than recorded under another name.
 */
async function refuseOtherPerson(file: string, endpoint: HostEndpoint, as: string): Promise<void> {
  const profile = await callHost(file, endpoint, 'profile.get', {} as CallArgs<'profile.get'>);
  if (profile.person?.email.toLowerCase() === as.toLowerCase()) return;
  throw new UserError(
    'workspace_refused',
    `--as ${as}: mrb serve holds ${path.basename(file)} and records its writes as ${profile.actor}; choose ${as} in its top bar (or stop it) and try again. Nothing was written.`,
    'as',
  );
}

/** The host must serve the cycle the workspace file holds, read from the file itself (read-only). */
async function proveHolds(file: string, endpoint: HostEndpoint): Promise<void> {
  const ws = Workspace.open(file, { readonly: true });
  let cycleId: string | undefined;
  try {
    cycleId = readCycle(ws.reader)?.id;
  } finally {
    ws.close();
  }
  const served = (await callHost(file, endpoint, 'cycle.info', {} as CallArgs<'cycle.info'>)) as { id?: unknown } | null;
  if (cycleId === undefined || served?.id !== cycleId) {
    const what = typeof served?.id === 'string' ? `serves another cycle (id ${served.id.slice(0, 64)})` : 'serves no cycle';
    throw new UserError(
      'workspace_refused',
      `The host at ${endpoint.origin} named in ${path.basename(endpointPathFor(file))} ${what}, not the one in ${path.basename(file)} (id ${cycleId ?? 'none'}); nothing was sent to it or written.`,
    );
  }
}
