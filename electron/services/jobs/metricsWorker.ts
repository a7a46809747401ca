import { parentPort } from 'node:worker_threads';
import { workParts, type PartsTask } from './groupMetrics';

/**
 * Worker thread: its parts of one evaluation (groupMetrics.ts), from rows it shares with
 * the calling thread; only the results are sent back.
 */
parentPort?.on('message', (task: PartsTask) => parentPort?.postMessage(workParts(task)));
