import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import {
  binaryEvaluation,
  evaluateBinary,
  groupSegments,
  overallEvaluation,
  sortForEvaluation,
  type BinaryEvaluation,
  type BinaryLabels,
  type GroupResults,
  type ScoreSortedRows,
  type SensitiveAttributes,
  type SortedEvaluation,
  type SortedGroups,
} from '../../../shared/metrics';

/**
 * Below this many rows every metric is worked out on the calling thread: a thread's start
 * (~35 ms, its code still cold) costs about what it saves (measured even at 1M rows). At
 * 10M rows it saves about 0.2 s of 4 (medians of five runs): the groups pass through the
 * one spare room an attribute at a time, so only the overall metrics run beside them.
 */
export const GROUPS_BESIDE_FROM_ROWS = 2_000_000;

/** The worker's script (absent when run from source), and from how many rows it is used. */
export interface Beside {
  script: string | undefined;
  fromRows?: number;
}

/** One attribute's rows laid out group by group (groupSegments), for the other thread. */
export interface GroupsTask {
  laidOut: ScoreSortedRows;
  offsets: Uint32Array;
  values: readonly string[];
  threshold: number;
}

/** The other thread's answer: the groups' results, and the laid-out rows' memory moved back. */
export interface GroupsReply {
  byValue: GroupResults;
  laidOut: ScoreSortedRows;
}

/** The memory of laid-out rows, moved between the threads (it is never shared). */
export const memoryOf = (laidOut: ScoreSortedRows): ArrayBuffer[] => [laidOut.scores.buffer, laidOut.labels.buffer] as ArrayBuffer[];

/** Gives the task to the worker, moving the laid-out rows' memory there; null when the worker fails or stops first (the memory is then gone with it). */
function answerOf(worker: Worker, task: GroupsTask): Promise<GroupsReply | null> {
  return new Promise((resolve) => {
    const done = (reply: GroupsReply | null) => {
      worker.off('message', done).off('error', failed).off('exit', failed);
      resolve(reply);
    };
    const failed = () => done(null);
    worker.on('message', done).on('error', failed).on('exit', failed);
    worker.postMessage(task, memoryOf(task.laidOut));
  });
}

/**
 * The groups of each attribute in turn: laid out here in the spare room, whose memory is
 * then moved to the worker, which works out their metrics and moves it back. The first
 * attribute's are worked out there while this thread works out the overall metrics.
 */
async function besideOverall(worker: Worker, sorted: SortedEvaluation, fallback: () => BinaryEvaluation): Promise<BinaryEvaluation> {
  const { rows, partitions, attributes, threshold } = sorted;
  const ask = (a: number, spare: ScoreSortedRows) =>
    answerOf(worker, { laidOut: spare, offsets: groupSegments(rows, partitions[a] as SortedGroups, spare), values: (attributes[a] as SortedEvaluation['attributes'][number]).values, threshold });
  let pending = ask(0, sorted.spare);
  const overall = overallEvaluation(sorted);
  const byAttribute: GroupResults[] = [];
  for (let a = 0; a < attributes.length; a += 1) {
    const reply = await pending;
    // The spare room went with the thread: everything is worked out again here.
    if (reply === null) return fallback();
    byAttribute.push(reply.byValue);
    if (a + 1 < attributes.length) pending = ask(a + 1, reply.laidOut);
  }
  return binaryEvaluation(sorted, overall, byAttribute);
}

/**
 * evaluateBinary, with the group metrics worked out on another thread (metricsWorker.ts)
 * while this one works out the overall metrics. The rows are sorted once, here; the other
 * thread is given each attribute's groups laid out in the sort's spare room, moved to it
 * and back rather than copied, so this costs no memory but the thread's. The results are
 * the very numbers evaluateBinary gives: the same functions over the same rows in the same
 * order.
 *
 * The checks and the sort run before this returns, so bad input is refused by a throw, as
 * evaluateBinary refuses it. Without a script, for fewer rows than `fromRows` or no
 * attributes, everything is worked out here; and again here if the thread fails.
 */
export function evaluateBinaryBeside(yTrue: BinaryLabels, yScore: Float64Array, threshold: number, sensitive: SensitiveAttributes, beside: Beside): Promise<BinaryEvaluation> {
  const whole = () => evaluateBinary(yTrue, yScore, threshold, sensitive);
  const { script, fromRows = GROUPS_BESIDE_FROM_ROWS } = beside;
  if (script === undefined || yScore.length < fromRows || Object.keys(sensitive).length === 0 || !fs.existsSync(script)) return Promise.resolve(whole());
  // Started before the sort, so that it starts while the rows are sorted. Its failures are answered as each task's.
  const worker = new Worker(script).on('error', () => undefined);
  const stop = () => void worker.terminate();
  let sorted: SortedEvaluation;
  try {
    sorted = sortForEvaluation(yTrue, yScore, threshold, sensitive);
  } catch (err) {
    stop();
    throw err;
  }
  return besideOverall(worker, sorted, whole).finally(stop);
}
