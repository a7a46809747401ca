import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestFindings } from '../../../electron/services/store/bundleTable';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import { addAttendee, buildAgenda, createSession, takeAttendance } from '../../../electron/services/sessions/sessionService';
import { Workspace } from '../../../electron/services/store/workspace';
import { EXAMPLE_BUNDLE } from '../../helpers/exampleBundle';
import { runMrb } from '../../helpers/runMrb';
import { tempDir } from '../../helpers/tempDir';
import { clockOnDay } from '../../../electron/services/clock';

describe('a finding as the blocking risk of a rejection', () => {
  it('lists the latest bundle’s findings with ids, most severe first, and a rejection can name one', () => {
    const file = path.join(tempDir(), 'q3.mrb');
    expect(runMrb(['init', file, '--name', 'Q3']).code).toBe(0);
    expect(runMrb(['import', file, EXAMPLE_BUNDLE]).code).toBe(1);
    const ws = Workspace.open(file, { actor: 'chair@test', clock: clockOnDay('2026-09-15') });
    const findings = latestFindings(ws.reader, 'credit-default-scorer');
    expect(findings.map((f) => f.severity)).toEqual(['high', 'high', 'high', 'high', 'medium', 'medium']);
    expect(findings[0]).toMatchObject({ id: expect.any(Number), category: 'claim_mismatch', message: expect.stringMatching(/overall\.accuracy is claimed as 0\.7/) });

    let s = createSession(ws, { title: 'Board', date: '2026-09-15', chair: 'Chair' });
    const sessionId = s.session.id;
    s = addAttendee(ws, { sessionId, name: 'Chair', role: 'chair', voting: true });
    s = takeAttendance(ws, { sessionId, marks: s.attendees.map((a) => ({ attendeeId: a.id, present: true })) });
    s = buildAgenda(ws, { sessionId });
    const item = s.items[0]?.id as string;
    const votes = s.attendees.map((a) => ({ attendeeId: a.id, vote: 'against' as const }));
    expect(() => recordDecision(ws, { sessionId, itemId: item, outcome: 'rejected', rationale: 'Claimed accuracy is not what the data shows.', blockingRisk: { findingId: 999_999 }, votes })).toThrow(/finding/i);
    s = recordDecision(ws, { sessionId, itemId: item, outcome: 'rejected', rationale: 'Claimed accuracy is not what the data shows.', blockingRisk: { findingId: findings[0]?.id as number }, votes });
    expect(s.items[0]?.decision?.blockingRisk).toEqual({ findingId: findings[0]?.id });
    expect(ws.verifyAudit().ok).toBe(true);
    ws.close();
  });
});
