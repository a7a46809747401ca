import path from 'node:path';
import type { Predecessor } from '../../../shared/cycles/lineage';
import { readCycle } from '../store/cycleTable';
import { readPredecessor } from '../store/lineageTable';
import type { Workspace } from '../store/workspace';

export interface PreviousReport {
  ok: boolean;
  predecessor: Predecessor | null;
  /** Why the link does not hold, in a sentence; null when it holds. */
  problem: string | null;
}

/**
 * Checks that a cycle's recorded predecessor head is a state the predecessor's chain
 * really passed through (issue 11, section 1): the file is the cycle named, its own chain
 * holds, and its event at the recorded sequence number has the recorded hash. Events the
 * predecessor recorded after the hand-over do not matter; any rewrite of its history does.
 */
export function verifyPrevious(ws: Workspace, previous: Workspace): PreviousReport {
  const predecessor = readPredecessor(ws.reader);
  const name = path.basename(ws.path);
  const prevName = path.basename(previous.path);
  if (!predecessor) return { ok: false, predecessor, problem: `${name} was not started from another cycle, so it has no predecessor to check.` };
  const cycle = readCycle(previous.reader);
  if (cycle?.id !== predecessor.cycleId) {
    return { ok: false, predecessor, problem: `${prevName} is the cycle "${cycle?.name ?? '?'}", not "${predecessor.name}" (${predecessor.cycleId}) that ${name} follows.` };
  }
  const audit = previous.verifyAudit('full');
  if (!audit.ok) return { ok: false, predecessor, problem: `The audit chain of ${predecessor.name} (${prevName}) does not hold: ${audit.problem?.reason ?? 'unknown problem'}` };
  const hash = previous.reader.prepare('SELECT hash FROM audit_events WHERE seq = ?').pluck().get(predecessor.headSeq) as string | undefined;
  if (hash !== predecessor.head) {
    return {
      ok: false,
      predecessor,
      problem: `${predecessor.name} (${prevName}) never passed through the head ${name} recorded at the hand-over: event #${predecessor.headSeq} ${hash === undefined ? 'does not exist' : `has hash ${hash.slice(0, 12)}…, not ${predecessor.head.slice(0, 12)}…`}.`,
    };
  }
  return { ok: true, predecessor, problem: null };
}
