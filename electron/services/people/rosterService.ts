import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { UserError } from '../../../shared/contract/errors';
import { AddPersonArgsSchema, RemovePersonArgsSchema, UpdatePersonArgsSchema, type Person } from '../../../shared/people/roster';
import { deletePerson, getPerson, insertPerson, listPeople, personByEmail, personImage, updatePerson } from '../store/rosterTable';
import type { Workspace } from '../store/workspace';
import { parse, write } from '../sessions/sessionGuards';

/**
 * The roster of the cycle (issue 13 §1): who sits on the board and in what role. Each
 * change is one audited event on the person; an e-mail names one person only.
 */

function refuseTakenEmail(ws: Workspace, email: string, except: string | null): void {
  const other = personByEmail(ws.reader, email);
  if (other && other.id !== except) throw new UserError('invalid_argument', `${email} is already on the roster as ${other.name}; an e-mail names one person.`, 'email');
}

export function roster(ws: Workspace): Person[] {
  return listPeople(ws.reader);
}

export function addPerson(ws: Workspace, args: z.input<typeof AddPersonArgsSchema>): Person[] {
  const a = parse(AddPersonArgsSchema, args);
  refuseTakenEmail(ws, a.email, null);
  const person: Person = { id: randomUUID(), ...a };
  write(ws, (tx) => {
    insertPerson(tx.db, person);
    tx.audit({ action: 'person.add', entity: 'person', entityId: person.id, before: null, after: personImage(person) });
  });
  return roster(ws);
}

export function changePerson(ws: Workspace, args: z.input<typeof UpdatePersonArgsSchema>): Person[] {
  const { id, ...changes } = parse(UpdatePersonArgsSchema, args);
  const before = getPerson(ws.reader, id);
  if (!before) throw new UserError('not_found', `There is no person "${id}" on the roster.`, 'id');
  if (changes.email !== undefined) refuseTakenEmail(ws, changes.email, id);
  const after: Person = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  write(ws, (tx) => {
    updatePerson(tx.db, after);
    tx.audit({ action: 'person.update', entity: 'person', entityId: id, before: personImage(before), after: personImage(after) });
  });
  return roster(ws);
}

export function removePerson(ws: Workspace, args: z.input<typeof RemovePersonArgsSchema>): Person[] {
  const { id } = parse(RemovePersonArgsSchema, args);
  const before = getPerson(ws.reader, id);
  if (!before) throw new UserError('not_found', `There is no person "${id}" on the roster.`, 'id');
  write(ws, (tx) => {
    deletePerson(tx.db, id);
    tx.audit({ action: 'person.remove', entity: 'person', entityId: id, before: personImage(before), after: null });
  });
  return roster(ws);
}
