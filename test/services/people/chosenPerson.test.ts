import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startNextCycle } from '../../../electron/services/cycles/nextCycle';
import { chooseProfile, currentProfile } from '../../../electron/services/people/profileService';
import { addPerson, changePerson } from '../../../electron/services/people/rosterService';
import { buildUnsignedPacket } from '../../../electron/services/packets/exportPacket';
import { setScore } from '../../../electron/services/scoring/scoreService';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import { sessionMinutes } from '../../../electron/services/sessions/minutes';
import { addAttendee, closeSession } from '../../../electron/services/sessions/sessionService';
import { createIdentity } from '../../../electron/services/signing/identity';
import { defaultActor, Workspace } from '../../../electron/services/store/workspace';
import { WorkspaceSession } from '../../../electron/services/workspaceSession';
import { tool } from '../../helpers/pdfTools';
import { tempDir } from '../../helpers/tempDir';
import { addModels, modelFixture } from '../../helpers/workspaces';
import { markPresent, openSession, votesFor } from '../sessions/meeting';

const ANA = 'Ana Khan <a.khan@bank.example>';

const sessions: WorkspaceSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

/** A window's session as the app makes it: no fixed actor, the profile in its own user data folder. */
function appSession() {
  const dir = tempDir();
  const userData = path.join(dir, 'user');
  const session = new WorkspaceSession({ userDataDir: userData });
  sessions.push(session);
  const ws = session.create(path.join(dir, 'q3.mrb'), { name: 'Q3 2026 review', periodStart: '2026-07-01', periodEnd: '2026-09-30' });
  return { dir, userData, session, ws };
}

const actorsAfter = (session: WorkspaceSession, seq: number) =>
  session.require().reader.prepare('SELECT DISTINCT actor FROM audit_events WHERE seq > ? ORDER BY actor').pluck().all(seq) as string[];
const head = (session: WorkspaceSession) => session.require().reader.prepare('SELECT max(seq) FROM audit_events').pluck().get() as number;

