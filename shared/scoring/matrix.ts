import { roundHeat } from './heat';

export type MatrixIndex = 1 | 2 | 3 | 4 | 5;

const INDICES: readonly MatrixIndex[] = [1, 2, 3, 4, 5];

/**
 * The row or column of the 5x5 matrix for a likelihood or impact value:
 * clamp(round-half-up(value), 1, 5), after roundHeat so a 2.4999999999999996 that means
 * 2.5 lands in 3 like 2.5 does. Half-up is stated because it is a trap for whoever
 * reproduces the matrix: Python's round() and numpy round half to even (2.5 -> 2).
 */
export function matrixIndex(value: number): MatrixIndex {
  const cell = Math.floor(roundHeat(value) + 0.5);
  return Math.min(5, Math.max(1, cell)) as MatrixIndex;
}

export interface Placeable {
  id: string;
  likelihood: number | null;
  impact: number | null;
}

export interface MatrixCell {
  likelihood: MatrixIndex;
  impact: MatrixIndex;
  /** Ids in the order the models were given, so a ranked list stays ranked in each cell. */
  ids: string[];
}

export interface MatrixPlacement {
  /** All 25 cells, likelihood 1..5 and within it impact 1..5, empty ones included. */
  cells: MatrixCell[];
  /** Models missing a likelihood or an impact: they have no place on the matrix. */
  unplaced: string[];
}

export function placeOnMatrix(models: readonly Placeable[]): MatrixPlacement {
  const cells = INDICES.flatMap((likelihood) => INDICES.map((impact): MatrixCell => ({ likelihood, impact, ids: [] })));
  const unplaced: string[] = [];
  for (const m of models) {
    if (m.likelihood === null || m.impact === null) {
      unplaced.push(m.id);
      continue;
    }
    cells[(matrixIndex(m.likelihood) - 1) * 5 + (matrixIndex(m.impact) - 1)]?.ids.push(m.id);
  }
  return { cells, unplaced };
}

/** How many models sit in a cell. */
export function cellCount(placement: MatrixPlacement, likelihood: MatrixIndex, impact: MatrixIndex): number {
  return placement.cells[(likelihood - 1) * 5 + (impact - 1)]?.ids.length ?? 0;
}
