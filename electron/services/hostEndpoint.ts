import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a running loopback host that holds a workspace can be reached, so that `mrb score`
 * run while the app is open goes through the host (one writer, and every open page
 * repaints) instead of being refused. The file sits beside the workspace, readable only by
 * its owner (it carries the host's access token), and names the process so a file left by
 * a killed host is recognised as stale.
 */
export interface HostEndpoint {
  origin: string;
  token: string;
  pid: number;
}

export function endpointPathFor(workspacePath: string): string {
  return `${workspacePath}.host`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function advertiseEndpoint(workspacePath: string, endpoint: Omit<HostEndpoint, 'pid'>): void {
  const target = endpointPathFor(workspacePath);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, JSON.stringify({ ...endpoint, pid: process.pid }), { mode: 0o600 });
  fs.renameSync(temp, target);
}

/** Removes the file if this process wrote it; another host's file is left alone. */
export function withdrawEndpoint(workspacePath: string): void {
  const found = readEndpointFile(workspacePath);
  if (found?.pid === process.pid) fs.rmSync(endpointPathFor(workspacePath), { force: true });
}

function readEndpointFile(workspacePath: string): HostEndpoint | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(endpointPathFor(workspacePath), 'utf8')) as Partial<HostEndpoint>;
    if (typeof v.origin === 'string' && typeof v.token === 'string' && typeof v.pid === 'number') return { origin: v.origin, token: v.token, pid: v.pid };
  } catch {
    // No file, or not ours to read: there is no host to route through.
  }
  return undefined;
}

/** The live host holding this workspace, or undefined. */
export function readEndpoint(workspacePath: string): HostEndpoint | undefined {
  const found = readEndpointFile(workspacePath);
  return found && alive(found.pid) ? found : undefined;
}
