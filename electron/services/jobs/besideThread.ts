import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { BlockColumns, BlockPlan } from '../bundles/tableReader';
import type { BesideTask } from './groupMetrics';

/**
 * What the other core's thread (besideWorker.ts) is given while a bundle is read and
 * evaluated: first blocks of the predictions CSV's rows (after the plan of the file they are
 * cut from; a null plan ends the file), then the tasks of the metrics (groupMetrics.ts).
 * Every message is answered, in the order given.
 */
export type BesideMessage = { kind: 'blocks'; plan: BlockPlan | null } | { kind: 'block'; bytes: Uint8Array } | BesideTask;

/** The answer to a block: its columns, or null when the block is not plain rows (the calling thread reads it). */
export type BlockAnswer = BlockColumns | null;

/**
 * A binary task's predictions of this many bytes are evaluated with the other core's thread,
 * started as their read begins: from here a file may hold GROUPS_BESIDE_FROM_ROWS rows
 * (groupMetrics.ts; the shortest row, a label, a short score and two separators, is about 12 bytes).
 */
export const BESIDE_FROM_BYTES = 12_000_000;

/**
 * One worker thread for a read and the evaluation after it, so that its start (tens of
 * milliseconds, its code cold) is paid once and, begun as the read begins, before either
 * needs it. `ask` answers null when the thread has failed or stopped, then and from then on;
 * the caller then does the work itself. Stopping it again does nothing.
 */
export interface BesideThread {
  ask<T>(message: BesideMessage, transfer?: ArrayBuffer[]): Promise<T | null>;
  stop(): void;
}

/** The thread started now; null without its script (run from source). */
export function startBesideThread(script: string | undefined): BesideThread | null {
  if (script === undefined || !fs.existsSync(script)) return null;
  const worker = new Worker(script);
  const waiting: ((reply: unknown) => void)[] = [];
  let alive = true;
  const failAll = () => {
    alive = false;
    for (const answer of waiting.splice(0)) answer(null);
  };
  worker.on('message', (reply: unknown) => waiting.shift()?.(reply)).on('error', failAll).on('exit', failAll);
  return {
    ask: <T>(message: BesideMessage, transfer: ArrayBuffer[] = []) =>
      new Promise<T | null>((resolve) => {
        if (!alive) return resolve(null);
        waiting.push(resolve as (reply: unknown) => void);
        worker.postMessage(message, transfer);
      }),
    stop: () => {
      failAll();
      void worker.terminate();
    },
  };
}
