import { useState } from 'react';
import type { Dimension } from '../../../shared/domain/taxonomy';
import { riskSwatch } from '../../../shared/scoring/colourScale';
import { coverageWords, tierWord } from '../../../shared/scoring/tier';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { ScoreDrawer } from '../heatmap/ScoreDrawer';
import { usePalette } from '../heatmap/usePalette';

/** A model's scores on the model page, each with the way to the same scoring drawer the heatmap opens. */
export function ModelScores({ modelId }: { modelId: string }) {
  const rows = useCall('heatmap.rows', { modelIds: [modelId] });
  const prior = useCall('scores.prior', { modelId });
  const priorCycle = prior.value?.[0]?.cycleName;
  const taxonomy = useCall('taxonomy.get', {});
  const [palette] = usePalette();
  const [open, setOpen] = useState<Dimension | null>(null);
  return (
    <Loaded state={rows} what="the scores">
      {({ rows: [row] }) =>
        !row || !taxonomy.value ? null : (
          <>
            <p>
              Heat {row.heat === null ? 'not scored' : row.heat.toFixed(2)} · {tierWord(row.tier)} · {coverageWords(row.coverage)}
              {row.floor ? ` · ${row.floor}` : ''}
            </p>
            <table className="data compact" aria-label="Risk scores">
              <thead>
                <tr>
                  <th scope="col">Dimension</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  {priorCycle && (
                    <th scope="col" className="num">
                      Last cycle ({priorCycle})
                    </th>
                  )}
                  <th scope="col">Source</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {taxonomy.value.dimensions.map((d) => {
                  const s = row.scores[d.key];
                  const sw = riskSwatch(s ? s.value : null, palette);
                  const was = prior.value?.find((p) => p.dimension === d.key);
                  return (
                    <tr key={d.key}>
                      <td>{d.label}</td>
                      <td className="num">
                        <span className="score-chip" style={s ? { background: sw.fill, color: sw.text } : undefined}>
                          {s ? s.value : '—'}
                        </span>
                      </td>
                      {priorCycle && (
                        <td className="num prior" title="The predecessor cycle's score, for comparison; not a current score">
                          {was ? was.value : '—'}
                        </td>
                      )}
                      <td className="muted small">{s ? (s.source === 'rule' ? `rule ${s.evidence?.rule ?? ''}` : s.rationale || 'analyst') : 'not scored'}</td>
                      <td>
                        <button type="button" className="link" onClick={() => setOpen(d)}>
                          Score…
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {open && <ScoreDrawer row={row} dimension={open} palette={palette} onClose={() => setOpen(null)} />}
          </>
        )
      }
    </Loaded>
  );
}
