import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { UserError } from '../../shared/contract/errors';
import { processAlive } from './processAlive';

/**
 * Where a running loopback host that holds a workspace can be reached, so that `mrb score`
 * run while the app is open goes through the host (one writer, and every open page
 * repaints) instead of being refused. The file sits beside the workspace, readable only by
 * its owner (it carries the host's access token), and names the process so a file left by
 * a killed host is recognised as stale. Anyone who can write beside the workspace could
 * plant one, so it is believed only when it is the user's own, 0600, and names a loopback
 * address; the caller then has the host prove it holds the workspace (hostCall.ts).
 */
export interface HostEndpoint {
  origin: string;
  token: string;
  pid: number;
}

export function endpointPathFor(workspacePath: string): string {
  return `${workspacePath}.host`;
}

export function advertiseEndpoint(workspacePath: string, endpoint: Omit<HostEndpoint, 'pid'>): void {
  const target = endpointPathFor(workspacePath);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, JSON.stringify({ ...endpoint, pid: process.pid }), { mode: 0o600 });
  // The mode given at creation is narrowed by the umask and ignored for a file left from before.
  fs.chmodSync(temp, 0o600);
  fs.renameSync(temp, target);
}

/** Removes the file if this process wrote it; another host's file is left alone. */
export function withdrawEndpoint(workspacePath: string): void {
  try {
    const v = JSON.parse(fs.readFileSync(endpointPathFor(workspacePath), 'utf8')) as Partial<HostEndpoint>;
    if (v.pid === process.pid) fs.rmSync(endpointPathFor(workspacePath), { force: true });
  } catch {
    // No file, or not one this process wrote.
  }
}

/** 127.0.0.0/8 or ::1, written as an address: a name could resolve anywhere. */
export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' || url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') return false;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (net.isIPv4(host)) return host.split('.')[0] === '127';
  return net.isIPv6(host) && host === '::1';
}

/**
 * The live host holding this workspace, or undefined when there is no file or its process
 * is gone. A file that is there but not to be believed is refused with a sentence: the
 * caller must then neither send it anything nor write the workspace itself.
 */
export function readEndpoint(workspacePath: string): HostEndpoint | undefined {
  const file = endpointPathFor(workspacePath);
  const name = path.basename(file);
  const refuse = (why: string) =>
    new UserError('workspace_refused', `${name} ${why}, so it is not believed; nothing was sent or written. If no mrb serve holds ${path.basename(workspacePath)}, remove ${file}.`);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw refuse(`cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!stat.isFile()) throw refuse('is not a regular file');
  // POSIX only: Windows has no uid or mode bits, and keeps a user's files to them by ACL.
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) throw refuse(`belongs to another user (uid ${stat.uid}), not to you (uid ${uid})`);
  if (uid !== undefined && (stat.mode & 0o777) !== 0o600) throw refuse(`has mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}, not 0600 as a host writes it`);
  let v: Partial<HostEndpoint>;
  try {
    v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<HostEndpoint>;
  } catch {
    throw refuse('is not a host address file');
  }
  if (typeof v.origin !== 'string' || typeof v.token !== 'string' || typeof v.pid !== 'number') throw refuse('is not a host address file');
  if (!isLoopbackOrigin(v.origin)) throw refuse(`points at ${JSON.stringify(v.origin.slice(0, 80))}, which is not a loopback address (127.0.0.0/8 or [::1])`);
  return processAlive(v.pid) ? { origin: v.origin, token: v.token, pid: v.pid } : undefined;
}
