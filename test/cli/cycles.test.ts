import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/program';
import { firstCycle } from '../services/cycles/chain';

async function mrb(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('mrb cycle next, audit verify --previous, findings, due, kpis', () => {
  it('starts the next cycle, checks the chain of files, and reports what the board owes', async () => {
    const { dir, file, ws } = await firstCycle();
    ws.close();
    const next = path.join(dir, 'q4.mrb');
    const started = await mrb(['cycle', 'next', file, next, '--name', 'Q4 2026', '--period-start', '2026-10-01', '--period-end', '2026-12-31']);
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/Started "Q4 2026" in .*q4\.mrb, following "Q3 2026" \(audit head [0-9a-f]{16}…, event #\d+\)/);
    expect(started.stdout).toMatch(/Carried: 4 models, 1 bundles, 2 conditions, 2 mitigations, 1 risk acceptances, \d+ open findings, 3 prior scores\./);

    const again = await mrb(['cycle', 'next', file, next, '--name', 'Q4 2026', '--period-start', '2026-10-01', '--period-end', '2026-12-31']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);

    const verified = await mrb(['audit', 'verify', next, '--previous', file]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/The link to "Q3 2026" holds/);

    const findings = await mrb(['findings', next, '--open', '--today', '2026-10-02']);
    expect(findings.code).toBe(0);
    expect(findings.stdout).toMatch(/^severity +status/);
    expect(findings.stdout).toMatch(/credit-default-scorer +validation_issue/);
    expect(findings.stdout).toMatch(/born in Q3 2026/);
    // Far later every finding is past its remediation date: --overdue exits 1.
    const overdue = await mrb(['findings', next, '--overdue', '--today', '2027-12-31']);
    expect(overdue.code).toBe(1);
    expect(JSON.parse((await mrb(['findings', next, '--json', '--today', '2026-10-02'])).stdout).length).toBeGreaterThan(0);

    const due = await mrb(['due', next, '--as-of', '2026-12-20']);
    expect(due.code).toBe(1);
    expect(due.stdout).toMatch(/^OVERDUE +warm .*\n +- The mitigation "Document the features" was due 2026-10-15\./m);
    expect(due.stdout).toMatch(/hot .*\n(?: +- .*\n)* +- Risk acceptance expires 2027-01-10 \(in 21 days\): Customer harm stays high\./m);
    expect(due.stdout).toMatch(/quiet \(Model quiet\), tier none, last decided never\n +- Never reviewed by the board\./);
    const dueJson = JSON.parse((await mrb(['due', next, '--as-of', '2026-10-02', '--json'])).stdout) as { modelId: string; reasons: { kind: string }[] }[];
    expect(dueJson.find((m) => m.modelId === 'quiet')?.reasons.map((r) => r.kind)).toEqual(['never_reviewed']);

    const kpis = await mrb(['kpis', next, '--as-of', '2026-10-02']);
    expect(kpis.code).toBe(0);
    expect(kpis.stdout).toMatch(/beside "Q3 2026"/);
    expect(kpis.stdout).toMatch(/Inventory coverage +\d+\.\d%.*; last cycle \d+\.\d%/);
    expect(kpis.stdout).toMatch(/Review SLA +n\/a.*; last cycle \d+\.\d days/);

    // The predecessor edited behind the app: the link no longer holds.
    const raw = new Database(file);
    raw.prepare("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3").run();
    raw.close();
    const broken = await mrb(['audit', 'verify', next, '--previous', file]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/The link to the previous cycle does not hold: The audit chain of Q3 2026 \(.*\) does not hold: event #3/);
    const refused = await mrb(['cycle', 'next', file, path.join(dir, 'q1.mrb'), '--name', 'Q1', '--period-start', '2027-01-01', '--period-end', '2027-03-31']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/does not hold.*Nothing was written\./);
    expect(fs.existsSync(path.join(dir, 'q1.mrb'))).toBe(false);
  });
});
