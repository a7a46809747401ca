import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import {
  binaryEvaluation,
  evaluateBinary,
  evaluationPart,
  evaluationParts,
  sharedRoom,
  sortForEvaluation,
  type BinaryEvaluation,
  type BinaryLabels,
  type BinaryResult,
  type SensitiveAttributes,
  type SortedEvaluation,
} from '../../../shared/metrics';

/**
 * Below this many rows every metric is worked out on the calling thread: a thread's start
 * (~35 ms, its code still cold) costs about what it saves.
 */
export const GROUPS_BESIDE_FROM_ROWS = 2_000_000;

/** The worker's script (absent when run from source), and from how many rows it is used. */
export interface Beside {
  script: string | undefined;
  fromRows?: number;
}

/** What the other thread is given: the sorted rows, in memory both threads share, and the parts it is to work out. */
export interface PartsTask {
  sorted: SortedEvaluation;
  parts: number[];
}

/** The other thread's answer: the parts it worked out, by part number. */
export type PartsReply = [part: number, results: (BinaryResult | null)[]][];

/**
 * Which parts are worked out here and which there: the overall metrics here, then the
 * attributes, most groups first, each to the thread with less work so far. A part is one
 * walk over every row plus the work of each run of equal scores per group it touches:
 * measured at 10M rows, about 8 + groups in units of 35 ms (1 group 280 ms, 2 groups 325,
 * 5 groups 420).
 */
export function dealParts(sorted: SortedEvaluation): { here: number[]; there: number[] } {
  const work = (part: number) => 8 + (part === 0 ? 1 : (sorted.partitions[part - 1] as SortedEvaluation['partitions'][number]).groups);
  const here = [0];
  const there: number[] = [];
  let load = { here: work(0), there: 0 };
  const attributes = Array.from({ length: evaluationParts(sorted) - 1 }, (_, a) => a + 1).sort((a, b) => work(b) - work(a) || a - b);
  for (const part of attributes) {
    if (load.there <= load.here) {
      there.push(part);
      load = { ...load, there: load.there + work(part) };
    } else {
      here.push(part);
      load = { ...load, here: load.here + work(part) };
    }
  }
  return { here, there };
}

/** Works out the parts of the task. */
export function workParts(task: PartsTask): PartsReply {
  return task.parts.map((part) => [part, evaluationPart(task.sorted, part)]);
}

/** The worker's answer; null when it fails or stops first. */
function answerOf(worker: Worker, task: PartsTask): Promise<PartsReply | null> {
  return new Promise((resolve) => {
    const done = (reply: PartsReply | null) => {
      worker.off('message', done).off('error', failed).off('exit', failed);
      resolve(reply);
    };
    const failed = () => done(null);
    worker.on('message', done).on('error', failed).on('exit', failed);
    worker.postMessage(task);
  });
}

/**
 * evaluateBinary, with the parts of the evaluation (the overall metrics, each attribute's
 * groups) shared between this thread and another (metricsWorker.ts). The rows are sorted
 * once, here, into memory both threads share, so nothing is copied or moved, and the parts
 * are dealt between the threads (dealParts). The results are the very numbers
 * evaluateBinary gives: the same function over the same rows, whichever thread runs it.
 *
 * The checks and the sort run before this returns, so bad input is refused by a throw, as
 * evaluateBinary refuses it. Without a script, for fewer rows than `fromRows` or no
 * attributes, everything is worked out here; if the thread fails, its parts are worked out
 * here too.
 */
export function evaluateBinaryBeside(yTrue: BinaryLabels, yScore: Float64Array, threshold: number, sensitive: SensitiveAttributes, beside: Beside): Promise<BinaryEvaluation> {
  const { script, fromRows = GROUPS_BESIDE_FROM_ROWS } = beside;
  if (script === undefined || yScore.length < fromRows || Object.keys(sensitive).length === 0 || !fs.existsSync(script)) {
    return Promise.resolve(evaluateBinary(yTrue, yScore, threshold, sensitive));
  }
  // Started before the sort, so that it starts while the rows are sorted. Its failures are answered as the task's.
  const worker = new Worker(script).on('error', () => undefined);
  const stop = () => void worker.terminate();
  let sorted: SortedEvaluation;
  try {
    sorted = sortForEvaluation(yTrue, yScore, threshold, sensitive, sharedRoom);
  } catch (err) {
    stop();
    throw err;
  }
  const { here, there } = dealParts(sorted);
  const theirs = answerOf(worker, { sorted, parts: there });
  const results = new Map(workParts({ sorted, parts: here }));
  return theirs
    .then((reply) => {
      for (const [part, partResults] of reply ?? []) results.set(part, partResults);
      return binaryEvaluation(sorted, Array.from({ length: evaluationParts(sorted) }, (_, part) => results.get(part) ?? evaluationPart(sorted, part)));
    })
    .finally(stop);
}
