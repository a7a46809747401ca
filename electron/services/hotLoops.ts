import v8 from 'node:v8';

/**
 * Validation runs long loops (reading, sorting, the metric walks) on both cores at once.
 * V8 compiles a loop that gets hot on a background thread while the loop goes on in the
 * interpreter; with every core busy with the work itself, that compile waits for a core,
 * and a walk over ten million rows ran unoptimized for a good part of its time. Compiling
 * on the thread that runs the loop costs that thread the compile (milliseconds) and gets
 * the loop optimized at once: `mrb validate` of 10M rows took 3.20 s against 3.47 s
 * (medians of seven alternating runs; 2.94 against 3.35 in another seven), 1M rows the
 * same either way. V8's flags belong to the process: set once before the work, they hold
 * on every thread, workers started later included.
 */
export function compileHotLoopsWhereTheyRun(): void {
  v8.setFlagsFromString('--no-concurrent-osr');
}
