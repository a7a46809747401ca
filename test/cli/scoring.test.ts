import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_BUNDLE } from '../helpers/exampleBundle';
import { runMrb } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

function cycleWithModel(): string {
  const dir = tempDir();
  const file = path.join(dir, 'q3.mrb');
  expect(runMrb(['init', file, '--name', 'Q3']).code).toBe(0);
  expect(runMrb(['import', file, EXAMPLE_BUNDLE]).code).toBe(1);
  return file;
}

describe('mrb score and mrb models', () => {
  it('scores dimensions, and models shows the heat, band and tier the scores give', () => {
    const file = cycleWithModel();
    // Not scored yet, but its bundle's open high findings already put it at least High (the default floors).
    expect(runMrb(['models', file]).stdout).toMatch(/1 {2}credit-default-scorer {2}\s+— {2}— +High/);
    const scored = runMrb(['score', file, '--model', 'credit-default-scorer', '--dimension', 'customer_harm', '--score', '4', '--lo', '3', '--hi', '5', '--rationale', 'declines loans']);
    expect(scored).toMatchObject({ code: 0, stdout: 'Scored credit-default-scorer on customer_harm: 4 [3, 5].\n' });
    expect(runMrb(['score', file, '--model', 'credit-default-scorer', '--dimension', 'privacy', '--score', '2']).code).toBe(0);
    // H = (1.5 * 4 + 1 * 2) / 2.5 = 3.2: high; band (1.5 * 3 + 2) / 2.5 = 2.6 to (1.5 * 5 + 2) / 2.5 = 3.8.
    const json = JSON.parse(runMrb(['models', file, '--json']).stdout);
    expect(json[0]).toMatchObject({ heat: 3.2, band: { lo: 2.6, hi: 3.8 }, tier: 'high', rank: 1, topQuartile: true, impact: 3.2, likelihood: null });
    expect(runMrb(['models', file]).stdout).toMatch(/credit-default-scorer +3\.20 +\[2\.60, 3\.80\] +High/);
    expect(runMrb(['audit', 'verify', file]).code).toBe(0);
  });

  it.each([
    [['--dimension', 'privacy', '--score', '3'], /score needs --model/],
    [['--model', 'credit-default-scorer', '--dimension', 'privacy', '--score', '7'], /--score: must be at most 5/],
    [['--model', 'credit-default-scorer', '--dimension', 'privacy', '--score', '3', '--lo', '4'], /The low end of the band of the privacy score of Credit default scorer \(4\) is above the score 3/],
    [['--model', 'nope', '--dimension', 'privacy', '--score', '3'], /There is no model "nope" in this cycle/],
    [['--model', 'credit-default-scorer', '--dimension', 'vibes', '--score', '3'], /"vibes" is not a dimension of taxonomy v1; use one of performance_drift, /],
  ])('refuses %j with a sentence, exit 2, nothing written', (args, message) => {
    const file = cycleWithModel();
    const events = () => JSON.parse(runMrb(['info', file, '--json']).stdout).counts.auditEvents as number;
    const before = events();
    const r = runMrb(['score', file, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    // Import records its own events (the bundle, the model, the findings it registers); the refusal adds none.
    expect(events()).toBe(before);
  });
});
