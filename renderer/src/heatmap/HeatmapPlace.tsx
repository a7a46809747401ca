import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Heatmap, HeatmapRow, Score } from '../../../shared/contract/calls';
import { heatOf } from '../../../shared/scoring/heat';
import { PALETTES, PALETTE_NAMES, type PaletteName } from '../../../shared/scoring/colourScale';
import { rankModels } from '../../../shared/scoring/ranking';
import { assessTier } from '../../../shared/scoring/tier';
import { keep, ModelFilters, NO_FILTERS, type Filterable } from '../filters/ModelFilters';
import { readFilters, withFilters, type Route } from '../routes/route';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import type { CellPosition } from './cells';
import { HeatmapGrid } from './HeatmapGrid';
import { Legend } from './Legend';
import { MatrixView } from './MatrixView';
import { ScoreDrawer } from './ScoreDrawer';
import { TimeControl, type MapMoment } from './TimeControl';
import { NoMatches } from '../filters/NoMatches';
import { usePalette } from './usePalette';
import { plural } from '../../../shared/text/plural';
import { FRAMEWORKS, frameworkName } from '../../../shared/domain/regulatoryMapping';
import { formatMoment } from '../format/dates';
import { clausesOf } from '../../../shared/domain/taxonomy';
import { FilterSelect } from '../filters/FilterSelect';
import { focusAtNextFrame } from '../sessions/dialogFocus';

/** A heatmap row as the shared filters see it. */
const filterable = (r: HeatmapRow): Filterable => ({ ...r.model, tier: r.tier });

/** The map with some rows replaced, re-ranked by the shared rule (heat, impact, id; top quartile). */
function mergeRows(current: readonly HeatmapRow[], fresh: readonly HeatmapRow[]): HeatmapRow[] {
  const byId = new Map(current.map((r) => [r.model.id, r]));
  for (const r of fresh) byId.set(r.model.id, r);
  return rankModels([...byId.values()].map((r) => ({ id: r.model.id, heat: r.heat, impact: r.impact, row: r }))).map(({ model, rank, topQuartile }) =>
    model.row.rank === rank && model.row.topQuartile === topQuartile ? model.row : { ...model.row, rank, topQuartile },
  );
}

/** The rows of the models these scores belong to, with heat, band and tier recomputed. */
function rescored(map: Heatmap, scores: readonly Score[]): HeatmapRow[] {
  const byModel = new Map<string, Score[]>();
  for (const s of scores) byModel.set(s.modelId, [...(byModel.get(s.modelId) ?? []), s]);
  const rows: HeatmapRow[] = [];
  for (const row of map.rows) {
    const fresh = byModel.get(row.model.id);
    if (!fresh) continue;
    const all = { ...row.scores };
    for (const s of fresh) all[s.dimension] = s;
    const heat = heatOf(map.taxonomy.dimensions, all);
    const { tier, coverage, floor } = assessTier(map.taxonomy, heat.heat, all, row.openSevere);
    rows.push({ ...row, scores: all, heat: heat.heat, band: heat.band, likelihood: heat.likelihood, impact: heat.impact, tier, coverage, floor });
  }
  return rows;
}

declare global {
  interface Window {
    /**
     * Live updates as the benchmark reads them, in ms from the score event's arrival: to the
     * cells redrawn (the page's work), and to the start of the frame that shows them.
     */
    __mrbHeatmapUpdates?: { redrawn: number; shown: number }[];
  }
}

/**
 * The analyst's main screen. The map is fetched whole once, then kept current from the
 * change events: a score event fetches only the changed models' rows and the order, so
 * a save anywhere (another window, a browser tab, the CLI through the host) repaints just
 * those cells. With the time control moved back, the map is rebuilt from the audit log
 * as of that moment and is read only.
 */
