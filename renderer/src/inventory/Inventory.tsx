import { memo, useMemo, useState, type UIEvent } from 'react';
import { getCoreRowModel, getFilteredRowModel, getSortedRowModel, useLegacyTable, type LegacyCell, type LegacyRow, type LegacyTable } from '@tanstack/react-table/legacy';
import type { InventoryRow } from '../../../shared/contract/calls';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { downloadText, toCsv } from '../format/csv';
import { ModelDrawer } from '../models/ModelDrawer';
import { inventoryColumns } from './columns';
import { NoMatches } from '../filters/NoMatches';
import { keep, ModelFilters, NO_FILTERS, type Filterable } from '../filters/ModelFilters';
import { readFilters, withFilters, type Route } from '../routes/route';
import { plural } from '../../../shared/text/plural';
import { Icon } from '../frame/icons';
import { useFileSaved } from '../frame/useFileSaved';
import { usePalette } from '../heatmap/usePalette';
import { ColumnsMenu, RowCells, SortableHead } from '../tables/TableChrome';

const ROW_HEIGHT = 36;
const OVERSCAN = 10;

/** An inventory row as the shared filters see it. */
const filterable = (r: InventoryRow): Filterable => ({ ...r.model, context: r.model.deployment.context, tier: r.tier });

/** The inventory's filters as its address holds them: the five shared ones and the search (`q`). */
const NO_INVENTORY_FILTERS = { ...NO_FILTERS, q: '' };

interface TableProps {
  rows: InventoryRow[];
  dimensions: number;
  cycleName: string;
  /** `#/inventory` with its filters, or `#/models/<id>` for the same list with that model's drawer open. */
  route: Route;
  onRoute(to: Route): void;
  onModel(to: Route): void;
}

/**
 * The inventory table. Only the rows in view (plus a margin) are in the DOM, so 5,000
 * models scroll as smoothly as fifty; sorting and filtering run over all of them.
 */
function ModelTable({ rows: all, dimensions, cycleName, route, onRoute, onModel }: TableProps) {
  const query = route.query;
  const open = route.place === 'models' ? all.find((r) => r.model.id === route.modelId) : undefined;
  const [palette] = usePalette();
  const columns = useMemo(() => inventoryColumns((r) => onModel({ place: 'models', modelId: r.model.id, query }), dimensions, palette), [dimensions, onModel, query, palette]);
  const { q: search, ...filters } = useMemo(() => readFilters(query, NO_INVENTORY_FILTERS), [query]);
  const refine = (next: typeof NO_INVENTORY_FILTERS) => onRoute({ ...route, query: withFilters(query, next, NO_INVENTORY_FILTERS) });
  const setSearch = (q: string) => refine({ ...filters, q });
  const [sorting, setSorting] = useState<{ id: string; desc: boolean }[]>([]);
  const fileSaved = useFileSaved();
  const [visibility, setVisibility] = useState<Record<string, boolean>>(() => Object.fromEntries(columns.filter((c) => c.hidden).map((c) => [c.def.id as string, false])));

  const data = useMemo(() => all.filter((r) => keep(filterable(r), filters)), [all, filters]);
  const table = useLegacyTable({
    data,
    columns: columns.map((c) => c.def),
    state: { globalFilter: search, sorting, columnVisibility: visibility },
    onGlobalFilterChange: setSearch,
    onSortingChange: setSorting,
    onColumnVisibilityChange: setVisibility,
    // A row is its model, not its place in the list: a refresh that reorders the rows keeps the focus on the model it was on.
    getRowId: (r) => r.model.id,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const rows = table.getRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns();

  const models = useMemo(() => all.map(filterable), [all]);

  const exportCsv = () => {
    const shown = columns.filter((c) => visibleColumns.some((v) => v.id === c.def.id));
    const csv = toCsv(
      shown.map((c) => String(c.def.header)),
      rows.map((r) => shown.map((c) => c.csv(r.original))),
    );
    const name = `${cycleName.replace(/[^\w.-]+/g, '-')}-inventory.csv`;
    downloadText(name, csv);
    fileSaved(name);
  };

  return (
    <>
      {route.place === 'models' && !open && (
        <p className="notice" role="status">
          No model {route.modelId} is in this cycle; here is the inventory.
        </p>
      )}
      <div className="toolbar wrap">
        <label className="search">
          <span className="visually-hidden">Search models</span>
          <input type="search" placeholder="Search models" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <ModelFilters models={models} filters={filters} onChange={(f) => refine({ ...f, q: search })} />
        <ColumnsMenu table={table} />
        <button type="button" onClick={exportCsv}>
          <Icon name="download" />
          Export CSV
        </button>
        <span className="muted" role="status">
          {rows.length} of {plural(all.length, 'model')}
        </span>
      </div>
      {rows.length === 0 ? (
        <NoMatches total={all.length} noun="model" onClear={() => refine(NO_INVENTORY_FILTERS)} />
      ) : (
        <RowsInView table={table} rows={rows} />
      )}
      {open && <ModelDrawer model={open.model} onClose={() => onModel({ place: 'inventory', query })} />}
    </>
  );
}

/**
 * The scrolled part of the table: only it follows the scroll position, so a scroll re-renders
 * the rows in view and not the toolbar and filters above them, and a row still in view after
 * a scroll is not rendered again (its cells are the table's same array while the columns stay).
 */
function RowsInView({ table, rows }: { table: LegacyTable<InventoryRow>; rows: LegacyRow<InventoryRow>[] }) {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    setScrollTop(e.currentTarget.scrollTop);
    setViewport(e.currentTarget.clientHeight);
  };
  return (
    <div className="table-scroll" onScroll={onScroll}>
      <table className="data" aria-rowcount={rows.length + 1}>
        <SortableHead table={table} />
        <tbody>
          {first > 0 && <tr className="spacer" style={{ height: first * ROW_HEIGHT }} aria-hidden="true" />}
          {rows.slice(first, last).map((row, i) => (
            <RowInView key={row.id} cells={row.getVisibleCells()} index={first + i + 2} />
          ))}
          {last < rows.length && <tr className="spacer" style={{ height: (rows.length - last) * ROW_HEIGHT }} aria-hidden="true" />}
        </tbody>
      </table>
    </div>
  );
}

const RowInView = memo(function RowInView({ cells, index }: { cells: LegacyCell<InventoryRow, unknown>[]; index: number }) {
  return (
    <tr style={{ height: ROW_HEIGHT }} aria-rowindex={index}>
      <RowCells cells={cells} />
    </tr>
  );
});

/** Every model of the cycle with its risk and evidence; models arrive with evaluation bundles. */
export function Inventory({ cycleName, route, onRoute, onModel }: Pick<TableProps, 'cycleName' | 'route' | 'onRoute' | 'onModel'>) {
  const inventory = useCall('models.inventory', {});
  const taxonomy = useCall('taxonomy.get', {});
  return (
    <div>
      <header className="place-header">
        <h1>Inventory</h1>
      </header>
      <Loaded state={inventory} what="the models">
        {(list) =>
          list.length === 0 ? (
            <section className="card empty-state">
              <h2>No models yet</h2>
              <p>Models are added when evaluation bundles are imported; each bundle names its model, owner and deployment.</p>
            </section>
          ) : (
            <ModelTable rows={list} dimensions={taxonomy.value?.dimensions.length ?? 0} cycleName={cycleName} route={route} onRoute={onRoute} onModel={onModel} />
          )
        }
      </Loaded>
    </div>
  );
}
