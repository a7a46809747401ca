// Bundles the Node side (CLI, Electron main and preload, the services' thread and workers, benchmarks) with esbuild.
// better-sqlite3 stays external: it is a native addon loaded at run time; `electron` is
// provided by the Electron runtime; pdfmake, see below. `node build/bundle.mjs cli` builds only the named ones.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  // pdfmake (and the pdfkit and fontkit under it) read font metrics and data files next
  // to their own sources at run time, so they load from node_modules, not from a bundle.
  external: ['better-sqlite3', 'electron', 'pdfmake'],
  logLevel: 'warning',
  absWorkingDir: root,
};

const targets = {
  cli: { entryPoints: ['electron/cli/mrb.ts'], outfile: 'dist/electron/mrb.cjs', banner: { js: '#!/usr/bin/env node' } },
  worker: { entryPoints: ['electron/services/jobs/importWorker.ts'], outfile: 'dist/electron/importWorker.cjs' },
  driftWorker: { entryPoints: ['electron/services/jobs/driftWorker.ts'], outfile: 'dist/electron/driftWorker.cjs' },
  // The services' own thread (workspace, handlers, jobs) and the worker it lays packets out in.
  serviceThread: { entryPoints: ['electron/services/serviceThread/serviceHost.ts'], outfile: 'dist/electron/serviceThread.cjs' },
  packetWorker: { entryPoints: ['electron/services/packets/packetWorker.ts'], outfile: 'dist/electron/packetWorker.cjs' },
  main: { entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' },
  preload: { entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs' },
  bench: { entryPoints: ['test/bench/bench.ts'], outfile: 'dist/bench/bench.cjs', external: ['better-sqlite3', 'electron', 'pdfmake', '@playwright/test', 'playwright-core'] },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in targets));
if (unknown.length > 0) {
  console.error(`bundle: unknown target ${unknown.join(', ')}; known: ${Object.keys(targets).join(', ')}`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : Object.keys(targets);
await Promise.all(names.map((name) => build({ ...common, ...targets[name] })));
