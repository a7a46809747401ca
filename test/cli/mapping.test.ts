import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/program';
import { taxonomyVersion, updateTaxonomy } from '../../electron/services/taxonomy/taxonomyService';
import { tempDir } from '../helpers/tempDir';
import { fingerprint, newWorkspace } from '../helpers/workspaces';

async function mrb(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const saved = process.env.MRB_USER_DATA;
  process.env.MRB_USER_DATA = tempDir();
  try {
    const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    if (saved === undefined) delete process.env.MRB_USER_DATA;
    else process.env.MRB_USER_DATA = saved;
  }
}

describe('mrb mapping', () => {
  it("prints each framework's clauses with the dimensions and finding categories that answer them, and those nothing answers", async () => {
    const { ws, file } = newWorkspace();
    ws.close();
    const r = await mrb(['mapping', file, '--framework', 'eu_ai_act']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Regulatory mapping of taxonomy version 1:');
    expect(r.stdout).toMatch(/10\(2\)\(f\)\s+Data governance: examination for possible biases\n\s+answered by: Fairness & bias, fairness findings/);
    expect(r.stdout).toMatch(/15\(5\)\s+Cybersecurity: resilience to attacks\n\s+answered by: Security exposure\n/);
    expect(r.stdout).toMatch(/14\s+Human oversight\n\s+answered by: Explainability & transparency, decisions with rationale and votes\n/);
    expect(r.stdout).toMatch(/9\(5\)\s+Risk management: residual risk judged acceptable\n\s+answered by: risk acceptances with expiry\n/);
    expect(r.stdout).not.toContain('NIST AI RMF');
    const us = await mrb(['mapping', file, '--framework', 'sr26_2']);
    expect(us.stdout).toMatch(/VII\s+Vendor and other third-party products\n\s+nothing maps to it/);
  });

  it('reads an earlier version with --version, and gives JSON with --json', async () => {
    const { ws, file } = newWorkspace();
    const v1 = taxonomyVersion(ws);
    updateTaxonomy(ws, { thresholds: v1.thresholds, dimensions: v1.dimensions.map((d) => (d.key === 'privacy' ? { ...d, clauses: [{ framework: 'osfi_e23', clause: 'Data' }] } : d)) });
    ws.close();
    const now = JSON.parse((await mrb(['mapping', file, '--framework', 'osfi_e23', '--json'])).stdout) as { taxonomyVersion: number; frameworks: { clauses: { clause: string; dimensions: string[] }[] }[] };
    expect(now.taxonomyVersion).toBe(2);
    expect(now.frameworks[0]?.clauses.find((c) => c.clause === 'Data')?.dimensions).toContain('privacy');
    const before = JSON.parse((await mrb(['mapping', file, '--framework', 'osfi_e23', '--json', '--version', '1'])).stdout) as typeof now;
    expect(before.frameworks[0]?.clauses.find((c) => c.clause === 'Data')?.dimensions).not.toContain('privacy');
  });

  it('refuses an unknown framework with exit 2, naming the ones it knows, and changes nothing', async () => {
    const { ws, file } = newWorkspace();
    ws.close();
    const before = fingerprint(file);
    const r = await mrb(['mapping', file, '--framework', 'gdpr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--framework "gdpr" is not a framework the app knows; use one of sr26_2, eu_ai_act, nist_ai_rmf, iso_42001, pra_ss1_23, osfi_e23.');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fingerprint(file)).toBe(before);
  });
});
