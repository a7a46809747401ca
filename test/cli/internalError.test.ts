import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../electron/cli/program';
import { MRB, runMrb } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

/**
 * An internal error (a bug, not bad input) reaches the user as one sentence with the path
 * of the log holding its stack, exit 70, which `mrb --help` lists with the other codes.
 */

vi.mock('../../electron/services/bundles/prepareImport', () => ({
  // What a bug deep in a reader looks like: a RangeError with a stack.
  validateBundleAt: () => {
    throw new RangeError('Invalid string length');
  },
}));

let userData: string;
const previous = process.env.MRB_USER_DATA;
beforeEach(() => {
  userData = tempDir('mrb-user-');
  process.env.MRB_USER_DATA = userData;
});
afterEach(() => {
  if (previous === undefined) delete process.env.MRB_USER_DATA;
  else process.env.MRB_USER_DATA = previous;
});

describe('an internal error on the command line', () => {
  it('prints one sentence and the log path, never the stack; the log is readable by the user only', async () => {
    const err: string[] = [];
    const code = await runCli(['validate', tempDir()], { out: () => undefined, err: (t) => err.push(t) });
    expect(code).toBe(70);
    expect(err).toHaveLength(1);
    const [line] = err as [string];
    expect(line).toMatch(/^mrb validate: an internal error stopped it \(RangeError: Invalid string length\); the details are in \S+ \(a bug in mrb, not a fault in your input\)\.$/);
    expect(line).not.toMatch(/\n|\s+at /);
    const log = /the details are in (\S+) \(/.exec(line)![1]!;
    expect(path.dirname(log)).toBe(path.join(userData, 'logs'));
    expect(fs.statSync(log).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(log, 'utf8')).toMatch(/mrb validate \{"argv":\["validate",.*\]\}\nRangeError: Invalid string length\n\s+at /);
  });

  it('a failure outside any command (a late callback) is the same one sentence and log, exit 70', () => {
    const late = path.join(tempDir(), 'late.cjs');
    fs.writeFileSync(late, "setImmediate(() => { throw new TypeError('a late callback broke'); });\n");
    const r = spawnSync(process.execPath, ['--require', late, MRB, 'validate', tempDir()], { encoding: 'utf8', env: { ...process.env, MRB_USER_DATA: userData } });
    expect(r.stderr).toMatch(/^mrb: an internal error stopped it \(TypeError: a late callback broke\); the details are in \S+ \(a bug in mrb, not a fault in your input\)\.$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(70);
    const log = /the details are in (\S+) \(/.exec(r.stderr)![1]!;
    expect(fs.readFileSync(log, 'utf8')).toMatch(/TypeError: a late callback broke\n\s+at /);
  });

  it('terminal escapes in anything printed are shown escaped, whichever message carries them', () => {
    const r = runMrb(['validate', 'bundle', '--tolerance', '\u001b]0;pwned\u0007\u001b[2J']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mrb validate: --tolerance must be a number of at least 0, not "\\x1b]0;pwned\\x07\\x1b[2J".\nRun `mrb validate --help` for usage.\n');
  });

  it('`mrb --help` and the README document exit code 70 with the others', () => {
    const help = runMrb(['--help']);
    expect(help.stdout).toMatch(/Exit codes: 0 fine, 1 the thing checked does not hold, 2 refused or misused,\n70 an internal error/);
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    expect(readme).toMatch(/2 refused or misused \(the message on stderr names the file or option\), 70 an\ninternal error/);
  });
});
