import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { BlockColumns, BlockParser, BlockPlan } from '../bundles/tableReader';

/**
 * Blocks of a large CSV's rows read on a worker thread (csvBlockWorker.ts). Each block is
 * copied once into memory of its own and moved to the worker; the columns are moved back.
 * Answers come in the order the blocks were given. A worker that fails or is closed answers
 * null for every block still waiting, which sends them back to the calling thread's reader.
 * Undefined when the bundled script is absent (run from source): the file is then read on
 * one thread.
 */
export function blockWorker(script: string | undefined): ((plan: BlockPlan) => BlockParser) | undefined {
  if (script === undefined || !fs.existsSync(script)) return undefined;
  return (plan) => {
    const worker = new Worker(script, { workerData: plan });
    const waiting: ((result: BlockColumns | null) => void)[] = [];
    let closed = false;
    const failAll = () => {
      closed = true;
      for (const answer of waiting.splice(0)) answer(null);
    };
    worker.on('message', (result: BlockColumns | null) => waiting.shift()?.(result));
    worker.on('error', failAll);
    worker.on('exit', failAll);
    return {
      get waiting() {
        return waiting.length;
      },
      parse(bytes) {
        if (closed) return Promise.resolve(null);
        const own = new Uint8Array(bytes);
        return new Promise((resolve) => {
          waiting.push(resolve);
          worker.postMessage(own, [own.buffer]);
        });
      },
      async close() {
        failAll();
        await worker.terminate();
      },
    };
  };
}
