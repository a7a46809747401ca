import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

/**
 * The layering of SPEC section 3 as data, and a checker that reads a tree's sources with the
 * TypeScript parser (so a string that merely looks like an import is not one). It takes the
 * tree's root so the test can feed it a bad tree built in a temp dir.
 */
export type Layer = 'shared' | 'renderer' | 'services' | 'shell';

/** Where each layer's sources live; services covers the host and the CLI, which run beside them. */
const LAYER_DIRS: Readonly<Record<Layer, readonly string[]>> = {
  shared: ['shared'],
  renderer: ['renderer/src'],
  services: ['electron/services', 'electron/host', 'electron/cli'],
  shell: ['electron/main', 'electron/preload'],
};

/** The layers of ours each layer may import from (its own included). */
const MAY_IMPORT: Readonly<Record<Layer, readonly Layer[]>> = {
  shared: ['shared'],
  renderer: ['renderer', 'shared'],
  services: ['services', 'shared'],
  shell: ['shell', 'services', 'shared'],
};

/**
 * Third-party packages by layer. A package is added here on purpose, which is the point: the
 * PDF, zip and SQLite libraries are Node code and must not drift into what the renderer loads.
 */
export const PACKAGES: Readonly<Record<Layer, readonly string[]>> = {
  shared: ['zod', 'js-yaml'],
  renderer: ['react', 'react-dom', '@tanstack/react-table', 'd3', 'marked', 'zod'],
  services: [
    'better-sqlite3', 'zod', 'js-yaml', 'yauzl', 'papaparse', 'hyparquet', 'hyparquet-compressors',
    'node-forge', 'pdfmake', '@signpdf/placeholder-plain', '@signpdf/signpdf', '@signpdf/utils',
  ],
  shell: ['electron', 'zod'],
};

/** Layers that run in a browser page (the renderer loads shared/ too): no Node built-ins, no Node globals. */
const IN_A_PAGE: ReadonlySet<Layer> = new Set(['shared', 'renderer']);
const NODE_GLOBALS: ReadonlySet<string> = new Set(['process', 'Buffer', '__dirname', '__filename', 'require', 'global', 'setImmediate']);
const BUILTINS: ReadonlySet<string> = new Set(builtinModules.filter((m) => !m.startsWith('_')));

function sourceFiles(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    // Build configuration (vite.config.ts) runs in Node at build time, not in the layer.
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.endsWith('.d.ts') && !/(^|\/)[^/]+\.config\.ts$/.test(f))
    .map((f) => path.join(dir, f).split(path.sep).join('/'));
}

function layerOf(relative: string): Layer | null {
  for (const [layer, dirs] of Object.entries(LAYER_DIRS) as [Layer, readonly string[]][]) {
    if (dirs.some((d) => relative === d || relative.startsWith(`${d}/`))) return layer;
  }
  return null;
}

/** The package an import names: '@scope/name' or 'name', without a subpath. */
export function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

/** Every module a file names: static, type-only, dynamic and require(). */
export function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** Node globals read in a file (a property named `process` on an object of ours is not one). */
function nodeGlobalsIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const declared = new Set<string>();
  const used: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text)) {
      if (declares(node)) declared.add(node.text);
      else if (isFreeReference(node)) used.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // A name of ours that happens to be spelled `process` (a variable, a parameter) is not Node's.
  return [...new Set(used)].filter((name) => !declared.has(name));
}

function declares(id: ts.Identifier): boolean {
  const parent = id.parent;
  return (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isFunctionDeclaration(parent) || ts.isImportSpecifier(parent) || ts.isImportClause(parent)) && parent.name === id;
}

function isFreeReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if (ts.isQualifiedName(parent) && parent.right === id) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent)) && parent.name === id) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === id) return false;
  // `declare global { ... }` names the global scope, not Node's `global` object.
  if (ts.isModuleDeclaration(parent)) return false;
  return true;
}

/** Each crossing in the tree under root, one sentence naming the file and what it reaches for. */
export function crossings(root: string): string[] {
  const out: string[] = [];
  for (const layer of Object.keys(LAYER_DIRS) as Layer[]) {
    for (const file of LAYER_DIRS[layer].flatMap((d) => sourceFiles(root, d))) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const spec of importsOf(text)) {
        const problem = importProblem(root, layer, file, spec);
        if (problem) out.push(`${file} (${layer}) ${problem}`);
      }
      if (IN_A_PAGE.has(layer)) {
        for (const name of nodeGlobalsIn(file, text)) out.push(`${file} (${layer}) reads the Node global '${name}'`);
      }
    }
  }
  return out;
}

function importProblem(root: string, layer: Layer, file: string, spec: string): string | null {
  if (spec.startsWith('.')) {
    const target = path.relative(root, path.resolve(root, path.dirname(file), spec)).split(path.sep).join('/');
    const to = layerOf(target);
    if (to !== null && MAY_IMPORT[layer].includes(to)) return null;
    return `imports '${spec}', which lands in ${to ?? target} (it may import ${MAY_IMPORT[layer].join(', ')})`;
  }
  if (spec.startsWith('node:')) return IN_A_PAGE.has(layer) ? `imports the Node built-in '${spec}' (it runs in a page)` : null;
  if (BUILTINS.has(packageOf(spec))) return `imports the Node built-in '${spec}' without 'node:'`;
  const pkg = packageOf(spec);
  return PACKAGES[layer].includes(pkg) ? null : `imports the package '${pkg}', which is not on its list`;
}
