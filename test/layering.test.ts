import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering of SPEC section 3, read from the imports themselves: a failing test names
 * the file and the import that crosses a line.
 */
const root = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    // Build configuration (vite.config.ts) runs in Node at build time, not in the layer.
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.endsWith('.d.ts') && !/(^|\/)[^/]+\.config\.ts$/.test(f))
    .map((f) => path.join(dir, f));
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
}

/** The project folder an import lands in, or null for a package. */
function landsIn(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = path.relative(root, path.resolve(root, path.dirname(file), spec));
  return target.split(path.sep)[0] ?? null;
}

function violations(dirs: string[], bad: (file: string, spec: string) => boolean): string[] {
  return dirs.flatMap((d) => sourceFiles(d)).flatMap((file) => importsOf(file).filter((spec) => bad(file, spec)).map((spec) => `${file} imports '${spec}'`));
}

describe('layering', () => {
  it('shared/ imports nothing of ours outside shared/', () => {
    expect(violations(['shared'], (file, spec) => { const to = landsIn(file, spec); return to !== null && to !== 'shared'; })).toEqual([]);
  });

  it('shared/ uses no Node built-ins (it runs in the renderer too)', () => {
    expect(violations(['shared'], (_f, spec) => spec.startsWith('node:') || spec === 'electron' || spec === 'better-sqlite3')).toEqual([]);
  });

  it('renderer/ imports only shared/ of ours, and never electron', () => {
    expect(
      violations(['renderer'], (file, spec) => {
        const to = landsIn(file, spec);
        return spec === 'electron' || spec.startsWith('node:') || (to !== null && to !== 'renderer' && to !== 'shared');
      }),
    ).toEqual([]);
  });

  it("services, the host and the CLI never import 'electron' nor the shell", () => {
    expect(
      violations(['electron/services', 'electron/host', 'electron/cli'], (file, spec) => {
        if (spec === 'electron' || spec.startsWith('electron/')) return true;
        const target = spec.startsWith('.') ? path.relative(root, path.resolve(root, path.dirname(file), spec)) : '';
        return target.startsWith(path.join('electron', 'main')) || target.startsWith(path.join('electron', 'preload'));
      }),
    ).toEqual([]);
  });

  it('the check sees real imports (it would catch a crossing)', () => {
    expect(importsOf('electron/services/handlers.ts')).toContain('../../shared/contract/calls');
    expect(landsIn('shared/contract/calls.ts', '../../electron/services/handlers')).toBe('electron');
  });
});
