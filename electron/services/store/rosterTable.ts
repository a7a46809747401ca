import type { Person } from '../../../shared/people/roster';
import type { Json } from './auditChain';
import type { ReadDb, WriteDb } from './handles';
import { tableExists } from './tableExists';

/** The cycle's roster; each person is one audited entity ("person"). */

function hasRoster(db: ReadDb): boolean {
  return tableExists(db, 'roster');
}

export function listPeople(db: ReadDb): Person[] {
  if (!hasRoster(db)) return [];
  return db.prepare('SELECT id, name, email, organisation, role FROM roster ORDER BY position, id').all() as Person[];
}

export function getPerson(db: ReadDb, id: string): Person | undefined {
  return db.prepare('SELECT id, name, email, organisation, role FROM roster WHERE id = ?').get(id) as Person | undefined;
}

export function personByEmail(db: ReadDb, email: string): Person | undefined {
  if (!hasRoster(db)) return undefined;
  return db.prepare('SELECT id, name, email, organisation, role FROM roster WHERE email = ? COLLATE NOCASE').get(email.trim()) as Person | undefined;
}

export function insertPerson(db: WriteDb, p: Person): void {
  const position = (db.prepare('SELECT coalesce(max(position) + 1, 0) FROM roster').pluck().get() as number) ?? 0;
  db.prepare('INSERT INTO roster (id, position, name, email, organisation, role) VALUES (?, ?, ?, ?, ?, ?)').run(p.id, position, p.name, p.email, p.organisation, p.role);
}

export function updatePerson(db: WriteDb, p: Person): void {
  db.prepare('UPDATE roster SET name = ?, email = ?, organisation = ?, role = ? WHERE id = ?').run(p.name, p.email, p.organisation, p.role, p.id);
}

export function deletePerson(db: WriteDb, id: string): void {
  db.prepare('DELETE FROM roster WHERE id = ?').run(id);
}

export function personImage(p: Person): Json {
  return { ...p };
}

export function allPersonImages(db: ReadDb): Map<string, Json> {
  return new Map(listPeople(db).map((p) => [p.id, personImage(p)]));
}
