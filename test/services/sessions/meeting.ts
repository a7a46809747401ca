import { setScore } from '../../../electron/services/scoring/scoreService';
import { recordDecision } from '../../../electron/services/sessions/decisionService';
import * as sessions from '../../../electron/services/sessions/sessionService';
import type { Workspace } from '../../../electron/services/store/workspace';
import type { SessionDetail } from '../../../shared/sessions/session';
import { addModels, modelFixture, newWorkspace } from '../../helpers/workspaces';
import { clockOnDay } from '../../../electron/services/clock';
import { DayClock } from '../../helpers/dayClock';

/** The day the tests live in: the meeting is on 2026-09-15 and "today" is the day after. */
export const TODAY = '2026-09-16';
/** Stopped on TODAY: for a second handle on a board's workspace, which must share its day. */
export const clock = clockOnDay(TODAY);

/**
 * A cycle with four models at known heats (hot 5, warm 3, cool 1, and one unscored), and
 * a board of three voting members and one guest.
 */
export function cycleWithBoard() {
  const { ws, file, dir } = newWorkspace(undefined, new DayClock(TODAY));
  addModels(ws, [modelFixture('hot'), modelFixture('warm'), modelFixture('cool'), modelFixture('fresh')]);
  for (const [modelId, value] of [['hot', 5], ['warm', 3], ['cool', 1]] as const) {
    setScore(ws, { modelId, dimension: 'customer_harm', value, rationale: 'set for the test' });
  }
  return { ws, file, dir };
}

export interface Board {
  detail: SessionDetail;
  sessionId: string;
  ann: string;
  bo: string;
  cy: string;
  guest: string;
  item: (modelId: string) => string;
}

/** A session with its board added and the agenda built; nobody marked present yet. */
export function openSession(ws: Workspace, title = 'Q3 model risk board', date = '2026-09-15'): Board {
  let detail = sessions.createSession(ws, { title, date, location: 'Room 4', chair: 'Ann Lee' });
  const sessionId = detail.session.id;
  for (const [name, role, voting] of [
    ['Ann Lee', 'CRO', true],
    ['Bo Chen', 'Head of ML', true],
    ['Cy Diaz', 'Compliance', true],
    ['Guest Gu', 'Model owner', false],
  ] as const) {
    detail = sessions.addAttendee(ws, { sessionId, name, role, voting });
  }
  detail = sessions.buildAgenda(ws, { sessionId });
  const id = (name: string) => detail.attendees.find((a) => a.name === name)?.id as string;
  const items = new Map(detail.items.map((i) => [i.modelId, i.id]));
  return { detail, sessionId, ann: id('Ann Lee'), bo: id('Bo Chen'), cy: id('Cy Diaz'), guest: id('Guest Gu'), item: (m) => items.get(m) as string };
}

export function markPresent(ws: Workspace, b: Board, ids: string[]): SessionDetail {
  return sessions.takeAttendance(ws, { sessionId: b.sessionId, marks: [b.ann, b.bo, b.cy, b.guest].map((attendeeId) => ({ attendeeId, present: ids.includes(attendeeId) })) });
}

export const votesFor = (b: Board) => [
  { attendeeId: b.ann, vote: 'for' as const },
  { attendeeId: b.bo, vote: 'for' as const },
  { attendeeId: b.cy, vote: 'abstain' as const },
];

/** A cycle whose board session is closed with one decision (hot deferred), the workspace closed: ready to export a packet from. */
export function closedBoardCycle(): { file: string; dir: string; board: Board } {
  const { ws, file, dir } = cycleWithBoard();
  const board = openSession(ws);
  markPresent(ws, board, [board.ann, board.bo, board.cy]);
  recordDecision(ws, { sessionId: board.sessionId, itemId: board.item('hot'), outcome: 'deferred', rationale: 'Needs fresh evidence.', votes: votesFor(board) });
  sessions.closeSession(ws, { sessionId: board.sessionId });
  ws.close();
  return { file, dir, board };
}
