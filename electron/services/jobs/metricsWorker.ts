import { parentPort } from 'node:worker_threads';
import { groupResults } from '../../../shared/metrics';
import { memoryOf, type GroupsReply, type GroupsTask } from './groupMetrics';

/**
 * Worker thread: the metrics of one attribute's groups at a time (groupMetrics.ts), from
 * rows laid out group by group by the calling thread; the rows' memory is moved here and
 * back, never copied.
 */
parentPort?.on('message', (task: GroupsTask) => {
  const reply: GroupsReply = { byValue: groupResults(task.laidOut, task.offsets, task.values, task.threshold), laidOut: task.laidOut };
  parentPort?.postMessage(reply, memoryOf(task.laidOut));
});
