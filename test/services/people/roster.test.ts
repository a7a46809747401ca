import { afterEach, describe, expect, it } from 'vitest';
import { addPerson, changePerson, removePerson, roster } from '../../../electron/services/people/rosterService';
import path from 'node:path';
import { startNextCycle } from '../../../electron/services/cycles/nextCycle';
import { Workspace } from '../../../electron/services/store/workspace';
import { tempDir } from '../../helpers/tempDir';
import { fingerprint, newWorkspace } from '../../helpers/workspaces';

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});

describe('the roster of the cycle', () => {
  it('adds, changes and removes people, each an audited event whose images the audit check holds to', () => {
    const { ws } = newWorkspace();
    open.push(ws);
    addPerson(ws, { name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Model Risk', role: 'chair' });
    const people = addPerson(ws, { name: 'Sam Ito', email: 's.ito@bank.example', role: 'secretary' });
    expect(people.map((p) => [p.name, p.role])).toEqual([
      ['Ana Khan', 'chair'],
      ['Sam Ito', 'secretary'],
    ]);
    const sam = people[1]?.id as string;
    changePerson(ws, { id: sam, role: 'voting_member' });
    expect(roster(ws).find((p) => p.id === sam)?.role).toBe('voting_member');
    removePerson(ws, { id: sam });
    expect(roster(ws).map((p) => p.name)).toEqual(['Ana Khan']);
    const actions = ws.reader.prepare("SELECT action FROM audit_events WHERE entity = 'person' ORDER BY seq").pluck().all();
    expect(actions).toEqual(['person.add', 'person.add', 'person.update', 'person.remove']);
    expect(ws.verifyAudit().problem).toBeNull();
  });

  it('refuses a second person with the same e-mail and a malformed e-mail, naming the field, writing nothing', () => {
    const { ws, file } = newWorkspace();
    open.push(ws);
    addPerson(ws, { name: 'Ana Khan', email: 'a.khan@bank.example', role: 'chair' });
    const print = fingerprint(file);
    expect(() => addPerson(ws, { name: 'A. Khan', email: 'A.KHAN@bank.example', role: 'observer' })).toThrow(
      expect.objectContaining({ field: 'email', message: 'A.KHAN@bank.example is already on the roster as Ana Khan; an e-mail names one person.' }),
    );
    expect(() => addPerson(ws, { name: 'Bo', email: 'bo at bank', role: 'analyst' })).toThrow(/must be an e-mail address/);
    expect(fingerprint(file)).toBe(print);
  });

  it('is carried into the next cycle, each person an audited carry, the chain holding', () => {
    const { ws } = newWorkspace();
    addPerson(ws, { name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Model Risk', role: 'chair' });
    const next = path.join(tempDir(), 'q4.mrb');
    startNextCycle(ws, { path: next, name: 'Q4 2026', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
    ws.close();
    const q4 = Workspace.open(next, { actor: 't' });
    open.push(q4);
    expect(roster(q4)).toMatchObject([{ name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Model Risk', role: 'chair' }]);
    expect(q4.reader.prepare("SELECT count(*) FROM audit_events WHERE action = 'person.carry'").pluck().get()).toBe(1);
    expect(q4.verifyAudit().problem).toBeNull();
  });
});
