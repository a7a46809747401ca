import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The call that makes a crashable services' thread die. */
export const CRASH_CALL = 'test.crash';

/**
 * An entry for the real services' thread (`builtEntry`, dist/electron/serviceThread.cjs)
 * that dies when it is sent the call CRASH_CALL: a listener put before the thread's own
 * throws, as a bug in a handler would, so the thread's code holds no way to crash it.
 * Written to a folder of its own, which the caller may remove.
 */
export function crashableEntry(builtEntry: string, dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-crashable-'))): string {
  const entry = path.join(dir, 'crashable.cjs');
  fs.writeFileSync(
    entry,
    `require('node:worker_threads').parentPort.on('message', (m) => { if (m.kind === 'call' && m.name === ${JSON.stringify(CRASH_CALL)}) throw new TypeError('the services broke'); });
require(${JSON.stringify(builtEntry)});`,
  );
  return entry;
}
