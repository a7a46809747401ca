import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import { sessionMinutesPdf } from '../../../electron/services/sessions/minutesPdf';
import { closeSession } from '../../../electron/services/sessions/sessionService';
import type { Workspace } from '../../../electron/services/store/workspace';
import { tool } from '../../helpers/pdfTools';
import { runMrb } from '../../helpers/runMrb';
import { cycleWithBoard, markPresent, openSession, votesFor } from './meeting';

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});

/** A closed session: hot deferred on a condition and a mitigation, warm rejected on a dimension, the rest undecided. */
function decidedSession() {
  const { ws, file, dir } = cycleWithBoard();
  open.push(ws);
  const b = openSession(ws);
  markPresent(ws, b, [b.ann, b.bo, b.cy]);
  recordDecision(
    ws,
    {
      sessionId: b.sessionId,
      itemId: b.item('hot'),
      outcome: 'deferred',
      rationale: 'AUC holds; drift needs watching.',
      votes: votesFor(b),
      conditions: [{ text: 'Retrain on Q3 data', due: '2026-12-01', owner: 'Bo Chen' }],
      mitigations: [{ action: 'Add a PSI alert', owner: 'Dana', due: '2026-11-01', successCriteria: 'Alert fires at PSI 0.25' }],
    },
  );
  recordDecision(
    ws,
    { sessionId: b.sessionId, itemId: b.item('warm'), outcome: 'rejected', rationale: 'Harm to customers is too high.', blockingRisk: { dimension: 'customer_harm' }, votes: votesFor(b).map((v) => ({ ...v, vote: 'against' as const })) },
  );
  closeSession(ws, { sessionId: b.sessionId });
  return { ws, file, dir, b };
}

describe('minutes as a PDF', () => {
  it('carries the decisions, votes, conditions, mitigations and quorum, in Roboto, unsigned, the Markdown attached', async () => {
    const { ws, dir, b } = decidedSession();
    const minutes = await sessionMinutesPdf(ws, { sessionId: b.sessionId });
    expect(minutes.fileName).toBe('minutes-session-1-2026-09-15.pdf');
    const pdf = path.join(dir, minutes.fileName);
    fs.writeFileSync(pdf, Buffer.from(minutes.pdfBase64, 'base64'));

    const text = tool('pdftotext', ['-layout', pdf, '-']).text.replace(/\s+/g, ' ');
    for (const line of [
      'Minutes',
      'Q3 model risk board',
      '1. Model hot: Deferred',
      'AUC holds; drift needs watching.',
      '2 for, 0 against, 1 abstaining',
      'Retrain on Q3 data',
      'Add a PSI alert',
      '2. Model warm: Rejected',
      'Customer harm (dimension)',
      '3. Model cool: no decision',
      'The board recorded no decision on this item.',
      'unsigned copy',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toContain('Quorum met: 3 of 3 voting members present');
    expect(tool('pdffonts', [pdf]).text).toContain('Roboto');
    // Dated by the workspace's clock (the tests' day), not by the machine's.
    expect(tool('pdfinfo', ['-isodates', pdf]).text).toMatch(/CreationDate:\s+2026-09-16T/);
    expect(tool('pdfsig', [pdf]).text).toMatch(/does not contain any signatures/);
    expect(tool('pdfdetach', ['-list', pdf]).text).toContain('minutes-session-1-2026-09-15.md');
  });

  it('is refused with a sentence for a session that does not exist', async () => {
    const { ws } = decidedSession();
    await expect(sessionMinutesPdf(ws, { sessionId: 'no-such-session' })).rejects.toThrow(/session/i);
  });

  it('mrb session show --minutes-pdf writes a new file and never overwrites one', () => {
    const { ws, file, dir } = decidedSession();
    ws.close();
    open.splice(0);
    const out = path.join(dir, 'minutes.pdf');
    const first = runMrb(['session', 'show', file, '1', '--today', '2026-09-16', '--minutes-pdf', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Model hot');
    expect(tool('pdftotext', [out, '-']).text).toContain('AUC holds; drift needs watching.');
    const again = runMrb(['session', 'show', file, '1', '--minutes-pdf', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; choose another name/);
    const notPdf = runMrb(['session', 'show', file, '1', '--minutes-pdf', path.join(dir, 'minutes.txt')]);
    expect(notPdf.code).toBe(2);
    expect(notPdf.stderr).toMatch(/--minutes-pdf must name a file ending in \.pdf/);
  });
});