describe('the person using the app', () => {
  it('names the chosen roster person in every audit event of a session run after the choice, in the minutes and in the packet', async () => {
    const { dir, userData, session, ws } = appSession();
    expect(currentProfile(session)).toEqual({ email: null, person: null, actor: defaultActor(), osAccount: defaultActor() });
    // Nobody is on the roster yet: the one adding the board is the computer account.
    addPerson(ws, { name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Model Risk', role: 'secretary' });
    expect(actorsAfter(session, 0)).toEqual([defaultActor()]);

    const chosen = chooseProfile(session, { email: ' A.Khan@Bank.example ' });
    expect(chosen).toMatchObject({ email: 'a.khan@bank.example', person: { name: 'Ana Khan', role: 'secretary' }, actor: ANA });
    // The roster's spelling of the e-mail is what the machine keeps.
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'profile.json'), 'utf8'))).toEqual({ email: 'a.khan@bank.example' });
    const from = head(session);

    addModels(ws, [modelFixture('hot'), modelFixture('warm'), modelFixture('cool'), modelFixture('fresh')]);
    for (const [modelId, value] of [['hot', 5], ['warm', 3], ['cool', 1]] as const) setScore(ws, { modelId, dimension: 'customer_harm', value, rationale: 'set for the test' });
    const board = openSession(ws);
    // Picked from the roster, the secretary is linked to her by e-mail; the members typed in are named alone.
    addAttendee(ws, { sessionId: board.sessionId, name: 'Ana Khan', role: 'Secretary', voting: false, email: 'a.khan@bank.example' });
    markPresent(ws, board, [board.ann, board.bo, board.cy]);
    recordDecision(ws, { sessionId: board.sessionId, itemId: board.item('cool'), outcome: 'deferred', rationale: 'Needs fresh evidence.', votes: votesFor(board) });
    closeSession(ws, { sessionId: board.sessionId });

    expect(head(session)).toBeGreaterThan(from + 10);
    expect(actorsAfter(session, from)).toEqual([ANA]);
    expect(ws.verifyAudit().problem).toBeNull();

    const minutes = sessionMinutes(ws, { sessionId: board.sessionId }).markdown;
    expect(minutes).toContain('by Ana Khan \\<a.khan@bank.example\\>');
    expect(minutes).not.toContain(`by ${defaultActor()}`);
    expect(minutes).toContain('| Ana Khan \\<a.khan@bank.example\\> | Secretary | no | no |');
    expect(minutes).toContain('| Ann Lee | CRO | yes | yes |');

    const { identity } = createIdentity({ name: 'Ann Lee', email: 'ann.lee@bank.example', organisation: 'Example Bank' }, new Date('2026-09-01T00:00:00Z'));
    const built = await buildUnsignedPacket(ws, board.sessionId, identity, new Date('2026-09-16T10:00:00Z'));
    const pdf = path.join(dir, 'packet.pdf');
    fs.writeFileSync(pdf, built.pdf);
    const text = tool('pdftotext', ['-layout', pdf, '-']).text;
    // The session's audit page and the decision name her (a narrow column breaks the address after its @).
    expect(text).toMatch(/Ana Khan <a\.khan@/);
    expect(text).toMatch(/by Ana Khan <a\.khan@bank\.example>/);
  });

  it('names the chosen person in the first events of the next cycle started from the app, whose roster it carries', () => {
    const { dir, session, ws } = appSession();
    addPerson(ws, { name: 'Ana Khan', email: 'a.khan@bank.example', role: 'secretary' });
    chooseProfile(session, { email: 'a.khan@bank.example' });
    // As the cycle.next handler does it.
    const file = startNextCycle(ws, { path: path.join(dir, 'q4.mrb'), name: 'Q4', periodStart: '2026-10-01', periodEnd: '2026-12-31' }, session.workspaceOptions);
    const next = Workspace.open(file, { readonly: true });
    try {
      expect(next.reader.prepare('SELECT DISTINCT actor FROM audit_events').pluck().all()).toEqual([ANA]);
    } finally {
      next.close();
    }
  });

  it('follows a rename on the roster, and records the computer account once the choice is forgotten or names nobody on this roster', () => {
    const { userData, session, ws } = appSession();
    const [ana] = addPerson(ws, { name: 'Ana Khan', email: 'a.khan@bank.example', role: 'chair' });
    chooseProfile(session, { email: 'a.khan@bank.example' });
    changePerson(ws, { id: ana?.id as string, name: 'Ana Khan-Lee' });
    expect(currentProfile(session).actor).toBe('Ana Khan-Lee <a.khan@bank.example>');

    const forgotten = chooseProfile(session, { email: null });
    expect(forgotten).toEqual({ email: null, person: null, actor: defaultActor(), osAccount: defaultActor() });
    expect(fs.existsSync(path.join(userData, 'profile.json'))).toBe(false);

    // A damaged file chooses nobody rather than stopping the app.
    fs.writeFileSync(path.join(userData, 'profile.json'), '{"email": ');
    expect(currentProfile(session)).toMatchObject({ email: null, actor: defaultActor() });

    // Chosen on this machine for another cycle: not on this roster, so not named here.
    fs.writeFileSync(path.join(userData, 'profile.json'), JSON.stringify({ email: 's.ito@bank.example' }));
    expect(currentProfile(session)).toEqual({ email: 's.ito@bank.example', person: null, actor: defaultActor(), osAccount: defaultActor() });
    const before = head(session);
    changePerson(ws, { id: ana?.id as string, role: 'voting_member' });
    expect(actorsAfter(session, before)).toEqual([defaultActor()]);
  });

  it('refuses to choose someone who is not on the roster of the open cycle, naming the e-mail and the cycle, and keeps the choice as it was', () => {
    const { userData, session, ws } = appSession();
    addPerson(ws, { name: 'Ana Khan', email: 'a.khan@bank.example', role: 'chair' });
    chooseProfile(session, { email: 'a.khan@bank.example' });
    expect(() => chooseProfile(session, { email: 's.ito@bank.example' })).toThrow(
      expect.objectContaining({ field: 'email', message: 's.ito@bank.example is not on the roster of Q3 2026 review; add the person in Settings, Roster first.' }),
    );
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'profile.json'), 'utf8'))).toEqual({ email: 'a.khan@bank.example' });
  });
});
