// Bundles the Node side (CLI, Electron main and preload, the services' thread and workers, benchmarks) with esbuild.
// better-sqlite3 stays external: it is a native addon loaded at run time; `electron` is
// provided by the Electron runtime; pdfmake, see below. `node build/bundle.mjs cli` builds only the named ones.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// zod re-exports every message locale it ships (z.locales, z.core.locales: 360 KB of its
// 720) from modules every schema imports; our code reads none of them, and English, its
// default, is imported apart. Left in, they were compiled at every start of every command.
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-without-locales' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'zod-without-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

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
  plugins: [zodWithoutLocales],
};

// The CLI's commands are ES modules split into chunks, so that a command loads only the code
// it runs (program.ts imports each command when it is asked for): one 2.6 MB bundle cost
// every `mrb` a quarter of a second of compiling before any work. Code written for CommonJS
// keeps `require`, and a `__dirname` that is dist/electron, where the other bundles are.
// The `bin`, dist/electron/mrb.cjs, stays one small CommonJS file: it sets the last-resort
// error handlers at once, then imports the program.
//
// A build never pulls the program from under an `mrb` that is starting (tests spawn it while
// another build runs): each build's modules go to a folder of their own, cli/<hash of the
// modules>, the bin is replaced by a rename, and the previous bin's folder is kept.
const cliRoot = path.join(root, 'dist/electron/cli');
const cliPreamble = [
  "import { createRequire as __mrbCreateRequire } from 'node:module';",
  "import { dirname as __mrbDirname } from 'node:path';",
  "import { fileURLToPath as __mrbFileURLToPath } from 'node:url';",
  'const require = __mrbCreateRequire(import.meta.url);',
  'const __dirname = __mrbDirname(__mrbDirname(__mrbDirname(__mrbFileURLToPath(import.meta.url))));',
].join('\n');
const binFile = path.join(root, 'dist/electron/mrb.cjs');
const programIn = (bin) => /\.\/cli\/([0-9a-f]{16})\/program\.mjs/.exec(bin)?.[1];

function writeByRename(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

async function buildCli() {
  const staging = path.join(cliRoot, 'staging');
  const program = await build({
    ...common,
    entryPoints: ['electron/cli/program.ts'],
    outdir: staging,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    banner: { js: cliPreamble },
    write: false,
  });
  const files = program.outputFiles.map((f) => ({ name: path.relative(staging, f.path), contents: f.contents })).sort((x, y) => (x.name < y.name ? -1 : 1));
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.name).update(f.contents);
  const id = hash.digest('hex').slice(0, 16);
  const folder = path.join(cliRoot, id);
  if (!fs.existsSync(folder)) {
    const temporary = `${folder}.${process.pid}.tmp`;
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(temporary, f.name)), { recursive: true });
      fs.writeFileSync(path.join(temporary, f.name), f.contents);
    }
    try {
      fs.renameSync(temporary, folder);
    } catch (err) {
      // Another build wrote the same modules first.
      if (!fs.existsSync(folder)) throw err;
      fs.rmSync(temporary, { recursive: true, force: true });
    }
  }
  const previous = fs.existsSync(binFile) ? programIn(fs.readFileSync(binFile, 'utf8')) : undefined;
  const programOfBin = {
    name: 'program-of-bin',
    setup(b) {
      b.onResolve({ filter: /^\.\/program$/ }, () => ({ path: `./cli/${id}/program.mjs`, external: true }));
    },
  };
  const bin = await build({ ...common, entryPoints: ['electron/cli/mrb.ts'], outfile: binFile, banner: { js: '#!/usr/bin/env node' }, plugins: [...common.plugins, programOfBin], write: false });
  for (const f of bin.outputFiles) writeByRename(f.path, f.contents);
  for (const entry of fs.readdirSync(cliRoot)) {
    // Other builds' folders but the previous bin's, and the files of the first layout (modules straight in cli/).
    const stale = /^[0-9a-f]{16}$/.test(entry) ? entry !== id && entry !== previous : /\.mjs(\.map)?$/.test(entry);
    if (stale) fs.rmSync(path.join(cliRoot, entry), { recursive: true, force: true });
  }
}

const targets = {
  cli: buildCli,
  worker: { entryPoints: ['electron/services/jobs/importWorker.ts'], outfile: 'dist/electron/importWorker.cjs' },
  // The workers of a bundle's reading: drift, and the other core's thread of a large predictions file (its blocks of rows, then a binary task's metrics).
  driftWorker: [
    { entryPoints: ['electron/services/jobs/driftWorker.ts'], outfile: 'dist/electron/driftWorker.cjs' },
    { entryPoints: ['electron/services/jobs/besideWorker.ts'], outfile: 'dist/electron/besideWorker.cjs' },
  ],
  // The services' own thread (workspace, handlers, jobs), and the worker that walks the newer
  // part of a long audit chain during a verify (the services' and the CLI's, found beside them).
  serviceThread: [
    { entryPoints: ['electron/services/serviceThread/serviceHost.ts'], outfile: 'dist/electron/serviceThread.cjs' },
    { entryPoints: ['electron/services/store/auditVerifyWorker.ts'], outfile: 'dist/electron/auditVerifyWorker.cjs' },
  ],
  // The worker the services lay packets out in.
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
await Promise.all(names.flatMap((name) => [targets[name]].flat()).map((target) => (typeof target === 'function' ? target() : build({ ...common, ...target }))));
