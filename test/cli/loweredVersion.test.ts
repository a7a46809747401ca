import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMrb } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

/** A current workspace whose user_version someone set back to 3 with the sqlite3 shell. */
function loweredWorkspace(): string {
  const file = path.join(tempDir(), 'q3.mrb');
  expect(runMrb(['init', file, '--name', 'Q3']).code).toBe(0);
  const db = new Database(file);
  db.pragma('user_version = 3');
  db.pragma('journal_mode = DELETE');
  db.close();
  return file;
}

describe('a workspace whose schema version was lowered', () => {
  it('is refused by info, audit verify and score with one sentence, exit 2, and left byte for byte', () => {
    const file = loweredWorkspace();
    const before = fs.readFileSync(file);
    const siblings = fs.readdirSync(path.dirname(file)).sort();
    for (const args of [
      ['info', file],
      ['audit', 'verify', file],
      ['score', file, '--model', 'm', '--dimension', 'privacy', '--score', '2', '--rationale', 'why'],
    ]) {
      const r = runMrb(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/says it is schema version 3, but it already has scores\.evidence, .*: its version number was changed behind the app, and upgrading it would fail\. The file was not changed\./);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(siblings);
  });
});
