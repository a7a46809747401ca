import path from 'node:path';
import { actorFromChoice, requireRosterActor } from '../services/people/actor';
import type { ProfileFile } from '../services/people/profileFile';
import { Workspace, type ActorOf } from '../services/store/workspace';
import { UserError } from '../../shared/contract/errors';

/**
 * Who a command's writes name (issue 13 §1): `--as <e-mail>`, which must be a person of the
 * workspace's roster, else the person chosen on this machine (the profile the app keeps),
 * else the operating-system account.
 */
export interface Who {
  as: string | null;
  profile: ProfileFile;
}

/** The actor of the writes to `file`: the `--as` person (checked against its roster at each write) or the profile's. */
export function actorOf(who: Who, file: string): ActorOf {
  const { as } = who;
  if (as === null) return actorFromChoice(() => who.profile.email());
  return (db) => requireRosterActor(db, as, path.basename(file));
}

/**
 * Opens a workspace to write as `who`, refusing an `--as` person not on its roster before
 * anything is written.
 */
export function openToWrite(file: string, app: string, who: Who): Workspace {
  const ws = Workspace.open(file, { app, actor: actorOf(who, file) });
  try {
    // Reading the actor is the roster check: a refusal here comes before any write.
    void ws.actor;
  } catch (err) {
    ws.close();
    throw err;
  }
  return ws;
}

/** `--as` on a command that makes a new workspace: its roster is empty, so nobody can be named yet. */
export function refuseAsOnNewWorkspace(who: Who, file: string): void {
  if (who.as !== null) {
    throw new UserError(
      'invalid_argument',
      `--as ${who.as}: ${path.basename(file)} is new and has nobody on its roster yet; create it without --as, add the person with mrb roster add, then write as them.`,
      'as',
    );
  }
}
