import { useMemo, useState } from 'react';
import { getCoreRowModel, getFilteredRowModel, getSortedRowModel, useLegacyTable, type LegacyColumnDef } from '@tanstack/react-table/legacy';
import { flexRender } from '@tanstack/react-table';
import type { Model } from '../../../shared/domain/model';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { formatMoment } from '../format/dates';
import { ModelDrawer } from '../models/ModelDrawer';

function columnsFor(open: (m: Model) => void): LegacyColumnDef<Model>[] {
  return [
  {
    accessorKey: 'id',
    header: 'Id',
    cell: (c) => (
      <button type="button" className="link" onClick={() => open(c.row.original)}>
        {c.getValue() as string}
      </button>
    ),
  },
  { accessorKey: 'name', header: 'Name' },
  { accessorKey: 'version', header: 'Version' },
  { accessorKey: 'owner', header: 'Owner' },
  { accessorKey: 'team', header: 'Team' },
  { accessorKey: 'productLine', header: 'Product line' },
  { id: 'regions', accessorFn: (m) => m.regions.join(', '), header: 'Regions' },
  {
    id: 'deployment',
    accessorFn: (m) => `${m.deployment.context}${m.deployment.regulated ? ', regulated' : ''}`,
    header: 'Deployment',
  },
  {
    accessorKey: 'updatedAt',
    header: 'Updated',
    cell: (c) => {
      const iso = c.getValue() as string;
      return (
        <time dateTime={iso} title={iso}>
          {formatMoment(iso)}
        </time>
      );
    },
  },
  ];
}

function ModelTable({ models }: { models: Model[] }) {
  const [open, setOpen] = useState<Model | null>(null);
  const columns = useMemo(() => columnsFor(setOpen), []);
  const [search, setSearch] = useState('');
  const [sorting, setSorting] = useState<{ id: string; desc: boolean }[]>([]);
  const data = useMemo(() => models, [models]);
  const table = useLegacyTable({
    data,
    columns,
    state: { globalFilter: search, sorting },
    onGlobalFilterChange: setSearch,
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const rows = table.getRowModel().rows;
  return (
    <>
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">Search models</span>
          <input type="search" placeholder="Search models" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <span className="muted">
          {rows.length} of {models.length} models
        </span>
      </div>
      <table className="data">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                    <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {open && <ModelDrawer model={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** Every model of the cycle; models arrive with evaluation bundles. */
export function Inventory() {
  const models = useCall('models.list', {});
  return (
    <div>
      <header className="place-header">
        <h1>Inventory</h1>
      </header>
      <Loaded state={models} what="the models">
        {(list) =>
          list.length === 0 ? (
            <section className="card empty-state">
              <h2>No models yet</h2>
              <p>Models are added when evaluation bundles are imported; each bundle names its model, owner and deployment.</p>
            </section>
          ) : (
            <ModelTable models={list} />
          )
        }
      </Loaded>
    </div>
  );
}
