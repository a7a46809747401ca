import { describe, expect, it } from 'vitest';
import { migrations, SCHEMA_VERSION } from '../../../../electron/services/store/migrations';
import { migration011 } from '../../../../electron/services/store/migrations/011_attendee_email';
import { addPerson } from '../../../../electron/services/people/rosterService';
import { addAttendee } from '../../../../electron/services/sessions/sessionService';
import { sessionDetail } from '../../../../electron/services/sessions/sessionView';
import { Workspace } from '../../../../electron/services/store/workspace';
import { lowerSchema } from '../../../helpers/olderSchema';
import { fingerprint } from '../../../helpers/workspaces';
import { clock, cycleWithBoard, openSession } from '../../sessions/meeting';
import { todayOf } from '../../../../electron/services/clock';

describe('migration 011 (attendee e-mail)', () => {
  it('is version 11 at position 11', () => {
    expect(migration011.version).toBe(11);
    expect(migrations[10]).toBe(migration011);
  });

  it("links an attendee picked from the roster by the roster's e-mail; one typed in has none; an e-mail off the roster or twice is refused, writing nothing", () => {
    const { ws, file } = cycleWithBoard();
    addPerson(ws, { name: 'Dana Ruiz', email: 'd.ruiz@bank.example', role: 'secretary' });
    const b = openSession(ws);
    const detail = addAttendee(ws, { sessionId: b.sessionId, name: 'Dana Ruiz', role: 'Secretary', voting: false, email: 'D.Ruiz@Bank.example' });
    expect(detail.attendees.find((a) => a.name === 'Dana Ruiz')?.email).toBe('d.ruiz@bank.example');
    expect(detail.attendees.find((a) => a.name === 'Ann Lee')).not.toHaveProperty('email');

    const before = fingerprint(file);
    expect(() => addAttendee(ws, { sessionId: b.sessionId, name: 'Sam Ito', email: 's.ito@bank.example' })).toThrow(
      expect.objectContaining({ field: 'email', message: 's.ito@bank.example is not on the roster of this cycle; add the person in Settings, Roster, or type the attendee in.' }),
    );
    expect(() => addAttendee(ws, { sessionId: b.sessionId, name: 'D. Ruiz', email: 'd.ruiz@bank.example' })).toThrow(
      expect.objectContaining({ field: 'email', message: expect.stringMatching(/^d\.ruiz@bank\.example is already on the attendance list of .*, as Dana Ruiz\.$/) }),
    );
    expect(fingerprint(file)).toBe(before);
    expect(ws.verifyAudit().problem).toBeNull();
    ws.close();
  });

  it('upgrades a schema-10 workspace with attendees: they read without an e-mail and the audit chain still holds', () => {
    const { ws, file } = cycleWithBoard();
    const b = openSession(ws);
    ws.close();
    lowerSchema(file, 10);
    const upgraded = Workspace.open(file, { actor: 't' });
    expect(upgraded.reader.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(upgraded.verifyAudit().problem).toBeNull();
    expect(sessionDetail(upgraded, b.sessionId, todayOf(clock)).attendees.map((a) => Object.keys(a).sort())).toContainEqual(['id', 'name', 'present', 'role', 'voting']);
    upgraded.close();
  });
});
