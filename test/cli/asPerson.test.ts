import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/program';
import { defaultActor } from '../../electron/services/store/workspace';
import { EXAMPLE_BUNDLE } from '../helpers/exampleBundle';
import { MRB } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';
import { fingerprint } from '../helpers/workspaces';

const ANA = 'Ana Khan <a.khan@bank.example>';

/** The CLI in this process, with its own user data folder (where the app keeps the profile). */
async function mrb(userData: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const saved = process.env.MRB_USER_DATA;
  process.env.MRB_USER_DATA = userData;
  try {
    const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    if (saved === undefined) delete process.env.MRB_USER_DATA;
    else process.env.MRB_USER_DATA = saved;
  }
}

function lastActor(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT actor FROM audit_events ORDER BY seq DESC LIMIT 1').pluck().get() as string;
  } finally {
    db.close();
  }
}

/** A cycle with the example model and Ana Khan on its roster, added by the computer account. */
async function cycleWithAna() {
  const dir = tempDir();
  const userData = path.join(dir, 'user');
  const file = path.join(dir, 'q3.mrb');
  expect((await mrb(userData, ['init', file, '--name', 'Q3'])).code).toBe(0);
  expect((await mrb(userData, ['import', file, EXAMPLE_BUNDLE])).code).toBe(1);
  const added = await mrb(userData, ['roster', 'add', file, '--name', 'Ana Khan', '--email', 'a.khan@bank.example', '--role', 'chair', '--organisation', 'Model Risk']);
  expect(added).toMatchObject({ code: 0, stdout: 'Added Ana Khan <a.khan@bank.example> to the roster as Chair.' });
  expect(lastActor(file)).toBe(defaultActor());
  return { dir, userData, file };
}

/** What choosing oneself in the app leaves in the user data folder. */
function chooseInTheApp(userData: string, email: string): void {
  fs.mkdirSync(userData, { recursive: true });
  fs.writeFileSync(path.join(userData, 'profile.json'), JSON.stringify({ email }));
}

const score = (file: string, value = '4') => ['score', file, '--model', 'credit-default-scorer', '--dimension', 'privacy', '--score', value, '--rationale', 'PII'];

