import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { riskColour } from '../../shared/scoring/colourScale';
import { EXAMPLE_BUNDLE } from '../helpers/exampleBundle';
import { MRB, runMrb } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

function cycleWithModel(): { file: string; dir: string } {
  const dir = tempDir();
  const file = path.join(dir, 'q3.mrb');
  expect(runMrb(['init', file, '--name', 'Q3 model risk']).code).toBe(0);
  expect(runMrb(['import', file, EXAMPLE_BUNDLE]).code).toBe(1);
  return { file, dir };
}

function score(file: string, dimension: string, value: number, rationale = 'reviewed') {
  return runMrb(['score', file, '--model', 'credit-default-scorer', '--dimension', dimension, '--score', String(value), '--rationale', rationale]);
}

describe('mrb heatmap', () => {
  it('draws the map in the shared colours, and as it stood at an earlier moment', () => {
    const { file, dir } = cycleWithModel();
    expect(score(file, 'customer_harm', 4).code).toBe(0);
    const between = new Date().toISOString();
    const wait = Date.now() + 5;
    while (Date.now() < wait) {
      /* a later millisecond for the next event */
    }
    expect(score(file, 'customer_harm', 1).code).toBe(0);

    const now = runMrb(['heatmap', file, '--svg', path.join(dir, 'now.svg')]);
    expect(now).toMatchObject({ code: 0 });
    expect(now.stdout).toMatch(/Wrote the heatmap of 1 model \(taxonomy v1, now/);
    const svgNow = fs.readFileSync(path.join(dir, 'now.svg'), 'utf8');
    expect(svgNow).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svgNow).toContain('Credit default scorer');
    expect(svgNow).toContain(`fill="${riskColour(1, 'standard')}"`);
    expect(svgNow).toContain('Customer harm');

    const then = runMrb(['heatmap', file, '--svg', path.join(dir, 'then.svg'), '--as-of', between, '--palette', 'colourVisionSafe']);
    expect(then.code).toBe(0);
    const svgThen = fs.readFileSync(path.join(dir, 'then.svg'), 'utf8');
    expect(svgThen).toContain(`fill="${riskColour(4, 'colourVisionSafe')}"`);
    expect(svgThen).toContain(`as of ${between}, rebuilt from the audit log`);
  });

  it.each([
    [['--svg'], /heatmap needs --svg FILE|argument missing/i],
    [['--svg', 'x.svg', '--as-of', 'yesterday'], /--as-of: must be an ISO time/],
    [['--svg', 'x.svg', '--palette', 'rainbow'], /--palette must be one of standard, colourVisionSafe/],
    [['--svg', 'x.svg', '--as-of', '1999-01-01T00:00:00Z'], /did not exist yet at 1999-01-01T00:00:00\.000Z/],
  ])('refuses %j with a sentence and exit 2', (args, message) => {
    const { file } = cycleWithModel();
    const r = runMrb(['heatmap', file, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('mrb score while mrb serve holds the workspace', () => {
  it('goes through the running host instead of being refused, and the host withdraws its address when it stops', async () => {
    const { file, dir } = cycleWithModel();
    const child = spawn(process.execPath, [MRB, 'serve', file], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, MRB_USER_DATA: path.join(dir, 'user') } });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('http://127.0.0.1:')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    try {
      expect(fs.statSync(`${file}.host`).mode & 0o777).toBe(0o600);
      const r = score(file, 'privacy', 5);
      expect(r).toMatchObject({ code: 0, stdout: 'Scored credit-default-scorer on privacy: 5 [5, 5].\n' });
      const refused = score(file, 'performance_drift', 1, '');
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/proposes 5 for Performance & drift .* write a rationale/);
      const rows = JSON.parse(runMrb(['models', file, '--json']).stdout);
      expect(rows[0].scores.privacy).toMatchObject({ value: 5, source: 'analyst' });
    } finally {
      await new Promise((done) => {
        child.once('exit', done);
        child.kill('SIGTERM');
      });
    }
    expect(fs.existsSync(`${file}.host`)).toBe(false);
    expect(runMrb(['audit', 'verify', file]).code).toBe(0);
  });
});
