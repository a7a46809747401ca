import fs from 'node:fs';
import path from 'node:path';
import { prepareImport } from '../../../electron/services/bundles/prepareImport';
import { storeImport } from '../../../electron/services/bundles/importService';
import { setScore } from '../../../electron/services/scoring/scoreService';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import * as sessions from '../../../electron/services/sessions/sessionService';
import { Workspace } from '../../../electron/services/store/workspace';
import type { DecisionDraftInput } from '../../../shared/sessions/session';
import { BundleCopy } from '../../helpers/bundleCopies';
import { EXAMPLE_BUNDLE } from '../../helpers/exampleBundle';
import { tempDir } from '../../helpers/tempDir';
import { addModels, modelFixture } from '../../helpers/workspaces';
import { DayClock, dayClockOf } from '../../helpers/dayClock';

/** Imports a bundle folder in-process, as the import worker then the store would. */
export async function importBundle(ws: Workspace, dir: string) {
  return storeImport(ws, await prepareImport(dir, { tolerance: 0.01 }));
}

/** The example bundle as a later version of the model: new version, new predictions. */
export function laterBundle(version: string): string {
  const copy = new BundleCopy();
  const predictions = fs.readFileSync(path.join(copy.dir, 'predictions.csv'), 'utf8').split('\n');
  // One score nudged: the predictions file differs, the metrics barely move.
  const [header, first, ...rest] = predictions;
  const cells = (first as string).split(',');
  cells[1] = '0.01';
  copy.writeFile('predictions.csv', [header, cells.join(','), ...rest].join('\n'));
  copy.editManifest((m) => {
    (m.model as { version: string }).version = version;
    m.created_at = '2026-11-20T12:00:00Z';
  });
  return copy.dir;
}

export const CREDIT = 'credit-default-scorer';

/** Decides on every agenda item of a one-member board on that day (the workspace's day clock moved to it), then closes the session. */
export function holdSession(ws: Workspace, date: string, drafts: Record<string, DecisionDraftInput>): string {
  dayClockOf(ws).setDay(date);
  let s = sessions.createSession(ws, { title: `Board ${date}`, date, chair: 'Ann Lee' });
  const sessionId = s.session.id;
  s = sessions.addAttendee(ws, { sessionId, name: 'Ann Lee', role: 'CRO', voting: true });
  s = sessions.takeAttendance(ws, { sessionId, marks: s.attendees.map((a) => ({ attendeeId: a.id, present: true })) });
  s = sessions.buildAgenda(ws, { sessionId, modelIds: Object.keys(drafts) });
  const ann = s.attendees[0]?.id as string;
  for (const item of s.items) {
    const draft = drafts[item.modelId];
    if (!draft) continue;
    recordDecision(ws, { sessionId, itemId: item.id, ...draft, votes: [{ attendeeId: ann, vote: 'for' }] } as never);
  }
  sessions.closeSession(ws, { sessionId });
  return sessionId;
}

/**
 * The first cycle (Q3 2026): the example bundle imported, three more models, scores, and
 * one closed session that leaves conditions (two with metric rules), a mitigation done
 * and one open, and a risk acceptance.
 */
export async function firstCycle() {
  const dir = tempDir();
  const file = path.join(dir, 'q3-2026.mrb');
  const ws = Workspace.create(file, { name: 'Q3 2026', actor: 'analyst@test', periodStart: '2026-07-01', periodEnd: '2026-09-30', clock: new DayClock('2026-09-15') });
  await importBundle(ws, EXAMPLE_BUNDLE);
  addModels(ws, [modelFixture('hot'), modelFixture('warm'), modelFixture('quiet')]);
  for (const [modelId, value] of [['hot', 5], ['warm', 2], [CREDIT, 3]] as const) {
    setScore(ws, { modelId, dimension: 'customer_harm', value, rationale: 'set for the test' });
  }
  holdSession(ws, '2026-09-15', {
    [CREDIT]: {
      outcome: 'approved_with_conditions',
      rationale: 'Fit for use once drift and discrimination are shown under control.',
      acknowledgement: 'Thin test evidence, acknowledged.',
      conditions: [
        { text: 'Drift stays moderate', due: '2026-12-31', rule: 'drift.psi_max < 5' },
        { text: 'Discrimination above 0.99', due: '2026-12-31', rule: 'overall.roc_auc >= 0.99' },
      ],
    },
    hot: {
      outcome: 'approved',
      rationale: 'Accepted with compensating controls.',
      acknowledgement: 'Thin test evidence, acknowledged.',
      acceptances: [{ risk: 'Customer harm stays high', approver: 'CRO', compensatingControls: 'Manual review of declines', expiry: '2027-01-10' }],
      mitigations: [{ action: 'Add human review', owner: 'Bo', due: '2026-11-30', successCriteria: 'All declines reviewed' }],
    },
    warm: {
      outcome: 'approved',
      rationale: 'Low risk.',
      acknowledgement: 'Thin test evidence, acknowledged.',
      mitigations: [{ action: 'Document the features', owner: 'Cy', due: '2026-10-15', successCriteria: 'Model card complete' }],
    },
  });
  return { dir, file, ws };
}
