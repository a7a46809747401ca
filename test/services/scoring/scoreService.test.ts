import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calls, ChangeEventSchema } from '../../../shared/contract/calls';
import type { UserError } from '../../../shared/contract/errors';
import { acceptProposals, heatmap, heatmapRows, heatmapTimeline, scoreProposals, setScore } from '../../../electron/services/scoring/scoreService';
import { Workspace } from '../../../electron/services/store/workspace';
import { latestFindings } from '../../../electron/services/store/bundleTable';
import { updateTaxonomy } from '../../../electron/services/taxonomy/taxonomyService';
import { EXAMPLE_BUNDLE } from '../../helpers/exampleBundle';
import { runMrb } from '../../helpers/runMrb';
import { tempDir } from '../../helpers/tempDir';
import { addModels, fingerprint, modelFixture, newWorkspace } from '../../helpers/workspaces';

const MODEL = 'credit-default-scorer';

/** A cycle with the example bundle imported: its drift (max PSI 0.69) fires the default rule "-> 5". */
function cycleWithBundle(): { ws: Workspace; file: string } {
  const file = path.join(tempDir(), 'q3.mrb');
  expect(runMrb(['init', file, '--name', 'Q3']).code).toBe(0);
  expect(runMrb(['import', file, EXAMPLE_BUNDLE]).code).toBe(1);
  return { ws: Workspace.open(file, { actor: 'analyst@test' }), file };
}

function args<K extends 'scores.set'>(name: K, a: unknown) {
  return calls[name].args.parse(a);
}

function refusal(run: () => unknown): UserError {
  try {
    run();
  } catch (err) {
    return err as UserError;
  }
  throw new Error('expected a refusal');
}

/** Audit timestamps have millisecond resolution; the time-travel test needs distinct moments. */
function nextMillisecond(): string {
  const start = new Date().toISOString();
  while (new Date().toISOString() === start) {
    /* spin */
  }
  return new Date().toISOString();
}

