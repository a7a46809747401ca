import type { ChangeEvent } from '../../shared/contract/calls';
import { UserError } from '../../shared/contract/errors';
import { RecentCycles } from './recentCycles';
import { readCycle } from './store/cycleTable';
import { Workspace, type CreateOptions, type WorkspaceOptions } from './store/workspace';
import { startWalkBesideEarly } from './store/walkBeside';
import { KnownIdentities } from './signing/knownIdentities';
import { ProfileFile } from './people/profileFile';
import { actorFromChoice } from './people/actor';
import { systemClock, type Clock } from './clock';

/** How a session opens workspaces; a fixed actor (tests, tools) stands in for the profile's person. */
type SessionWorkspaceOptions = Omit<WorkspaceOptions, 'readonly' | 'actor' | 'clock'> & { actor?: string };

export interface SessionOptions {
  userDataDir: string;
  workspace?: SessionWorkspaceOptions;
  /** The services' one clock (default the system's): given here once, passed to each workspace, the recent list and the signing calls. */
  clock?: Clock;
}

/**
 * The workspace a window (or the loopback host and all its pages) is working on: at most
 * one open at a time. Forwards the open workspace's change events, and says when the
 * open workspace itself changes.
 */
export class WorkspaceSession {
  private current: Workspace | null = null;
  private detach: (() => void) | null = null;
  private readonly listeners = new Set<(e: ChangeEvent) => void>();
  readonly recent: RecentCycles;
  readonly identities: KnownIdentities;
  /** Who is using the app on this machine; the writes of this session name them (unless the options fix an actor). */
  readonly profile: ProfileFile;
  readonly clock: Clock;

  constructor(private readonly options: SessionOptions) {
    this.clock = options.clock ?? systemClock;
    this.recent = new RecentCycles(options.userDataDir, this.clock);
    this.identities = new KnownIdentities(options.userDataDir);
    this.profile = new ProfileFile(options.userDataDir);
  }

  /** How workspaces are opened here: the actor is the profile's person, read at each write. */
  private get openOptions(): WorkspaceOptions {
    return { actor: actorFromChoice(() => this.profile.email()), ...this.workspaceOptions };
  }

  get workspace(): Workspace | null {
    return this.current;
  }

  /**
   * How this session opens workspaces (native addon, a fixed actor if any): a cycle started
   * from the open one is made the same way. Without a fixed actor its first events name
   * the open cycle's actor, whose roster it carries.
   */
  get workspaceOptions(): SessionWorkspaceOptions & { clock: Clock } {
    return { ...this.options.workspace, clock: this.clock };
  }

  /** The open workspace, or a user error saying none is open. */
  require(): Workspace {
    if (!this.current) throw new UserError('no_cycle_open', 'No review cycle is open. Create a new cycle or open one first.');
    return this.current;
  }

  onChange(listener: (e: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  create(path: string, options: Omit<CreateOptions, keyof WorkspaceOptions>): Workspace {
    const ws = Workspace.create(path, { ...this.openOptions, ...options });
    this.adopt(ws);
    return ws;
  }

  open(path: string): Workspace {
    if (this.current && this.current.path === path) return this.current;
    // The first cycle.info after opening verifies the log.
    startWalkBesideEarly(path);
    const ws = Workspace.open(path, this.openOptions);
    this.adopt(ws);
    return ws;
  }

  close(): boolean {
    if (!this.current) return false;
    this.release();
    this.broadcast({ entity: 'workspace', ids: [], seq: null });
    return true;
  }

  private adopt(ws: Workspace): void {
    this.release();
    this.current = ws;
    this.detach = ws.onChange((e) => this.broadcast(e));
    const cycle = readCycle(ws.reader);
    this.recent.remember({ path: ws.path, name: cycle?.name ?? ws.path });
    this.broadcast({ entity: 'workspace', ids: [ws.path], seq: null });
  }

  /** Keeps the recent list's name in step after a rename. */
  rememberCurrent(): void {
    if (!this.current) return;
    const cycle = readCycle(this.current.reader);
    if (cycle) this.recent.remember({ path: this.current.path, name: cycle.name });
  }

  private release(): void {
    this.detach?.();
    this.detach = null;
    this.current?.close();
    this.current = null;
  }

  /** Tells every window and page that the person using the app changed. */
  profileChanged(): void {
    this.broadcast({ entity: 'profile', ids: [], seq: null });
  }

  private broadcast(e: ChangeEvent): void {
    for (const l of this.listeners) l(e);
  }

  dispose(): void {
    this.release();
    this.listeners.clear();
  }
}
