import { spawnSync } from 'node:child_process';

/**
 * What every process on this machine pays before any work: the floor under the
 * whole-process times the bench compares.
 */

/**
 * What this machine charges for memory touched for the first time, per 4 KiB page (64 MiB,
 * more than malloc ever keeps, so always new pages, filled once). On the 2-core test VM it was
 * 12 to 16 µs, where a page fault usually costs well under one; every number that
 * allocates (a cold SQLite cache, a growing heap, a column) pays it, so two runs compare only
 * when this does.
 */
export function firstTouchMicros(): number {
  const bytes = 64 * 1024 * 1024;
  const t0 = process.hrtime.bigint();
  Buffer.alloc(bytes).fill(1);
  return Number(process.hrtime.bigint() - t0) / 1e3 / (bytes / 4096);
}

/** A bare `node -e 0`, start to exit, the median of three. */
export function bareNodeMs(): number {
  const runs = Array.from({ length: 3 }, () => {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  }).sort((x, y) => x - y);
  return runs[1] as number;
}
