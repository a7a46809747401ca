import type { ReadDb } from '../store/handles';
import { UserError } from '../../../shared/contract/errors';
import { personAddress, type Person } from '../../../shared/people/roster';
import { listPeople, personByEmail } from '../store/rosterTable';
import { defaultActor, type ActorOf } from '../store/workspace';

/**
 * Who the audit log, the minutes and the packet name for a change (issue 13 §1): the
 * chosen person as this cycle's roster has them, "Name <e-mail>"; the operating-system
 * account only while nobody from the roster is chosen.
 */

/** The person of this roster with the chosen e-mail, if any. */
export function chosenPerson(db: ReadDb, email: string | null): Person | undefined {
  return email === null ? undefined : personByEmail(db, email);
}

/** The actor of a write when `email()` is the choice of the moment (a profile that may change while the workspace is open). */
export function actorFromChoice(email: () => string | null): ActorOf {
  return (db) => {
    const person = chosenPerson(db, email());
    return person ? personAddress(person) : defaultActor();
  };
}

/**
 * The actor named explicitly (`mrb --as <e-mail>`): it must be a person of this workspace's
 * roster, or the command is refused before anything is written. An empty roster is no
 * exception: the person is added first, so the log never names someone the board does not list.
 */
export function requireRosterActor(db: ReadDb, email: string, workspaceName: string): string {
  const person = personByEmail(db, email);
  if (person) return personAddress(person);
  const empty = listPeople(db).length === 0;
  throw new UserError(
    'invalid_argument',
    empty
      ? `--as ${email}: ${workspaceName} has nobody on its roster yet; add the person first (mrb roster add, without --as), then write as them.`
      : `--as ${email}: nobody with that e-mail is on the roster of ${workspaceName}; nothing was written (see mrb roster, or add them with mrb roster add).`,
    'as',
  );
}