describe('evidence rules and the analyst', () => {
  it('proposes the rule score from the latest bundle and accepts it as a rule score with its evidence', () => {
    const { ws } = cycleWithBundle();
    const proposals = scoreProposals(ws, { modelId: MODEL });
    const drift = proposals.find((p) => p.dimension === 'performance_drift');
    expect(drift?.proposal).toMatchObject({ score: 5, metric: 'drift.psi_max', rule: 'drift.psi_max >= 0.25 -> 5', observedText: '0.6889' });
    expect(drift?.proposal?.observed).toBeCloseTo(0.688922855087946, 12);
    // The example bundle's fairness metrics cross a default fairness rule too.
    expect(proposals.filter((p) => p.proposal !== null).map((p) => p.dimension)).toEqual(['performance_drift', 'fairness_bias']);

    const { accepted: saved, kept } = acceptProposals(ws, { modelId: MODEL });
    expect(kept).toEqual([]);
    expect(saved.map((s) => s.dimension)).toEqual(['performance_drift', 'fairness_bias']);
    expect(saved[0]).toMatchObject({ value: 5, lo: 5, hi: 5, source: 'rule', evidence: { metric: 'drift.psi_max', rule: 'drift.psi_max >= 0.25 -> 5' } });
    expect(saved[0]?.evidence?.bundleSha256).toMatch(/^[0-9a-f]{64}$/);
    // Accepting again changes nothing and records nothing.
    const events = ws.verifyAudit().events;
    expect(acceptProposals(ws, { modelId: MODEL })).toEqual({ accepted: [], kept: [] });
    expect(ws.verifyAudit()).toMatchObject({ ok: true, events });
    ws.close();
  });

  it('accepting all keeps an analyst score set against the rule, says so, and fills only the dimension nobody scored', () => {
    const { ws } = cycleWithBundle();
    setScore(ws, args('scores.set', { modelId: MODEL, dimension: 'performance_drift', value: 2, rationale: 'segment shift is a relabelling' }));
    const events = ws.verifyAudit().events;
    const result = acceptProposals(ws, { modelId: MODEL });
    // Only the dimension no analyst scored takes its rule score.
    expect(result.accepted.map((s) => s.dimension)).toEqual(['fairness_bias']);
    expect(result.kept).toEqual([{ dimension: 'performance_drift', reason: expect.stringMatching(/^analyst@test scored 2 at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC against the rule's 5\.$/) as unknown }]);
    const drift = scoreProposals(ws, { modelId: MODEL }).find((p) => p.dimension === 'performance_drift');
    expect(drift?.current).toMatchObject({ value: 2, source: 'analyst', rationale: 'segment shift is a relabelling' });
    expect(ws.verifyAudit().events).toBe(events + 1);
    // Naming the dimension is deliberate: the rule score replaces the analyst's.
    expect(acceptProposals(ws, { modelId: MODEL, dimensions: ['performance_drift'] })).toMatchObject({ accepted: [{ value: 5, source: 'rule' }], kept: [] });
    ws.close();
  });

  it('refuses a score against the rule without a rationale, at the rationale field, and writes nothing', () => {
    const { ws, file } = cycleWithBundle();
    const before = fingerprint(file);
    const err = refusal(() => setScore(ws, args('scores.set', { modelId: MODEL, dimension: 'performance_drift', value: 2, rationale: '  ' })));
    expect(err.field).toBe('rationale');
    expect(err.message).toMatch(/The rule "drift\.psi_max >= 0\.25 -> 5" proposes 5 for Performance & drift of Credit default scorer \(observed drift\.psi_max = 0\.6889\); to score 2 instead/);
    expect(fingerprint(file)).toBe(before);
    // With a rationale the override stands; agreeing with the rule needs none.
    expect(setScore(ws, args('scores.set', { modelId: MODEL, dimension: 'performance_drift', value: 2, rationale: 'segment shift is a relabelling' })).value).toBe(2);
    expect(setScore(ws, args('scores.set', { modelId: MODEL, dimension: 'performance_drift', value: 5, rationale: '' })).source).toBe('analyst');
    expect(ws.verifyAudit().ok).toBe(true);
    ws.close();
  });

  it('links a score to one of the model’s bundles and refuses a foreign one', () => {
    const { ws } = cycleWithBundle();
    const sha = scoreProposals(ws, { modelId: MODEL }).find((p) => p.proposal)?.proposal?.bundleSha256 as string;
    const linked = setScore(ws, args('scores.set', { modelId: MODEL, dimension: 'privacy', value: 3, rationale: 'PII in features', evidence: { bundleSha256: sha } }));
    expect(linked.evidence).toEqual({ bundleSha256: sha, metric: null, observed: null, rule: null });
    const err = refusal(() => setScore(ws, args('scores.set', { modelId: MODEL, dimension: 'privacy', value: 3, rationale: 'x', evidence: { bundleSha256: 'a'.repeat(64) } })));
    expect(err.field).toBe('evidence.bundleSha256');
    expect(ws.verifyAudit().ok).toBe(true);
    ws.close();
  });
});

describe('linking a score to a finding', () => {
  it('takes the finding’s bundle with it, and refuses a finding of another model or bundle at the field', () => {
    const { ws, file } = cycleWithBundle();
    const finding = latestFindings(ws.reader, MODEL)[0] as { id: number; bundleSha256: string };
    const saved = setScore(ws, args('scores.set', { modelId: MODEL, dimension: 'privacy', value: 3, rationale: 'see the finding', evidence: { findingId: finding.id } }));
    expect(saved.evidence).toEqual({ bundleSha256: finding.bundleSha256, metric: null, observed: null, rule: null, findingId: finding.id });
    const before = fingerprint(file);
    expect(refusal(() => setScore(ws, args('scores.set', { modelId: MODEL, dimension: 'privacy', value: 3, rationale: 'x', evidence: { findingId: 987654 } }))).field).toBe('evidence.findingId');
    expect(refusal(() => setScore(ws, args('scores.set', { modelId: MODEL, dimension: 'privacy', value: 3, rationale: 'x', evidence: { findingId: finding.id, bundleSha256: 'b'.repeat(64) } }))).message).toMatch(/belongs to bundle/);
    expect(fingerprint(file)).toBe(before);
    expect(ws.verifyAudit().ok).toBe(true);
    ws.close();
  });
});

describe('the time control', () => {
  it('rebuilds the map as of any moment from the audit log, equal to the map saved at that moment', () => {
    const { ws } = newWorkspace();
    addModels(ws, ['a', 'b', 'c', 'd'].map((id) => modelFixture(id, { name: `Model ${id}` })));
    const dims = heatmap(ws).taxonomy.dimensions.map((d) => d.key);
    const saved: { at: string; map: ReturnType<typeof heatmap> }[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let step = 0; step < 30; step++) {
      nextMillisecond();
      const value = 1 + Math.floor(random() * 5);
      setScore(ws, args('scores.set', { modelId: ['a', 'b', 'c', 'd'][Math.floor(random() * 4)], dimension: dims[Math.floor(random() * dims.length)], value, lo: Math.max(1, value - 1), rationale: `step ${step}` }));
      if (step === 15) {
        const t = heatmap(ws).taxonomy;
        updateTaxonomy(ws, { thresholds: { medium: 1.5, high: 2.5, critical: 3.5 }, dimensions: t.dimensions.map((d, i) => (i === 0 ? { ...d, weight: 3 } : d)) });
      }
      saved.push({ at: new Date().toISOString(), map: heatmap(ws) });
      nextMillisecond();
    }
    for (const { at, map } of saved) {
      const rebuilt = heatmap(ws, { asOf: at });
      expect({ ...rebuilt, asOf: null }).toEqual(map);
    }
    expect(saved[20]?.map.taxonomyVersion).toBe(2);
    expect(saved[3]?.map.taxonomyVersion).toBe(1);
    ws.close();
  });

  it('refuses a moment before the cycle existed, naming when it was created', () => {
    const { ws } = newWorkspace();
    const err = refusal(() => heatmap(ws, { asOf: '2001-01-01T00:00:00.000Z' }));
    expect(err.field).toBe('asOf');
    expect(err.message).toMatch(/did not exist yet at 2001-01-01T00:00:00\.000Z; it was created at 20/);
    ws.close();
  });

  it('lists the moments the map changed, oldest first', () => {
    const { ws } = newWorkspace();
    addModels(ws, [modelFixture('a')]);
    setScore(ws, args('scores.set', { modelId: 'a', dimension: 'privacy', value: 4, rationale: '' }));
    const { start, events } = heatmapTimeline(ws);
    expect(events.map((e) => e.action)).toEqual(['taxonomy.create', 'model.create', 'score.set']);
    expect(events[2]).toMatchObject({ entityId: 'a/privacy', actor: 'analyst@test' });
    expect(start <= (events[0]?.at ?? '')).toBe(true);
    ws.close();
  });
});

describe('live rows', () => {
  it('a score change event carries the saved scores, so a map can repaint without asking back', () => {
    const { ws } = newWorkspace();
    addModels(ws, [modelFixture('a')]);
    const events: unknown[] = [];
    ws.onChange((e) => events.push(e));
    const saved = setScore(ws, args('scores.set', { modelId: 'a', dimension: 'privacy', value: 4, lo: 3, rationale: 'PII' }));
    expect(events).toEqual([{ entity: 'score', ids: ['a/privacy'], seq: expect.any(Number), scores: [saved] }]);
    expect(ChangeEventSchema.parse(events[0])).toMatchObject({ scores: [{ value: 4, lo: 3, evidence: null }] });
    ws.close();
  });

  it('recomputes only the named rows, equal to their rows in the whole map once re-ranked', () => {
    const { ws } = newWorkspace();
    addModels(ws, ['a', 'b', 'c'].map((id) => modelFixture(id)));
    setScore(ws, args('scores.set', { modelId: 'c', dimension: 'privacy', value: 5, rationale: '' }));
    setScore(ws, args('scores.set', { modelId: 'a', dimension: 'privacy', value: 2, lo: 1, rationale: '' }));
    const { rows } = heatmapRows(ws, { modelIds: ['a', 'a'] });
    // One dimension of 11 scored: the heat is 2, too little is scored for a tier.
    expect(rows.map((r) => [r.model.id, r.heat, r.band, r.tier])).toEqual([['a', 2, { lo: 1, hi: 2 }, 'incomplete']]);
    const whole = heatmap(ws).rows.find((r) => r.model.id === 'a');
    expect({ ...rows[0], rank: whole?.rank, topQuartile: whole?.topQuartile }).toEqual(whole);
    expect(() => heatmapRows(ws, { modelIds: ['zz'] })).toThrow(/There is no model "zz"/);
    ws.close();
  });
});