export function HeatmapPlace({ route, onRoute }: { route: Route; onRoute(to: Route): void }) {
  const { client } = useApi();
  const [map, setMap] = useState<Heatmap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [moment, setMoment] = useState<MapMoment | null>(null);
  const asOf = moment?.at ?? null;
  // The predecessor's name while its map is shown (the time control stepped back past this cycle's start).
  const [previousCycle, setPreviousCycle] = useState<string | null>(null);
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const [palette, setPalette] = usePalette();
  const [showValues, setShowValues] = useState(false);
  // The view and the filters live in the address (`#/matrix?tier=high`), so a link shows the same map.
  const view = route.place === 'matrix' ? 'matrix' : 'heatmap';
  const filters = useMemo(() => readFilters(route.query, NO_FILTERS), [route.query]);
  // The framework filter (issue 13 §6) shows only the dimensions that answer it, kept in the
  // address like the model filters; an unknown framework in a hand-edited link shows them all.
  const framework = FRAMEWORKS.find((f) => f.id === route.query?.framework)?.id ?? '';
  const setView = (next: 'heatmap' | 'matrix') => onRoute({ place: next, query: route.query });
  const [focus, setFocus] = useState<CellPosition | null>(null);
  const [open, setOpen] = useState<CellPosition | null>(null);
  const setFramework = (next: string) => {
    const { framework: _shown, ...rest } = route.query ?? {};
    // Columns move when the filter changes: a focused or open cell would point at another dimension.
    setFocus(null);
    setOpen(null);
    onRoute({ place: view, query: next === '' ? rest : { ...rest, framework: next } });
  };
  const asOfRef = useRef(asOf);
  asOfRef.current = asOf;
  const mapRef = useRef(map);
  mapRef.current = map;
  const pending = useRef<number | null>(null);
  // The newest map asked for: a slider walked quickly asks for several, and they may answer out of order.
  const lastLoad = useRef(0);

  const loadAll = useCallback(
    (at: MapMoment | null) => {
      const load = ++lastLoad.current;
      const fetched: Promise<{ m: Heatmap; cycle: string | null }> = at?.previous
        ? client.call('heatmap.previous', { asOf: at.at }).then(({ cycleName, timeline: _timeline, ...m }) => ({ m, cycle: cycleName }))
        : client.call('heatmap.get', at === null ? {} : { asOf: at.at }).then((m) => ({ m, cycle: null }));
      fetched.then(
        ({ m, cycle }) => {
          if (load !== lastLoad.current) return;
          setMap(m);
          setPreviousCycle(cycle);
          setChanged(new Set());
          setError(null);
          if (at === null) performance.mark('mrb:heatmap:data');
        },
        (err: unknown) => {
          if (load === lastLoad.current) setError(asCallError(err).message);
        },
      );
    },
    [client],
  );

  useEffect(() => loadAll(moment), [loadAll, moment]);

  useEffect(
    () =>
      client.onRefresh((refresh) => {
        if (asOfRef.current !== null) return;
        if (refresh.kind === 'change' && refresh.event.entity === 'score' && refresh.event.scores && mapRef.current) {
          // The event carries the saved scores: the rows are recomputed here, with the same
          // shared functions the service uses, and no round trip stands between the save and the paint.
          const arrived = performance.now();
          const current = mapRef.current;
          const scores = refresh.event.scores;
          if (scores.some((s) => s.taxonomyVersion !== current.taxonomyVersion)) {
            loadAll(null);
            return;
          }
          setMap((m) => (m ? { ...m, rows: mergeRows(m.rows, rescored(m, scores)) } : m));
          setChanged(new Set(scores.map((s) => s.modelId)));
          pending.current = arrived;
        } else if (refresh.kind === 'change' && refresh.event.entity === 'score') {
          const arrived = performance.now();
          const ids = [...new Set(refresh.event.ids.map((id) => id.slice(0, id.lastIndexOf('/'))))];
          void client.call('heatmap.rows', { modelIds: ids }).then(({ taxonomyVersion, rows }) => {
            // Rows computed under another taxonomy than the map's: the whole map is stale.
            if (mapRef.current && mapRef.current.taxonomyVersion !== taxonomyVersion) {
              loadAll(null);
              return;
            }
            setMap((m) => (m ? { ...m, rows: mergeRows(m.rows, rows) } : m));
            setChanged(new Set(ids));
            pending.current = arrived;
          });
        } else if (refresh.kind === 'resync' || ['taxonomy', 'model', 'workspace', 'bundle'].includes(refresh.event.entity)) {
          loadAll(null);
        }
      }),
    [client, loadAll],
  );

  // After a live update is drawn, record how long it took from the event. A layout effect
  // runs after its children's, so the grid has redrawn the cells by now; the frame that
  // shows them begins with the next animation frame.
  useLayoutEffect(() => {
    if (pending.current === null) return;
    const arrived = pending.current;
    pending.current = null;
    const redrawn = performance.now() - arrived;
    requestAnimationFrame(() => {
      (window.__mrbHeatmapUpdates ??= []).push({ redrawn, shown: performance.now() - arrived });
    });
  }, [map]);

  useEffect(() => {
    if (map && map.rows.length > 0 && !performance.getEntriesByName('mrb:heatmap:rendered').length) {
      requestAnimationFrame(() => performance.mark('mrb:heatmap:rendered'));
    }
  }, [map]);

  const rows = useMemo(() => (map ? map.rows.filter((r) => keep(filterable(r), filters)) : []), [map, filters]);
  // Filter choices change only with the models, which a full load brings, not with scores.
  const modelsKey = map ? `${map.rows.length}|${map.taxonomyVersion}|${map.asOf}` : '';
  const models = useMemo(() => (map ? map.rows.map(filterable) : []), [modelsKey]);

  if (error) return <p className="notice-error">{error}</p>;
  if (!map) return <p className="muted">Loading the heatmap…</p>;
  const dims = framework === '' ? map.taxonomy.dimensions : map.taxonomy.dimensions.filter((d) => clausesOf(d).some((r) => r.framework === framework));
  const openRow = open ? map.rows.find((r) => r.model.id === open.modelId) : undefined;
  const openDim = open ? dims[open.column] : undefined;
  return (
    <div className="heatmap-place">
      <header className="place-header">
        <h1>Heatmap</h1>
        <div className="segmented" role="group" aria-label="View">
          <button type="button" aria-pressed={view === 'heatmap'} onClick={() => setView('heatmap')}>
            Heatmap
          </button>
          <button type="button" aria-pressed={view === 'matrix'} onClick={() => setView('matrix')}>
            Matrix
          </button>
        </div>
      </header>
      <div className="toolbar wrap">
        <ModelFilters models={models} filters={filters} onChange={(f) => onRoute({ place: view, query: withFilters(route.query, f, NO_FILTERS) })} />
        {view === 'heatmap' && <FilterSelect label="Framework" value={framework} options={FRAMEWORKS.map((f) => ({ value: f.id, label: f.name }))} onChange={setFramework} />}
        <label className="filter">
          <span className="filter-label" aria-hidden="true">
            Palette
          </span>
          <select aria-label="Palette" value={palette} onChange={(e) => setPalette(e.target.value as PaletteName)}>
            {PALETTE_NAMES.map((p) => (
              <option key={p} value={p}>
                {PALETTES[p].label}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={showValues} onChange={(e) => setShowValues(e.target.checked)} /> Show values
        </label>
        <span className="muted" role="status">
          {rows.length} of {plural(map.rows.length, 'model')}
        </span>
      </div>
      <TimeControl moment={moment} onMoment={setMoment} />
      {asOf !== null && (
        <p className="asof-banner" role="status">
          {previousCycle !== null && <strong>{previousCycle}, the previous cycle, read from its file. </strong>}
          As of <time dateTime={asOf} title={asOf}>{formatMoment(asOf)}</time>, rebuilt from the audit log (taxonomy v{map.taxonomyVersion}) — read only.{' '}
          <button type="button" className="link" onClick={() => setMoment(null)}>
            Back to now
          </button>
        </p>
      )}
      <Legend thresholds={map.taxonomy.thresholds} palette={palette} />
      {framework !== '' && view === 'heatmap' && (
        <p className="muted small" role="status">
          Showing the {plural(dims.length, 'dimension')} of {map.taxonomy.dimensions.length} that answer {frameworkName(framework)}; heat and tier still weigh them all.
        </p>
      )}
      {map.rows.length === 0 ? (
        <section className="card empty-state">
          <h2>No models yet</h2>
          <p>Import an evaluation bundle (Evidence) to add its model; then score it here.</p>
        </section>
      ) : rows.length === 0 ? (
        <NoMatches total={map.rows.length} noun="model" onClear={() => onRoute({ place: view, query: withFilters(route.query, NO_FILTERS, NO_FILTERS) })} />
      ) : view === 'heatmap' ? (
        <HeatmapGrid
          rows={rows}
          dimensions={dims}
          palette={palette}
          showValues={showValues}
          changed={changed}
          focus={focus}
          onFocus={setFocus}
          onOpen={setOpen}
          readOnly={asOf !== null}
        />
      ) : (
        <MatrixView
          rows={rows}
          palette={palette}
          onPick={(modelId) => {
            setView('heatmap');
            setFocus({ modelId, column: 0 });
          }}
        />
      )}
      {open && openRow && openDim && asOf === null && (
        <ScoreDrawer
          key={`${open.modelId}/${open.column}`}
          row={openRow}
          dimension={openDim}
          palette={palette}
          onClose={() => {
            setOpen(null);
            // Back to the map's current cell once it is drawn again, unless the analyst has already opened the next one.
            focusAtNextFrame(() => document.querySelector<SVGGElement>('g.hm-cell[tabindex="0"]'));
          }}
        />
      )}
    </div>
  );
}
