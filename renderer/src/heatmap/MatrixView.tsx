import { useState } from 'react';
import type { HeatmapRow } from '../../../shared/contract/calls';
import { riskSwatch, type PaletteName } from '../../../shared/scoring/colourScale';
import { placeOnMatrix, type MatrixCell } from '../../../shared/scoring/matrix';

const LEVELS = [5, 4, 3, 2, 1] as const;

/**
 * The 5x5 likelihood x impact matrix: how many models sit in each cell, coloured by the
 * same scale at the cell's mean of likelihood and impact. A cell lists its models.
 */
export function MatrixView({ rows, palette, onPick }: { rows: readonly HeatmapRow[]; palette: PaletteName; onPick(modelId: string): void }) {
  const placement = placeOnMatrix(rows.map((r) => ({ id: r.model.id, likelihood: r.likelihood, impact: r.impact })));
  // The choice is held by position, not by cell object: the placement is rebuilt on every
  // render, and a live score must update the chosen cell's list and keep its outline.
  const [at, setAt] = useState<{ l: number; i: number } | null>(null);
  const names = new Map(rows.map((r) => [r.model.id, r]));
  const cell = (l: number, i: number) => placement.cells[(l - 1) * 5 + (i - 1)] as MatrixCell;
  const chosen = at ? cell(at.l, at.i) : null;
  return (
    <div className="matrix-view">
      <table className="matrix" aria-label="Likelihood by impact: models per cell">
        <caption className="visually-hidden">Rows: likelihood 5 to 1. Columns: impact 1 to 5.</caption>
        <tbody>
          {LEVELS.map((l) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              {[1, 2, 3, 4, 5].map((i) => {
                const c = cell(l, i);
                const s = riskSwatch((l + i) / 2, palette);
                return (
                  <td key={i}>
                    <button
                      type="button"
                      className="matrix-cell"
                      style={{ background: s.fill, color: s.text }}
                      aria-pressed={chosen === c}
                      aria-label={`Likelihood ${l}, impact ${i}: ${c.ids.length} model${c.ids.length === 1 ? '' : 's'}`}
                      onClick={() => setAt({ l, i })}
                    >
                      {c.ids.length || ''}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <th scope="row" className="matrix-corner" aria-hidden="true">
              ↑ likelihood
            </th>
            {[1, 2, 3, 4, 5].map((i) => (
              <th key={i} scope="col">
                {i}
              </th>
            ))}
          </tr>
          <tr>
            <td />
            <th colSpan={5} scope="colgroup" className="matrix-axis">
              impact →
            </th>
          </tr>
        </tbody>
      </table>
      <div className="matrix-list">
        {chosen ? (
          <>
            <h2>
              Likelihood {chosen.likelihood}, impact {chosen.impact}: {chosen.ids.length} model{chosen.ids.length === 1 ? '' : 's'}
            </h2>
            <ul>
              {chosen.ids.map((id) => (
                <li key={id}>
                  <button type="button" className="link" onClick={() => onPick(id)}>
                    {names.get(id)?.model.name ?? id}
                  </button>{' '}
                  <span className="muted">heat {names.get(id)?.heat?.toFixed(2) ?? '—'}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">Choose a cell to list its models.</p>
        )}
        {placement.unplaced.length > 0 && (
          <p className="muted">
            {placement.unplaced.length} model{placement.unplaced.length === 1 ? ' has' : 's have'} no place yet: a likelihood and an impact dimension must both be scored.
          </p>
        )}
      </div>
    </div>
  );
}
