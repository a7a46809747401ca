import {
  binaryEvaluation,
  evaluateBinary,
  evaluationPart,
  evaluationPartFrom,
  evaluationParts,
  evaluationPartStart,
  runSortStep,
  sharedRoom,
  sortingForEvaluation,
  type BinaryEvaluation,
  type BinaryLabels,
  type BinaryResult,
  type GroupSums,
  type SensitiveAttributes,
  type SortedEvaluation,
  type SortStep,
  type SortSteps,
} from '../../../shared/metrics';
import { startBesideThread, type BesideThread } from './besideThread';

/**
 * Below this many rows the sort and every metric are worked out on the calling thread: a
 * thread's start (~35 ms, its code still cold) costs about what it saves. At 1M rows the
 * two threads were a little faster (medians of eleven alternating runs: 0.68 s against
 * 0.70, the fastest 0.57 against 0.65) for 14 MiB more.
 */
export const GROUPS_BESIDE_FROM_ROWS = 1_000_000;

/**
 * The worker's script (absent when run from source), and from how many rows it is used; or
 * its thread, started as the rows were read (besideThread.ts), which the caller stops if it goes unused.
 */
export interface Beside {
  script: string | undefined;
  fromRows?: number;
  thread?: BesideThread | null;
}

/** What the other thread is given: the sorted rows, in memory both threads share, and the parts it is to work out. */
export interface PartsTask {
  sorted: SortedEvaluation;
  parts: number[];
}

/**
 * What the other thread is asked: a step of the sort over its share of the rows (answered
 * by whether it succeeded), parts (answered by a PartsReply), or a part's second walk from
 * the sums of its first, walked here (answered by the part's results).
 */
export type BesideTask = { kind: 'step'; step: SortStep } | ({ kind: 'parts' } & PartsTask) | { kind: 'second'; sorted: SortedEvaluation; part: number; sums: GroupSums };

/** The other thread's answer: the parts it worked out, by part number. */
export type PartsReply = [part: number, results: (BinaryResult | null)[]][];

/** A part's work in the units dealParts counts: about 8 + groups (measured at 10M rows: 1 group 280 ms, 2 groups 325, 5 groups 420, in units of 35 ms). */
const workOf = (sorted: SortedEvaluation, part: number): number => 8 + (part === 0 ? 1 : (sorted.partitions[part - 1] as SortedEvaluation['partitions'][number]).groups);
/** The second of a part's two walks is about this share of its work. */
const SECOND_WALK_SHARE = 0.4;

/**
 * Which parts are worked out here and which there: the overall metrics here, then the
 * attributes, most groups first, each to the thread with less work so far. When this
 * thread is then left with more, by more than a second walk of one of its attributes would
 * move, that attribute is `split`: its first walk here, before anything else, and its
 * second there, after the other thread's parts (three parts, the common case, cost two
 * parts' time on one thread otherwise).
 */
export function dealParts(sorted: SortedEvaluation): { here: number[]; there: number[]; split: number | null } {
  const work = (part: number) => workOf(sorted, part);
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
  const last = here.length > 1 ? (here[here.length - 1] as number) : null;
  if (last === null || load.here - load.there <= SECOND_WALK_SHARE * work(last)) return { here, there, split: null };
  return { here: here.slice(0, -1), there, split: last };
}

/** Works out the parts of the task. */
export function workParts(task: PartsTask): PartsReply {
  return task.parts.map((part) => [part, evaluationPart(task.sorted, part)]);
}

/** What the other thread answers to a task (see BesideTask). */
export function answerTask(task: BesideTask): boolean | PartsReply | (BinaryResult | null)[] {
  if (task.kind === 'step') return runSortStep(task.step);
  if (task.kind === 'parts') return workParts(task);
  return evaluationPartFrom(task.sorted, task.part, task.sums);
}

/** Whether every array of the step is in shared memory: one that is not would be copied to the other thread, not shared. */
const sharedStep = (step: SortStep): boolean => Object.values(step).every((v) => !ArrayBuffer.isView(v) || v.buffer instanceof SharedArrayBuffer);

/**
 * Runs the sort's steps, one share here and the other there, each step's shares at once
 * (both here for a step over memory the other thread cannot share, such as the scores as
 * they were read). A step the other thread does not answer is run here: a step writes only
 * its own share's counts, starts and places, from inputs no step of the same yield writes,
 * so running it again gives the very same memory.
 */
async function sortBeside<T>(steps: SortSteps<T>, ask: <R>(task: BesideTask) => Promise<R | null>): Promise<T> {
  let done: boolean[] = [];
  for (;;) {
    const next = steps.next(done);
    if (next.done) return next.value;
    const [mine, theirs] = next.value as [SortStep, SortStep];
    if (!sharedStep(theirs)) {
      done = [runSortStep(mine), runSortStep(theirs)];
      continue;
    }
    const answer = ask<boolean>({ kind: 'step', step: theirs });
    const ok = runSortStep(mine);
    const reply = await answer;
    done = [ok, typeof reply === 'boolean' ? reply : runSortStep(theirs)];
  }
}

/**
 * evaluateBinary, on this thread and another (besideWorker.ts). The rows are sorted once
 * into memory both threads share, each step of the sort over half of the rows on each
 * thread, so nothing is copied or moved; then the parts of the evaluation (the overall
 * metrics, each attribute's groups) are dealt between the threads (dealParts). The results
 * are the very numbers evaluateBinary gives: the same functions over the same rows,
 * whichever thread runs them.
 *
 * The checks run before this returns, so bad input is refused by a throw, as
 * evaluateBinary refuses it. Without a script or for fewer rows than `fromRows`, everything
 * is worked out here; whatever the other thread fails to answer is worked out here too.
 */
export function evaluateBinaryBeside(yTrue: BinaryLabels, yScore: Float64Array, threshold: number, sensitive: SensitiveAttributes, beside: Beside): Promise<BinaryEvaluation> {
  const { fromRows = GROUPS_BESIDE_FROM_ROWS } = beside;
  // Started before the checks, so that it starts while they run, unless it was started ahead.
  const thread = yScore.length < fromRows ? null : (beside.thread ?? startBesideThread(beside.script));
  if (thread === null) return Promise.resolve(evaluateBinary(yTrue, yScore, threshold, sensitive));
  let steps: SortSteps<SortedEvaluation>;
  try {
    steps = sortingForEvaluation(yTrue, yScore, threshold, sensitive, sharedRoom, 2);
  } catch (err) {
    thread.stop();
    throw err;
  }
  return sortBeside(steps, thread.ask)
    .then(async (sorted) => {
      const { here, there, split } = dealParts(sorted);
      const theirs = thread.ask<PartsReply>({ kind: 'parts', sorted, parts: there });
      const started = split === null ? null : { part: split, sums: evaluationPartStart(sorted, split) };
      const theirSecond = started && thread.ask<(BinaryResult | null)[]>({ kind: 'second', sorted, ...started });
      const results = new Map(workParts({ sorted, parts: here }));
      for (const [part, partResults] of (await theirs) ?? []) results.set(part, partResults);
      if (started) results.set(started.part, (await theirSecond) ?? evaluationPartFrom(sorted, started.part, started.sums));
      return binaryEvaluation(sorted, Array.from({ length: evaluationParts(sorted) }, (_, part) => results.get(part) ?? evaluationPart(sorted, part)));
    })
    .finally(thread.stop);
}
