import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildUnsignedPacket } from '../../../electron/services/packets/exportPacket';
import { setScore } from '../../../electron/services/scoring/scoreService';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import * as sessions from '../../../electron/services/sessions/sessionService';
import { createIdentity } from '../../../electron/services/signing/identity';
import { tool } from '../../helpers/pdfTools';
import { TODAY, markPresent, openSession, votesFor } from '../sessions/meeting';
import { addModels, modelFixture, newWorkspace } from '../../helpers/workspaces';
import { DayClock } from '../../helpers/dayClock';

const { identity } = createIdentity({ name: 'Ann Lee', email: 'ann@example.org', organisation: 'Example Bank' }, new Date('2026-09-01T00:00:00Z'));

describe('the packet shows the evidence a decision rests on (issue 13 §5)', () => {
  it('prints coverage and the floor per model, the chair’s acknowledgement with the decision, and the floors in the methodology', async () => {
    const { ws, dir } = newWorkspace(undefined, new DayClock(TODAY));
    addModels(ws, [modelFixture('thin')]);
    setScore(ws, { modelId: 'thin', dimension: 'customer_harm', value: 4, rationale: 'Declines without appeal.' });
    const b = openSession(ws);
    markPresent(ws, b, [b.ann, b.bo, b.cy]);
    recordDecision(
      ws,
      { sessionId: b.sessionId, itemId: b.item('thin'), outcome: 'approved', rationale: 'Pilot only.', votes: votesFor(b), acknowledgement: 'Pilot of 200 loans; full scoring by October.' },
    );
    sessions.closeSession(ws, { sessionId: b.sessionId });
    const built = await buildUnsignedPacket(ws, b.sessionId, identity, new Date('2026-09-20T10:00:00Z'));
    ws.close();
    const pdf = path.join(dir, 'packet.pdf');
    fs.writeFileSync(pdf, built.pdf);
    const text = tool('pdftotext', ['-layout', pdf, '-']).text.replace(/\s+/g, ' ');
    expect(text).toContain('Tier High (floor: Customer harm is scored 4, at or above 4: at least High.)');
    expect(text).toContain('Coverage 1 of 11 dimensions scored (9%); a tier needs 70%');
    expect(text).toMatch(/Approved despite 10 dimensions of 11 are not scored: .* The tier is incomplete|Approved despite 10 dimensions of 11 are not scored/);
    expect(text).toContain("Chair's acknowledgement Pilot of 200 loans; full scoring by October.");
    expect(text).toContain('any dimension scored 4 or more: at least High; an open high or critical finding: at least High; an open critical finding: at least Critical');
    if (process.env.MRB_KEEP_PACKET) fs.copyFileSync(pdf, process.env.MRB_KEEP_PACKET);
  });
});
