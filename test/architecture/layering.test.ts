import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';
import { crossings, importsOf, packageOf } from './layers';

/**
 * The layering of SPEC section 3: the tree holds no crossing, and the checker and each layer's
 * tsconfig refuse a bad file of each kind (written to a temp tree, never into ours).
 */
const root = path.resolve(__dirname, '..', '..');

function tree(files: Record<string, string>): string {
  const dir = tempDir('mrb-layers-');
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('layering', () => {
  // Parses every source file of the tree: seconds on a loaded machine, hence the room.
  it('the tree holds no crossing', () => {
    expect(crossings(root)).toEqual([]);
  }, 120_000);

  it('a builtin named without node: is refused in every layer', () => {
    const dir = tree({
      'shared/a.ts': "import fs from 'fs';\n",
      'electron/services/b.ts': "import { join } from 'path';\nexport const j = join;\n",
      'electron/cli/c.ts': "const z = require('zlib');\n",
    });
    expect(crossings(dir)).toEqual([
      "shared/a.ts (shared) imports the Node built-in 'fs' without 'node:'",
      "electron/services/b.ts (services) imports the Node built-in 'path' without 'node:'",
      "electron/cli/c.ts (services) imports the Node built-in 'zlib' without 'node:'",
    ]);
  });

  it('a node: builtin is refused where a page loads the file', () => {
    const dir = tree({ 'shared/a.ts': "import type { Stats } from 'node:fs';\n", 'renderer/src/b.tsx': "const os = await import('node:os');\n", 'electron/services/ok.ts': "import fs from 'node:fs';\n" });
    expect(crossings(dir)).toEqual([
      "shared/a.ts (shared) imports the Node built-in 'node:fs' (it runs in a page)",
      "renderer/src/b.tsx (renderer) imports the Node built-in 'node:os' (it runs in a page)",
    ]);
  });

  it('a third-party package outside its layer\'s list is refused, subpaths and scopes read as their package', () => {
    const dir = tree({
      'shared/a.ts': "import yauzl from 'yauzl';\nimport { z } from 'zod';\n",
      'renderer/src/b.ts': "import Database from 'better-sqlite3';\nimport { useState } from 'react';\n",
      'electron/services/c.ts': "import { app } from 'electron';\nimport type { Content } from 'pdfmake/interfaces';\n",
      'electron/main/d.ts': "import { PDFDocument } from '@signpdf/signpdf';\n",
    });
    expect(crossings(dir)).toEqual([
      "shared/a.ts (shared) imports the package 'yauzl', which is not on its list",
      "renderer/src/b.ts (renderer) imports the package 'better-sqlite3', which is not on its list",
      "electron/services/c.ts (services) imports the package 'electron', which is not on its list",
      "electron/main/d.ts (shell) imports the package '@signpdf/signpdf', which is not on its list",
    ]);
  });

  it('a Node global in shared/ is refused; a property or a declared global of the same name is not', () => {
    const dir = tree({
      'shared/a.ts': 'export const home = process.env.HOME;\nexport const b = Buffer.from("x");\nexport const here = __dirname;\n',
      'shared/ok.ts': 'export const o = { process: 1 };\nexport const p = o.process;\nexport function run(process: number) { return process; }\n',
      'renderer/src/ok.ts': 'declare global { interface Window { x: number } }\nexport {};\n',
    });
    expect(crossings(dir)).toEqual([
      "shared/a.ts (shared) reads the Node global 'process'",
      "shared/a.ts (shared) reads the Node global 'Buffer'",
      "shared/a.ts (shared) reads the Node global '__dirname'",
    ]);
  });

  it('an import into a layer it may not reach is refused', () => {
    const dir = tree({
      'shared/a.ts': "import { handlers } from '../electron/services/handlers';\n",
      'renderer/src/b.ts': "export * from '../../electron/host/loopbackHost';\n",
      'electron/services/c.ts': "import { ipc } from '../main/ipc';\n",
      'electron/main/ok.ts': "import { dispatch } from '../services/dispatch';\nimport { z } from '../../shared/z';\n",
    });
    expect(crossings(dir)).toEqual([
      "shared/a.ts (shared) imports '../electron/services/handlers', which lands in services (it may import shared)",
      "renderer/src/b.ts (renderer) imports '../../electron/host/loopbackHost', which lands in services (it may import renderer, shared)",
      "electron/services/c.ts (services) imports '../main/ipc', which lands in shell (it may import services, shared)",
    ]);
  });

  it('reads imports as the compiler does (a string that looks like one is not one)', () => {
    expect(importsOf("const s = \"from 'fs'\";\nimport type { A } from './a';\nexport { b } from './b';\n")).toEqual(['./a', './b']);
    expect(packageOf('@scope/pkg/sub/path')).toBe('@scope/pkg');
    expect(packageOf('pdfmake/build/vfs_fonts.js')).toBe('pdfmake');
  });
});

/** Compiles one file with a layer's compiler options and returns the names the compiler could not find. */
function unknownNames(config: string, text: string): string[] {
  const read = ts.readConfigFile(path.join(root, config), (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root);
  const dir = tempDir('mrb-tsconfig-');
  const file = path.join(dir, 'probe.ts');
  fs.writeFileSync(file, text);
  const options: ts.CompilerOptions = { ...parsed.options, composite: false, incremental: false, tsBuildInfoFile: undefined, typeRoots: [path.join(root, 'node_modules', '@types')] };
  const program = ts.createProgram([file], options);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .filter((d) => d.code === 2304 || d.code === 2580 || d.code === 2591 || d.code === 2584)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n').match(/name '([^']+)'/)?.[1] ?? '');
}

describe('each layer compiles against its own world', () => {
  const probe = 'export const a = typeof document;\nexport const b = typeof process;\nexport const c = typeof Buffer;\n';

  it('shared/ knows neither the DOM nor Node', () => {
    expect(unknownNames('tsconfig.shared.json', probe)).toEqual(['document', 'process', 'Buffer']);
  }, 60_000);

  it('the renderer knows the DOM and not Node', () => {
    expect(unknownNames('tsconfig.renderer.json', probe)).toEqual(['process', 'Buffer']);
  }, 60_000);

  it('services, the host and the CLI know Node and not the DOM', () => {
    expect(unknownNames('tsconfig.services.json', probe)).toEqual(['document']);
  }, 60_000);

  it('the top tsconfig references every layer, so `npm run typecheck` checks them all', () => {
    const top = ts.readConfigFile(path.join(root, 'tsconfig.json'), (f) => ts.sys.readFile(f)).config as { references?: { path: string }[] };
    expect((top.references ?? []).map((r) => r.path).sort()).toEqual(['./tsconfig.main.json', './tsconfig.renderer.json', './tsconfig.services.json', './tsconfig.shared.json', './tsconfig.test.json']);
  });
});
