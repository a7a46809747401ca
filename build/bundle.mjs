// Bundles the Node side (CLI, Electron main and preload, the services' thread and workers, benchmarks) with esbuild.
// better-sqlite3 stays external: it is a native addon loaded at run time; `electron` is
// provided by the Electron runtime; pdfmake, see below. `node build/bundle.mjs cli` builds only the named ones.
import { build } from 'esbuild';
import fs from 'node:fs';
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

// The CLI's commands are ES modules split into chunks, so that a command loads only the code
// it runs (program.ts imports each command when it is asked for): one 2.6 MB bundle cost
// every `mrb` a quarter of a second of compiling before any work. Code written for CommonJS
// keeps `require`, and a `__dirname` that is dist/electron, where the other bundles are.
// The `bin`, dist/electron/mrb.cjs, stays one small CommonJS file: it sets the last-resort
// error handlers at once, then imports the program.
const cliDir = 'dist/electron/cli';
const cliPreamble = [
  "import { createRequire as __mrbCreateRequire } from 'node:module';",
  "import { dirname as __mrbDirname } from 'node:path';",
  "import { fileURLToPath as __mrbFileURLToPath } from 'node:url';",
  'const require = __mrbCreateRequire(import.meta.url);',
  'const __dirname = __mrbDirname(__mrbDirname(__mrbFileURLToPath(import.meta.url)));',
].join('\n');
const programOfBin = {
  name: 'program-of-bin',
  setup(b) {
    b.onResolve({ filter: /^\.\/program$/, namespace: 'file' }, (args) =>
      args.importer.endsWith(path.join('electron', 'cli', 'mrb.ts')) ? { path: './cli/program.mjs', external: true } : undefined,
    );
  },
};

const targets = {
  cli: [
    { entryPoints: ['electron/cli/mrb.ts'], outfile: 'dist/electron/mrb.cjs', banner: { js: '#!/usr/bin/env node' }, plugins: [programOfBin] },
    {
      entryPoints: ['electron/cli/program.ts'],
      outdir: cliDir,
      format: 'esm',
      splitting: true,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunk-[hash]',
      banner: { js: cliPreamble },
    },
  ],
  worker: { entryPoints: ['electron/services/jobs/importWorker.ts'], outfile: 'dist/electron/importWorker.cjs' },
  // The workers of a bundle's reading: drift, and blocks of a large CSV's rows (beside each other, found by the drift worker's folder).
  driftWorker: [
    { entryPoints: ['electron/services/jobs/driftWorker.ts'], outfile: 'dist/electron/driftWorker.cjs' },
    { entryPoints: ['electron/services/jobs/csvBlockWorker.ts'], outfile: 'dist/electron/csvBlockWorker.cjs' },
  ],
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
// Chunks are named by their hashes: the last build's would otherwise pile up.
if (names.includes('cli')) fs.rmSync(path.join(root, cliDir), { recursive: true, force: true });
await Promise.all(names.flatMap((name) => [targets[name]].flat()).map((options) => build({ ...common, ...options })));
