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
 * once, here, into memory both threads share, so nothing is copied or moved. Each part is
 * a walk over every row, so the parts are dealt alternately: the even ones here (the
 * overall metrics first), the odd ones there. The results are the very numbers
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
  const all = Array.from({ length: evaluationParts(sorted) }, (_, part) => part);
  const theirs = answerOf(worker, { sorted, parts: all.filter((part) => part % 2 === 1) });
  const results = new Map(workParts({ sorted, parts: all.filter((part) => part % 2 === 0) }));
  return theirs
    .then((reply) => {
      for (const [part, partResults] of reply ?? []) results.set(part, partResults);
      return binaryEvaluation(sorted, all.map((part) => results.get(part) ?? evaluationPart(sorted, part)));
    })
    .finally(stop);
}
