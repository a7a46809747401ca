import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runMrb } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

function initCycle(): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'q3.mrb');
  const r = runMrb(['init', 'q3.mrb', '--name', 'Q3 2026', '--period-start', '2026-07-01', '--period-end', '2026-09-30'], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { dir, file };
}

describe('mrb init and info', () => {
  it('creates a cycle that info then describes, as text and JSON', () => {
    const { dir, file } = initCycle();
    const text = runMrb(['info', 'q3.mrb'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Cycle\s+Q3 2026/);
    expect(text.stdout).toMatch(/Period\s+2026-07-01 to 2026-09-30/);
    expect(text.stdout).toMatch(/Taxonomy\s+v1: 11 dimensions \(6 likelihood, 5 impact\)/);
    expect(text.stdout).toMatch(/Audit\s+chain holds, 2 events/);
    const json = JSON.parse(runMrb(['info', file, '--json']).stdout);
    expect(json).toMatchObject({ name: 'Q3 2026', path: file, counts: { models: 0, bundles: 0, sessions: 0, auditEvents: 2 }, audit: { ok: true } });
  });

  it.each([
    [['init', 'x.mrb'], /mrb init: init needs --name/],
    [['init', '--name', 'Q3'], /mrb init: init takes exactly one workspace file/],
    [['init', 'x.db', '--name', 'Q3'], /mrb init: file: must be a file ending in .mrb/],
    [['init', 'x.mrb', '--name', 'Q3', '--period-start', 'July'], /--period-start: must be a date as YYYY-MM-DD/],
    [['init', 'x.mrb', '--name', 'Q3', '--colour', 'red'], /mrb init: Unknown option '--colour'/],
    [['info'], /mrb info: info takes exactly one workspace file/],
    [['frobnicate'], /mrb: unknown command "frobnicate"/],
  ])('refuses %j with a sentence on stderr, exit 2, no stack trace', (args, message) => {
    const dir = tempDir();
    const r = runMrb(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a file that is not a workspace, naming it, and leaves it alone', () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.mrb');
    fs.writeFileSync(file, 'not a database');
    const r = runMrb(['info', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mrb info: ${file} is not a Model Review Board workspace: it is not an SQLite database. The file was not changed.\n`);
    expect(fs.readFileSync(file, 'utf8')).toBe('not a database');
  });

  it('prints help for every command', () => {
    const help = runMrb(['--help']).stdout;
    for (const name of ['init', 'info', 'audit verify', 'validate', 'import', 'serve']) expect(help).toMatch(new RegExp(`^  ${name} `, 'm'));
    for (const command of [['init'], ['info'], ['audit', 'verify'], ['validate'], ['import'], ['serve']]) {
      const r = runMrb([...command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: mrb ${command.join(' ')} `));
    }
  });
});

describe('mrb audit verify', () => {
  it('exits 0 while the chain holds', () => {
    const { file } = initCycle();
    const r = runMrb(['audit', 'verify', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Audit chain holds: 2 events, head [0-9a-f]{64}\.$/m);
  });

  it('exits 1 naming the first event that does not hold after an edit with the sqlite3 shell', () => {
    const { file } = initCycle();
    execFileSync('sqlite3', [file, "UPDATE audit_events SET after = replace(after, 'Q3 2026', 'Q4 2026') WHERE seq = 1"]);
    const r = runMrb(['audit', 'verify', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Audit chain broken at event #1: event #1 \(cycle.create cycle [0-9a-f-]+, .*\) was edited/);
    const json = JSON.parse(runMrb(['audit', 'verify', file, '--json']).stdout);
    expect(json).toMatchObject({ ok: false, events: 2, problem: { seq: 1 } });
  });

  it('exits 1 after a deleted and after an inserted event', () => {
    const a = initCycle();
    execFileSync('sqlite3', [a.file, 'DELETE FROM audit_events WHERE seq = 1']);
    expect(runMrb(['audit', 'verify', a.file])).toMatchObject({ code: 1, stderr: expect.stringMatching(/event #1 is missing: it was deleted/) });
    const b = initCycle();
    execFileSync('sqlite3', [
      b.file,
      "INSERT INTO audit_events SELECT 3, at, 'mallory', 'cycle.update', entity, entity_id, after, after, hash, hash FROM audit_events WHERE seq = 1",
    ]);
    expect(runMrb(['audit', 'verify', b.file])).toMatchObject({ code: 1, stderr: expect.stringMatching(/at event #3: event #3 .* does not follow event #2/) });
  });
});