describe('mrb --as and the profile', () => {
  it('records the --as person, wherever --as stands, and the profile person without it', async () => {
    const { userData, file } = await cycleWithAna();
    expect((await mrb(userData, ['--as', 'A.KHAN@bank.example', ...score(file)])).code).toBe(0);
    expect(lastActor(file)).toBe(ANA);
    expect((await mrb(userData, ['import', file, EXAMPLE_BUNDLE, '--as=a.khan@bank.example'])).code).toBe(1);

    // Chosen in the app on this machine: the CLI reads the same profile.
    chooseInTheApp(userData, 'a.khan@bank.example');
    expect((await mrb(userData, score(file, '3'))).code).toBe(0);
    expect(lastActor(file)).toBe(ANA);
    expect((await mrb(userData, ['roster', file])).stdout).toMatch(/^Ana Khan +a\.khan@bank\.example +Model Risk +Chair$/);
  });

  it('chooses the person on this machine from the command line too, as the app does, and forgets the choice', async () => {
    const { userData, file } = await cycleWithAna();
    expect(await mrb(userData, ['profile'])).toMatchObject({ code: 0, stdout: 'Nobody is chosen on this machine: writes are recorded as the operating-system account.' });
    const off = await mrb(userData, ['profile', file, '--choose', 's.ito@bank.example']);
    expect(off).toMatchObject({ code: 2, stderr: 'mrb profile: s.ito@bank.example is not on the roster of Q3 (q3.mrb); add the person with mrb roster add first.' });
    expect(fs.existsSync(path.join(userData, 'profile.json'))).toBe(false);
    const chosen = await mrb(userData, ['profile', file, '--choose', 'A.Khan@bank.example']);
    expect(chosen).toMatchObject({ code: 0, stdout: 'Chosen on this machine: Ana Khan <a.khan@bank.example>, Chair; writes to q3.mrb are recorded under that name.' });
    expect(JSON.parse(fs.readFileSync(path.join(userData, 'profile.json'), 'utf8'))).toEqual({ email: 'a.khan@bank.example' });
    expect((await mrb(userData, score(file))).code).toBe(0);
    expect(lastActor(file)).toBe(ANA);
    expect((await mrb(userData, ['profile', '--forget'])).stdout).toBe('Nobody is chosen on this machine: writes are recorded as the operating-system account.');
    expect((await mrb(userData, score(file, '2'))).code).toBe(0);
    expect(lastActor(file)).toBe(defaultActor());
  });

  it('refuses an --as e-mail not on the roster, naming it and the workspace, exit 2, nothing written', async () => {
    const { userData, file } = await cycleWithAna();
    const before = fingerprint(file);
    for (const args of [score(file), ['import', file, EXAMPLE_BUNDLE], ['roster', 'add', file, '--name', 'Sam Ito', '--email', 's.ito@bank.example', '--role', 'observer']]) {
      const r = await mrb(userData, ['--as', 's.ito@bank.example', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--as s\.ito@bank\.example: nobody with that e-mail is on the roster of q3\.mrb; nothing was written/);
      expect(fingerprint(file)).toBe(before);
    }
    const next = path.join(path.dirname(file), 'q4.mrb');
    const r = await mrb(userData, ['cycle', 'next', file, next, '--name', 'Q4', '--period-start', '2026-10-01', '--period-end', '2026-12-31', '--as', 's.ito@bank.example']);
    expect(r.code).toBe(2);
    expect(fs.existsSync(next)).toBe(false);
    const bare = await mrb(userData, ['score', file, '--as']);
    expect(bare).toMatchObject({ code: 2, stderr: 'mrb: --as needs the e-mail of a person on the roster, such as --as a.khan@bank.example.' });
  });

  it('refuses --as on an empty roster and on a new workspace, saying to add the person first', async () => {
    const dir = tempDir();
    const userData = path.join(dir, 'user');
    const file = path.join(dir, 'q3.mrb');
    const made = await mrb(userData, ['--as', 'a.khan@bank.example', 'init', file, '--name', 'Q3']);
    expect(made.code).toBe(2);
    expect(made.stderr).toBe('mrb init: --as a.khan@bank.example: q3.mrb is new and has nobody on its roster yet; create it without --as, add the person with mrb roster add, then write as them.');
    expect(fs.existsSync(file)).toBe(false);
    expect((await mrb(userData, ['init', file, '--name', 'Q3'])).code).toBe(0);
    const before = fingerprint(file);
    const r = await mrb(userData, ['--as', 'a.khan@bank.example', 'roster', 'add', file, '--name', 'Ana Khan', '--email', 'a.khan@bank.example', '--role', 'chair']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mrb roster add: --as a.khan@bank.example: q3.mrb has nobody on its roster yet; add the person first (mrb roster add, without --as), then write as them.');
    expect(fingerprint(file)).toBe(before);
    expect(await mrb(userData, ['--as', 'a.khan@bank.example', 'serve', file])).toMatchObject({ code: 2, stderr: 'mrb serve: --as does not apply here: the pages record the person chosen in their top bar.' });
  });
});

describe('the host reads the same profile', () => {
  let host: ChildProcess | null = null;
  afterEach(async () => {
    if (host && host.exitCode === null) {
      const h = host;
      await new Promise<void>((resolve) => {
        h.once('exit', () => resolve());
        h.kill('SIGTERM');
      });
    }
    host = null;
  });

  function run(userData: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [MRB, ...args], { env: { ...process.env, MRB_USER_DATA: userData }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('records a score sent through mrb serve as the person chosen on this machine, and refuses --as naming someone else', async () => {
    const { userData, file } = await cycleWithAna();
    expect((await mrb(userData, ['roster', 'add', file, '--name', 'Sam Ito', '--email', 's.ito@bank.example', '--role', 'voting_member'])).code).toBe(0);
    chooseInTheApp(userData, 'a.khan@bank.example');
    const child = spawn(process.execPath, [MRB, 'serve', file], { env: { ...process.env, MRB_USER_DATA: userData }, stdio: ['ignore', 'pipe', 'pipe'] });
    host = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (/token=/.test(out) && fs.existsSync(`${file}.host`)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`mrb serve exited with ${code}`)));
    });

    const through = await run(userData, score(file));
    expect(through.code).toBe(0);
    const other = await run(userData, ['--as', 's.ito@bank.example', ...score(file, '2')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--as s\.ito@bank\.example: mrb serve holds q3\.mrb and records its writes as Ana Khan <a\.khan@bank\.example>; choose s\.ito@bank\.example in its top bar \(or stop it\) and try again\. Nothing was written\./);
    const same = await run(userData, ['--as', 'a.khan@bank.example', ...score(file, '3')]);
    expect(same.code).toBe(0);

    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    const db = new Database(file, { readonly: true });
    try {
      const scores = db.prepare("SELECT actor, json_extract(after, '$.value') AS value FROM audit_events WHERE action = 'score.set' ORDER BY seq").all();
      expect(scores).toEqual([
        { actor: ANA, value: 4 },
        { actor: ANA, value: 3 },
      ]);
    } finally {
      db.close();
    }
  }, 120_000);
});
