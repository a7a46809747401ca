import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_MONTHS, dueReasons, orderDue, urgencyOf, type DueFacts, type DueModel } from '../../../shared/cycles/due';

const TODAY = '2026-12-20';

/** A model reviewed recently with nothing open: not due. */
function quiet(over: Partial<DueFacts> = {}): DueFacts {
  return {
    modelId: 'm',
    modelName: 'M',
    owner: 'o',
    tier: 'medium',
    lastDecision: { date: '2026-09-15', modelVersion: '1.0', predictionsSha256: 'aaa' },
    currentVersion: '1.0',
    latestPredictionsSha256: 'aaa',
    acceptances: [],
    actions: [],
    breaches: [],
    openSevereFindings: [],
    ...over,
  };
}

const kinds = (f: DueFacts, today = TODAY) => dueReasons(f, today, DEFAULT_REVIEW_MONTHS).map((r) => `${r.kind}:${r.urgency}`);

describe('due reasons, each triggered by its own case', () => {
  it('a model reviewed recently with nothing open is not due', () => {
    expect(kinds(quiet())).toEqual([]);
  });

  it('periodic review: due within 30 days, overdue after, by tier (critical 6 months, low 24)', () => {
    expect(kinds(quiet({ tier: 'critical' }), '2027-02-20')).toEqual(['periodic_review:due']);
    expect(kinds(quiet({ tier: 'critical' }), '2027-03-16')).toEqual(['periodic_review:overdue']);
    expect(kinds(quiet({ tier: 'low' }), '2027-03-16')).toEqual([]);
    const [r] = dueReasons(quiet({ tier: 'critical' }), '2027-03-16', DEFAULT_REVIEW_MONTHS);
    expect(r?.text).toBe('Periodic review overdue: a critical model is reviewed every 6 months; due 2027-03-15, 1 day ago.');
    // The taxonomy's own frequency wins.
    expect(dueReasons(quiet(), TODAY, { ...DEFAULT_REVIEW_MONTHS, medium: 3 }).map((x) => x.kind)).toEqual(['periodic_review']);
  });

  it('acceptance expiring within 30 days, or expired', () => {
    expect(kinds(quiet({ acceptances: [{ risk: 'r', expiry: '2027-01-19' }] }))).toEqual(['acceptance_expiring:due']);
    expect(kinds(quiet({ acceptances: [{ risk: 'r', expiry: '2027-01-20' }] }))).toEqual([]);
    expect(kinds(quiet({ acceptances: [{ risk: 'r', expiry: '2026-12-19' }] }))).toEqual(['acceptance_expired:overdue']);
  });

  it('condition or mitigation past due (due today is not yet late)', () => {
    expect(kinds(quiet({ actions: [{ kind: 'condition', text: 'fix', due: '2026-12-19' }] }))).toEqual(['action_overdue:overdue']);
    expect(kinds(quiet({ actions: [{ kind: 'mitigation', text: 'fix', due: TODAY }] }))).toEqual([]);
  });

  it('material change: a new model version, or predictions that differ from those decided on', () => {
    expect(kinds(quiet({ currentVersion: '2.0' }))).toEqual(['material_change:due']);
    expect(kinds(quiet({ latestPredictionsSha256: 'bbb' }))).toEqual(['material_change:due']);
  });

  it('breach in the latest bundle, open high finding, never reviewed', () => {
    expect(kinds(quiet({ breaches: ['drift.psi_max = 0.3'] }))).toEqual(['breach:due']);
    expect(kinds(quiet({ openSevereFindings: [{ severity: 'high', title: 'drift' }] }))).toEqual(['open_finding:due']);
    expect(kinds(quiet({ lastDecision: null }))).toEqual(['never_reviewed:due']);
  });

  it('orders overdue before due, then by number of reasons, then earliest date', () => {
    const m = (modelId: string, f: Partial<DueFacts>): DueModel => {
      const reasons = dueReasons(quiet(f), TODAY, DEFAULT_REVIEW_MONTHS);
      return { modelId, modelName: modelId, owner: 'o', tier: 'medium', lastDecisionDate: null, nextReview: null, urgency: urgencyOf(reasons), reasons };
    };
    const list = orderDue([
      m('never', { lastDecision: null }),
      m('late', { actions: [{ kind: 'condition', text: 'x', due: '2026-12-01' }] }),
      m('two', { lastDecision: null, breaches: ['b'] }),
    ]);
    expect(list.map((x) => x.modelId)).toEqual(['late', 'two', 'never']);
  });
});
