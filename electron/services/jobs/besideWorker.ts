import { parentPort } from 'node:worker_threads';
import { BlockReader, type BlockColumns } from '../bundles/tableReader';
import type { BesideMessage } from './besideThread';
import { answerTask } from './groupMetrics';

/**
 * Worker thread, the other core's while a bundle is read and evaluated (besideThread.ts):
 * blocks of a large CSV's rows read into columns (BlockReader) as the calling thread cuts
 * them, their memory moved back, not copied; then its share of each step of the metrics'
 * sort, its parts of the evaluation and second walks of parts started there (groupMetrics.ts),
 * in memory it shares with that thread. One answer a message, in the order they came.
 */
let reader: BlockReader | null = null;

parentPort?.on('message', (message: BesideMessage) => {
  if (message.kind === 'blocks') {
    reader = message.plan === null ? null : new BlockReader(message.plan);
    parentPort?.postMessage(true);
  } else if (message.kind === 'block') {
    const { bytes } = message;
    const result = reader === null ? null : reader.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    parentPort?.postMessage(result, result === null ? [] : buffersOf(result));
  } else {
    parentPort?.postMessage(answerTask(message));
  }
});

function buffersOf(result: BlockColumns): ArrayBuffer[] {
  return result.columns.map((column) => ('codes' in column ? column.codes.buffer : column.buffer) as ArrayBuffer);
}
