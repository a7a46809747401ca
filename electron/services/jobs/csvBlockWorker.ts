import { parentPort, workerData } from 'node:worker_threads';
import { BlockReader, type BlockColumns, type BlockPlan } from '../bundles/tableReader';

/**
 * Worker thread: reads blocks of a large CSV's rows into columns (BlockReader) as the main
 * thread cuts them, one message a block, answered in order; the columns' memory is moved
 * back, not copied.
 */
const reader = new BlockReader(workerData as BlockPlan);

parentPort?.on('message', (bytes: Uint8Array) => {
  const result = reader.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  parentPort?.postMessage(result, result === null ? [] : buffersOf(result));
});

function buffersOf(result: BlockColumns): ArrayBuffer[] {
  return result.columns.map((column) => ('codes' in column ? column.codes.buffer : column.buffer) as ArrayBuffer);
}
