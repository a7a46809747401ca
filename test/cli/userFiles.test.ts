import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MRB, runMrb } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

/**
 * Files the user names for mrb to write (a drawing, an identity and its CA, minutes, a
 * packet, the demo's folder): a place that cannot take one is refused with a sentence naming
 * it, exit 2, before the work and with nothing written; never an internal error. Files it
 * reads (a packet, an identity, a CA certificate) must be regular files: a named pipe is
 * refused at once, not waited on.
 */

const PASSPHRASE = 'correct horse battery';
const env = { MRB_PASSPHRASE: PASSPHRASE };

/** One demo cycle (a closed session and a signing identity), shared: it takes a few seconds to make. */
let demo: { dir: string; workspace: string; identity: string; passphraseFile: string; packet: string };

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-cli-outputs-'));
  const made = runMrb(['demo', path.join(dir, 'demo')], { env: { MRB_USER_DATA: path.join(dir, 'user') } });
  expect(made.code).toBe(0);
  const at = (name: string) => path.join(dir, 'demo', name);
  demo = { dir, workspace: at('demo-cycle.mrb'), identity: at('signer.p12'), passphraseFile: at('passphrase.txt'), packet: at('decision-packet.pdf') };
}, 60_000);

afterAll(() => fs.rmSync(demo.dir, { recursive: true, force: true }));

/** Runs mrb, expecting a refusal: exit 2, one sentence, no stack, nothing logged as a bug. */
function refused(args: string[]): string {
  const userData = tempDir('mrb-user-');
  const r = runMrb(args, { env: { ...env, MRB_USER_DATA: userData } });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(fs.existsSync(path.join(userData, 'logs'))).toBe(false);
  return r.stderr;
}

const identityArgs = (out: string, ca?: string) => ['identity', 'create', '--name', 'Ana Khan', '--email', 'a.khan@bank.example', '--org', 'Example Bank', '--out', out, ...(ca ? ['--ca-out', ca] : [])];

describe('a file to write in a folder that does not exist', () => {
  it.each([
    ['heatmap', (gone: string) => ['heatmap', demo.workspace, '--svg', path.join(gone, 'map.svg')]],
    ['identity create', (gone: string) => identityArgs(path.join(gone, 'id.p12'))],
    ['identity create, the CA', (gone: string) => identityArgs(path.join(path.dirname(gone), 'id.p12'), path.join(gone, 'ca.pem'))],
    ['session show --minutes-pdf', (gone: string) => ['session', 'show', demo.workspace, '1', '--minutes-pdf', path.join(gone, 'minutes.pdf')]],
    ['export packet', (gone: string) => ['export', 'packet', demo.workspace, '--session', '1', '--identity', demo.identity, '--passphrase-file', demo.passphraseFile, '--out', path.join(gone, 'packet.pdf')]],
  ])('%s: refused naming the folder, and nothing is written', (_, args) => {
    const dir = tempDir();
    const gone = path.join(dir, 'gone');
    expect(refused(args(gone))).toMatch(`The folder ${gone} does not exist; nothing was written.`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('a file to write whose name is a folder, or whose path runs through a file', () => {
  it('heatmap: a folder is not overwritten, and a path through a file is named', () => {
    const dir = tempDir();
    expect(refused(['heatmap', demo.workspace, '--svg', dir])).toMatch(`${dir} cannot be written (it is a folder); nothing was written.`);
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'mine');
    expect(refused(['heatmap', demo.workspace, '--svg', path.join(file, 'map.svg')])).toMatch(`${file} is not a folder; nothing was written.`);
    expect(fs.readFileSync(file, 'utf8')).toBe('mine');
  });

  it('identity create: one name for the identity and its CA is refused before the key is made', () => {
    const dir = tempDir();
    const both = path.join(dir, 'id.p12');
    expect(refused(identityArgs(both, both))).toMatch(`The identity and its CA certificate need two files, not both ${both}.`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('countersign: an output in a folder that does not exist is refused before signing', () => {
    const gone = path.join(tempDir(), 'gone');
    expect(refused(['countersign', demo.packet, '--identity', demo.identity, '--passphrase-file', demo.passphraseFile, '--out', path.join(gone, 'p.pdf')])).toMatch(`The folder ${gone} does not exist; nothing was written.`);
  });
});

describe('mrb demo in a place that cannot take it', () => {
  it('a file, a path through a file, or a folder already holding a demo: refused, the folder as it was', () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'mine');
    expect(refused(['demo', file])).toMatch(`${file} is a file, not a folder; give mrb demo a new or empty folder.`);
    expect(refused(['demo', path.join(file, 'sub')])).toMatch(`${path.join(file, 'sub')} cannot be written (a part of its path is a file, not a folder); nothing was written.`);
    const before = fs.readdirSync(path.dirname(demo.workspace)).sort();
    expect(refused(['demo', path.dirname(demo.workspace)])).toMatch(/already holds demo-cycle\.mrb, bundles, passphrase\.txt, signer\.p12, board-ca\.pem, decision-packet\.pdf; give mrb demo a new or empty folder, nothing was written\./);
    expect(fs.readdirSync(path.dirname(demo.workspace)).sort()).toEqual(before);
    expect(fs.readFileSync(file, 'utf8')).toBe('mine');
  });
});

describe('a reader that leaves early (`mrb ... 2>&1 | true`)', () => {
  it.each([
    ['a refusal on stderr', ['info', 'no-such-cycle.mrb'], 2],
    ['help on stdout', ['--help'], 0],
  ])('%s: the command ends with its own exit code, and nothing is logged as a bug', (_, args, code) => {
    const userData = tempDir('mrb-user-');
    const quoted = [process.execPath, MRB, ...args].map((a) => `'${a}'`).join(' ');
    // The reader (`true`) is gone before node has started, so every write meets a closed pipe.
    const r = spawnSync('bash', ['-c', `${quoted} 2>&1 | true; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8', env: { ...process.env, MRB_USER_DATA: userData } });
    expect(r.stdout.trim()).toBe(String(code));
    expect(fs.existsSync(path.join(userData, 'logs'))).toBe(false);
  });
});

describe('a packet, identity or CA certificate that is a named pipe', () => {
  it.each([
    ['verify', (fifo: string) => ['verify', fifo]],
    ['verify --trust', (fifo: string) => ['verify', demo.packet, '--trust', fifo]],
    ['countersign', (fifo: string) => ['countersign', fifo, '--identity', demo.identity, '--passphrase-file', demo.passphraseFile, '--out', path.join(path.dirname(fifo), 'p.pdf')]],
    ['identity show', (fifo: string) => ['identity', 'show', fifo]],
    ['export packet --identity', (fifo: string) => ['export', 'packet', demo.workspace, '--session', '1', '--identity', fifo, '--out', path.join(path.dirname(fifo), 'p.pdf')]],
  ])('%s: refused at once with a sentence, not waited on', (_, args) => {
    const fifo = path.join(tempDir(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    const r = spawnSync(process.execPath, [MRB, ...args(fifo)], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, ...env, MRB_USER_DATA: tempDir('mrb-user-') } });
    expect(r.error).toBeUndefined();
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${fifo} is a named pipe (FIFO), not a regular file; name a file.`);
  });
});
