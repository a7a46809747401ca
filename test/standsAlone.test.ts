import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A user clones only this repository: nothing its tests, scripts, README or demo use may
 * live beside it. Every relative path written in a source file, script or the README must
 * land inside the repository.
 */
const root = path.resolve(__dirname, '..');
const DIRS = ['electron', 'renderer', 'shared', 'build', 'test', '.ci'];
const TEXT = /\.(ts|tsx|mts|cts|mjs|cjs|js|json|md|yml|yaml|sh)$|(^|\/)run$/;

function files(): string[] {
  const found = ['README.md', 'package.json', 'playwright.config.ts', 'vitest.config.ts'];
  for (const dir of DIRS) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs, { recursive: true, encoding: 'utf8' })) {
      const rel = path.join(dir, f);
      if (rel.includes('node_modules') || !TEXT.test(rel) || !fs.statSync(path.join(root, rel)).isFile()) continue;
      found.push(rel);
    }
  }
  return found;
}

/** Relative paths as code and Markdown write them: quoted, in backticks or as a link target. */
const RELATIVE = /['"`(](\.\.\/[^'"`)\s]*)/g;

describe('the repository stands alone', () => {
  it('names no file outside itself in its code, scripts, tests or README', () => {
    const outside: string[] = [];
    for (const file of files()) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const code = /\.(ts|tsx|mts|cts|mjs|cjs|js)$/.test(file);
      // In code a relative path reaches a file when it is imported or resolved from the file's folder;
      // other strings (e.g. the layering test's examples) name nothing on disk.
      const lines = text.split('\n').filter((l) => !code || /\bfrom\s|import\(|require\(|__dirname|resolve\(|join\(/.test(l));
      for (const m of lines.join('\n').matchAll(RELATIVE)) {
        const spec = m[1] as string;
        // __dirname-based paths in code resolve from the file's folder; so do Markdown links.
        const target = path.resolve(root, path.dirname(file), spec);
        if (path.relative(root, target).startsWith('..')) outside.push(`${file}: ${spec}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('keeps the example bundle the README links to', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain('(shared/bundle/examples/credit-default-scorer)');
    expect(fs.existsSync(path.join(root, 'shared/bundle/examples/credit-default-scorer/bundle.json'))).toBe(true);
  });
});
