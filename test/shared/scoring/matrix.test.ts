import { describe, expect, it } from 'vitest';
import { cellCount, matrixIndex, placeOnMatrix } from '../../../shared/scoring/matrix';

describe('5x5 matrix', () => {
  it('rounds half up and clamps to 1..5', () => {
    const cases: [number, number][] = [
      [1, 1],
      [1.49, 1],
      [1.5, 2],
      [2.5, 3],
      [3.5, 4],
      [4.4, 4],
      [4.5, 5],
      [5, 5],
      [0.2, 1],
      [6, 5],
    ];
    expect(cases.map(([v]) => matrixIndex(v))).toEqual(cases.map(([, c]) => c));
  });

  it('treats float noise below a half as the half', () => {
    expect(matrixIndex(2.4999999999999996)).toBe(3);
    expect(matrixIndex(2.4999999)).toBe(2);
  });

  it('counts models per cell, keeps their order and lists the ones it cannot place', () => {
    const placement = placeOnMatrix([
      { id: 'a', likelihood: 3.2, impact: 4.6 },
      { id: 'b', likelihood: 2.5, impact: 5 },
      { id: 'c', likelihood: 1, impact: 1 },
      { id: 'd', likelihood: 3, impact: null },
      { id: 'e', likelihood: null, impact: null },
    ]);
    expect(placement.cells).toHaveLength(25);
    expect(placement.cells.filter((c) => c.ids.length > 0)).toEqual([
      { likelihood: 1, impact: 1, ids: ['c'] },
      { likelihood: 3, impact: 5, ids: ['a', 'b'] },
    ]);
    expect(cellCount(placement, 3, 5)).toBe(2);
    expect(cellCount(placement, 5, 3)).toBe(0);
    expect(placement.unplaced).toEqual(['d', 'e']);
  });
});
