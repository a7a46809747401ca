import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moveItem, orderAgenda } from '../../../shared/sessions/agenda';
import type { PullReason } from '../../../shared/sessions/session';

const models = [
  { id: 'low', heat: 1.5, impact: 1 },
  { id: 'hot', heat: 4.2, impact: 4 },
  { id: 'warm', heat: 3.1, impact: 3 },
  { id: 'warm-b', heat: 3.1, impact: 4 },
  { id: 'new', heat: null, impact: null },
  { id: 'mild', heat: 2.2, impact: 2 },
];

describe('agenda order', () => {
  it('follows the heatmap: heat, then impact, unscored last; top quartile flagged', () => {
    const agenda = orderAgenda(models, new Map());
    expect(agenda.map((e) => e.modelId)).toEqual(['hot', 'warm-b', 'warm', 'mild', 'low', 'new']);
    // 5 scored models: the top quartile is the first ceil(5 / 4) = 2.
    expect(agenda.filter((e) => e.topQuartile).map((e) => e.modelId)).toEqual(['hot', 'warm-b']);
  });

  it('pulls up models with an expired acceptance or an overdue action, heat order among them', () => {
    const pulled = new Map<string, PullReason[]>([
      ['low', ['overdue_action']],
      ['mild', ['expired_acceptance', 'overdue_action']],
    ]);
    const agenda = orderAgenda(models, pulled);
    expect(agenda.map((e) => e.modelId)).toEqual(['mild', 'low', 'hot', 'warm-b', 'warm', 'new']);
    expect(agenda[0]).toEqual({ modelId: 'mild', rank: 4, topQuartile: false, pulledUp: ['expired_acceptance', 'overdue_action'] });
  });

  it('a short agenda keeps the whole heatmap quartile', () => {
    const agenda = orderAgenda(models, new Map(), new Set(['warm-b', 'low']));
    expect(agenda).toEqual([
      { modelId: 'warm-b', rank: 2, topQuartile: true, pulledUp: [] },
      { modelId: 'low', rank: 5, topQuartile: false, pulledUp: [] },
    ]);
  });

  it('is a permutation with every pulled-up model before every other, each group in rank order', () => {
    const model = fc.record({ heat: fc.option(fc.double({ min: 1, max: 5, noNaN: true })), impact: fc.option(fc.double({ min: 1, max: 5, noNaN: true })), pulled: fc.boolean() });
    fc.assert(
      fc.property(fc.array(model, { maxLength: 30 }), (ms) => {
        const input = ms.map((m, i) => ({ id: `m${String(i).padStart(2, '0')}`, heat: m.heat, impact: m.impact }));
        const pulled = new Map(ms.flatMap((m, i) => (m.pulled ? [[`m${String(i).padStart(2, '0')}`, ['overdue_action' as const]]] : [])) as [string, PullReason[]][]);
        const agenda = orderAgenda(input, pulled);
        expect(agenda.map((e) => e.modelId).sort()).toEqual(input.map((m) => m.id).sort());
        const firstPlain = agenda.findIndex((e) => e.pulledUp.length === 0);
        if (firstPlain >= 0) expect(agenda.slice(firstPlain).every((e) => e.pulledUp.length === 0)).toBe(true);
        for (let i = 1; i < agenda.length; i++) {
          const [p, q] = [agenda[i - 1], agenda[i]] as [(typeof agenda)[number], (typeof agenda)[number]];
          if (p.pulledUp.length > 0 === q.pulledUp.length > 0) expect(p.rank).toBeLessThan(q.rank);
        }
      }),
    );
  });
});

describe('moving an item', () => {
  it('moves one item and keeps the others in order', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c'], 1, 99)).toEqual(['a', 'c', 'b']);
  });

  it('is a permutation that puts the item where asked', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), (xs, f, t) => {
        const from = f % xs.length;
        const to = t % xs.length;
        const moved = moveItem(xs, from, to);
        expect([...moved].sort()).toEqual([...xs].sort());
        expect(moved[to]).toBe(xs[from]);
      }),
    );
  });
});
