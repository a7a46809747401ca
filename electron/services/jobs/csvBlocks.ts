import type { BlockParser, BlockPlan } from '../bundles/tableReader';
import type { BesideThread, BlockAnswer } from './besideThread';

/**
 * Blocks of a large CSV's rows read on the other core's thread (besideWorker.ts). Each block
 * is copied once into memory of its own and moved to the thread; the columns are moved
 * back. Answers come in the order the blocks were given. A thread that failed or stopped
 * answers null for every block still waiting, which sends them back to the calling thread's
 * reader. Closing ends the file on the thread, which stays for the metrics.
 */
export function blocksOn(thread: BesideThread): (plan: BlockPlan) => BlockParser {
  return (plan) => {
    let waiting = 0;
    void thread.ask({ kind: 'blocks', plan });
    return {
      get waiting() {
        return waiting;
      },
      parse(bytes) {
        const own = new Uint8Array(bytes);
        waiting += 1;
        return thread.ask<BlockAnswer>({ kind: 'block', bytes: own }, [own.buffer as ArrayBuffer]).then((result) => {
          waiting -= 1;
          return result;
        });
      },
      async close() {
        await thread.ask({ kind: 'blocks', plan: null });
      },
    };
  };
}
