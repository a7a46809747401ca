import type { HeatmapRow } from '../../../shared/contract/calls';
import type { Dimension } from '../../../shared/domain/taxonomy';
import { riskSwatch, type PaletteName } from '../../../shared/scoring/colourScale';
import { coverageWords, tierWord } from '../../../shared/scoring/tier';
import { cellLabel, cellValue } from '../heatmap/cells';

/**
 * One model's row of the heatmap: a cell per dimension and the heat, coloured by the
 * shared scale, each with its value and its dimension's name (never colour alone). The
 * chair's screen and the presenter draw the same row the map has.
 */
export function HeatRow({ row, dimensions, palette, large = false }: { row: HeatmapRow; dimensions: readonly Dimension[]; palette: PaletteName; large?: boolean }) {
  const columns = [...dimensions.map((d) => d.label), 'Heat'];
  // One line, however many dimensions the cycle's taxonomy has: a wrapped row would not read as the map's row.
  const oneLine = { gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` };
  return (
    <>
    <ol
      className={`heat-row${large ? ' heat-row-large' : ''}`}
      aria-label={`Heatmap row of ${row.model.name}`}
      style={oneLine}
    >
      {columns.map((label, column) => {
        const value = cellValue(row, dimensions, column);
        const swatch = riskSwatch(value, palette);
        const isHeat = column === dimensions.length;
        return (
          <li key={label} className={`heat-cell${isHeat ? ' heat-cell-heat' : ''}`} aria-label={cellLabel(row, dimensions, column)}>
            <span
              className={`heat-fill${value === null ? ' heat-unscored' : ''}`}
              style={value === null ? undefined : { background: swatch.fill, color: swatch.text }}
              data-fill={swatch.fill}
              aria-hidden="true"
            >
              {value === null ? '–' : isHeat ? value.toFixed(2) : value}
            </span>
            <span className="heat-label" aria-hidden="true">
              {label}
            </span>
          </li>
        );
      })}
    </ol>
    <p className="heat-coverage">
      {tierWord(row.tier)} · {coverageWords(row.coverage)}
      {row.floor ? ` · ${row.floor}` : ''}
    </p>
    </>
  );
}
