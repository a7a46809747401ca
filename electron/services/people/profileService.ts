import path from 'node:path';
import type { z } from 'zod';
import { UserError } from '../../../shared/contract/errors';
import type { ChooseProfileArgsSchema, Profile } from '../../../shared/people/profile';
import { readCycle } from '../store/cycleTable';
import { personByEmail } from '../store/rosterTable';
import { defaultActor } from '../store/workspace';
import type { WorkspaceSession } from '../workspaceSession';
import { chosenPerson } from './actor';

/** Who is using the app here, as the open cycle's roster has them, and what a write now records. */
export function currentProfile(session: WorkspaceSession): Profile {
  const email = session.profile.email();
  const ws = session.workspace;
  return {
    email,
    person: ws ? (chosenPerson(ws.reader, email) ?? null) : null,
    actor: ws ? ws.actor : defaultActor(),
    osAccount: defaultActor(),
  };
}

/**
 * Chooses who is using the app on this machine from the open cycle's roster (null forgets
 * the choice). The roster's spelling of the e-mail is kept, so later cycles find the person.
 */
export function chooseProfile(session: WorkspaceSession, args: z.infer<typeof ChooseProfileArgsSchema>): Profile {
  if (args.email === null) {
    session.profile.choose(null);
  } else {
    const ws = session.require();
    const person = personByEmail(ws.reader, args.email);
    if (!person) {
      const cycle = readCycle(ws.reader)?.name ?? path.basename(ws.path);
      throw new UserError('not_found', `${args.email} is not on the roster of ${cycle}; add the person in Settings, Roster first.`, 'email');
    }
    session.profile.choose(person.email);
  }
  session.profileChanged();
  return currentProfile(session);
}
