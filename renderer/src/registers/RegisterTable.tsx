import { useMemo, useState, type ReactNode } from 'react';
import { getCoreRowModel, getSortedRowModel, useLegacyTable, type LegacyColumnDef } from '@tanstack/react-table/legacy';
import { downloadText, toCsv } from '../format/csv';
import type { FilterOption } from '../filters/FilterSelect';
import { Icon } from '../frame/icons';
import { useFileSaved } from '../frame/useFileSaved';
import { ColumnsMenu, RowCells, SortableHead } from '../tables/TableChrome';

export interface RegisterColumn<T extends Record<string, unknown>> {
  def: LegacyColumnDef<T>;
  /** The column in the CSV export: the same value the cell shows, dates in ISO form; none for a column of buttons. */
  csv?(row: T): string | number | null;
  hidden?: boolean;
}

export const distinct = (values: Iterable<string>): FilterOption[] =>
  [...new Set(values)].filter((v) => v !== '').sort((a, b) => a.localeCompare(b)).map((v) => ({ value: v, label: v }));

interface Props<T extends Record<string, unknown>> {
  label: string;
  rows: T[];
  total: number;
  noun: string;
  columns: readonly RegisterColumn<T>[];
  filters: ReactNode;
  csvName: string;
  rowKey(row: T): string;
  rowClass?(row: T): string | undefined;
}

/**
 * A register as a tanstack table, like the inventory: the API's order (most urgent
 * first) until a header is clicked, columns to show or hide, and the rows in view exported
 * as CSV. Registers stay in the hundreds, so every row is in the DOM.
 */
export function RegisterTable<T extends Record<string, unknown>>({ label, rows, total, noun, columns, filters, csvName, rowKey, rowClass }: Props<T>) {
  const [sorting, setSorting] = useState<{ id: string; desc: boolean }[]>([]);
  const fileSaved = useFileSaved();
  const [visibility, setVisibility] = useState<Record<string, boolean>>(() => Object.fromEntries(columns.filter((c) => c.hidden).map((c) => [c.def.id as string, false])));
  const defs = useMemo(() => columns.map((c) => c.def), [columns]);
  const table = useLegacyTable({
    data: rows,
    columns: defs,
    state: { sorting, columnVisibility: visibility },
    onSortingChange: setSorting,
    onColumnVisibilityChange: setVisibility,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: rowKey,
  });
  const shownRows = table.getRowModel().rows;
  const visible = table.getVisibleLeafColumns();

  const exportCsv = () => {
    const shown = columns.flatMap((c) => (c.csv && visible.some((v) => v.id === c.def.id) ? [{ header: String(c.def.header), value: c.csv }] : []));
    downloadText(
      csvName,
      toCsv(
        shown.map((c) => c.header),
        shownRows.map((r) => shown.map((c) => c.value(r.original))),
      ),
    );
    fileSaved(csvName);
  };

  return (
    <>
      <div className="toolbar wrap">
        {filters}
        <ColumnsMenu table={table} />
        <button type="button" onClick={exportCsv}>
          <Icon name="download" />
          Export CSV
        </button>
        <span className="muted" role="status">
          {shownRows.length} of {total} {noun}
        </span>
      </div>
      <div className="register-scroll">
        <table className="data register" aria-label={label}>
          <SortableHead table={table} />
          <tbody>
            {shownRows.length === 0 ? (
              <tr>
                <td colSpan={visible.length} className="muted">
                  No {noun} match these filters.
                </td>
              </tr>
            ) : (
              shownRows.map((row) => (
                <tr key={row.id} className={rowClass?.(row.original)}>
                  <RowCells cells={row.getVisibleCells()} />
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
