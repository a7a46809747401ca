import { parentPort } from 'node:worker_threads';
import { runSortStep } from '../../../shared/metrics';
import { workParts, type BesideTask } from './groupMetrics';

/**
 * Worker thread: its share of each step of a sort, then its parts of the evaluation
 * (groupMetrics.ts), in memory it shares with the calling thread; only answers are sent back.
 */
parentPort?.on('message', (task: BesideTask) => parentPort?.postMessage(task.kind === 'step' ? runSortStep(task.step) : workParts(task)));
