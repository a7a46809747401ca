import { parentPort } from 'node:worker_threads';
import { answerTask, type BesideTask } from './groupMetrics';

/**
 * Worker thread: its share of each step of a sort, its parts of the evaluation and second
 * walks of parts started on the calling thread (groupMetrics.ts), in memory it shares with
 * that thread; only answers are sent back, in the order the tasks came.
 */
parentPort?.on('message', (task: BesideTask) => parentPort?.postMessage(answerTask(task)));
