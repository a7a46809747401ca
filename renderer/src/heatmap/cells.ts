import type { HeatmapRow } from '../../../shared/contract/calls';
import type { Dimension } from '../../../shared/domain/taxonomy';
import { coverageWords, tierWord } from '../../../shared/scoring/tier';

/** A cell of the heatmap: a model and a column (a dimension's index, or the heat after the last). */
export interface CellPosition {
  modelId: string;
  column: number;
}

export function cellValue(row: HeatmapRow, dimensions: readonly Dimension[], column: number): number | null {
  const dim = dimensions[column];
  if (!dim) return row.heat;
  return row.scores[dim.key]?.value ?? null;
}

/** What a screen reader says on the cell, e.g. "Credit scorer, Fairness & bias: 4, high". */
export function cellLabel(row: HeatmapRow, dimensions: readonly Dimension[], column: number): string {
  const dim = dimensions[column];
  if (!dim) {
    return `${row.model.name}, heat: ${row.heat === null ? 'not scored' : row.heat.toFixed(2)}, ${tierWord(row.tier).toLowerCase()}, ${coverageWords(row.coverage)}${row.floor ? `; ${row.floor}` : ''}`;
  }
  const s = row.scores[dim.key];
  return `${row.model.name}, ${dim.label}: ${s ? `${s.value}, ${tierWord(row.tier).toLowerCase()}` : 'not scored'}`;
}
