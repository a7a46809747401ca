import { describe, expect, it } from 'vitest';
import { rankModels, type Rankable } from '../../../shared/scoring/ranking';

const m = (id: string, heat: number | null, impact: number | null): Rankable => ({ id, heat, impact });

function order(models: Rankable[]): string[] {
  return rankModels(models).map((r) => r.model.id);
}

function topQuartile(models: Rankable[]): string[] {
  return rankModels(models)
    .filter((r) => r.topQuartile)
    .map((r) => r.model.id);
}

describe('ranking', () => {
  it('orders by heat, then impact, then id; unscored last', () => {
    const models = [m('unscored-b', null, null), m('c', 3, 2), m('a', 3, 2), m('b', 3, 4), m('top', 4.2, 1), m('unscored-a', null, null), m('low', 1.5, 5)];
    expect(order(models)).toEqual(['top', 'b', 'a', 'c', 'low', 'unscored-a', 'unscored-b']);
    expect(rankModels(models).map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('puts a model without an impact score after those with one at the same heat', () => {
    expect(order([m('no-impact', 3, null), m('some-impact', 3, 1)])).toEqual(['some-impact', 'no-impact']);
  });

  it('sees float noise as a tie, so the id decides the same way everywhere', () => {
    expect(order([m('b', 3, 3), m('a', 2.9999999999999996, 3.0000000000000004)])).toEqual(['a', 'b']);
  });

  it('compares ids by code unit, not by locale', () => {
    expect(order([m('alpha', 2, 2), m('Zeta', 2, 2), m('Ärzte', 2, 2)])).toEqual(['Zeta', 'alpha', 'Ärzte']);
  });

  it('does not depend on the input order', () => {
    const models = [m('a', 2, 2), m('b', 2, 2), m('c', 4, 1), m('d', null, null), m('e', 2, 3)];
    expect(order([...models].reverse())).toEqual(order(models));
  });

  it('marks the first ceil(n/4) scored models as the top quartile: n = 1, 4, 5, 7', () => {
    const scored = (n: number) => Array.from({ length: n }, (_, i) => m(`m${i}`, 5 - i * 0.5, 3));
    expect(topQuartile(scored(1))).toEqual(['m0']);
    expect(topQuartile(scored(4))).toEqual(['m0']);
    expect(topQuartile(scored(5))).toEqual(['m0', 'm1']);
    expect(topQuartile(scored(7))).toEqual(['m0', 'm1']);
  });

  it('counts only scored models for the quartile and never marks an unscored one', () => {
    expect(topQuartile([m('x', null, null), m('y', null, null), m('s', 1.2, 1), m('z', null, null)])).toEqual(['s']);
    expect(topQuartile([m('x', null, null)])).toEqual([]);
    expect(rankModels([])).toEqual([]);
  });

  it('breaks a tie across the quartile cut by the order, keeping exactly ceil(n/4)', () => {
    expect(topQuartile([m('b', 4, 3), m('a', 4, 3), m('c', 4, 3), m('d', 4, 3), m('e', 4, 3)])).toEqual(['a', 'b']);
  });
});
