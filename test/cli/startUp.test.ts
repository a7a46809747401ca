import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_BUNDLE } from '../helpers/exampleBundle';
import { MRB } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

/**
 * `mrb` loads only what the command run needs (issue 14): the SQLite addon and pdfmake's
 * fonts cost every command a tenth of a second when the CLI was one bundle, whatever it did.
 * A probe preloaded into the process lists the CommonJS modules loaded by the time it exits.
 */
function modulesLoadedBy(args: string[]): { code: number | null; modules: string[] } {
  const dir = tempDir('mrb-startup-');
  const probe = path.join(dir, 'probe.cjs');
  const list = path.join(dir, 'loaded.json');
  fs.writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const r = spawnSync(process.execPath, ['--require', probe, MRB, ...args], { encoding: 'utf8' });
  return { code: r.status, modules: JSON.parse(fs.readFileSync(list, 'utf8')) as string[] };
}

const heavy = (modules: string[]) => modules.filter((m) => /node_modules[\\/](better-sqlite3|pdfmake|pdfkit|fontkit)[\\/]/.test(m));

describe('mrb start-up', () => {
  it('prints its help without loading SQLite or pdfmake', () => {
    const { code, modules } = modulesLoadedBy(['--help']);
    expect(code).toBe(0);
    expect(heavy(modules)).toEqual([]);
  });

  it('validates a bundle without loading SQLite or pdfmake (it needs no workspace and makes no PDF)', () => {
    const { code, modules } = modulesLoadedBy(['validate', EXAMPLE_BUNDLE]);
    // The example holds claims that do not hold (exit 1): the whole check ran, drift worker included.
    expect(code).toBe(1);
    expect(heavy(modules)).toEqual([]);
  });

  it('opens a workspace with SQLite and lists its sessions without pdfmake, which waits for the first PDF (the minutes)', () => {
    const file = path.join(tempDir('mrb-startup-'), 'q3.mrb');
    expect(spawnSync(process.execPath, [MRB, 'init', file, '--name', 'Q3'], { encoding: 'utf8' }).status).toBe(0);
    const { code, modules } = modulesLoadedBy(['sessions', file]);
    expect(code).toBe(0);
    expect(heavy(modules).some((m) => m.includes('better-sqlite3'))).toBe(true);
    expect(heavy(modules).filter((m) => !m.includes('better-sqlite3'))).toEqual([]);
  });
});
