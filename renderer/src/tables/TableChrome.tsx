import type { LegacyCell, LegacyTable } from '@tanstack/react-table/legacy';
import { flexRender } from '@tanstack/react-table';
import type { RowData } from '@tanstack/react-table';

/**
 * The chrome the inventory and every register share, written once: the menu of visible
 * columns, the sortable header row and a row's cells (numbers right-aligned by the column's
 * `meta.num`). Each table keeps what is its own: the inventory draws only the rows in view.
 */

const isNum = (column: { columnDef: { meta?: unknown } }) => (column.columnDef.meta as { num?: boolean } | undefined)?.num === true;

export function ColumnsMenu<T extends RowData>({ table }: { table: LegacyTable<T> }) {
  return (
    <details className="columns-menu">
      <summary>Columns</summary>
      <fieldset>
        <legend className="visually-hidden">Visible columns</legend>
        {table.getAllLeafColumns().map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} /> {String(c.columnDef.header)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

/** The header row: a sortable column's name is a button that cycles its order, announced by aria-sort. */
export function SortableHead<T extends RowData>({ table }: { table: LegacyTable<T> }) {
  return (
    <thead>
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id}>
          {group.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            const sortable = header.column.getCanSort();
            return (
              <th
                key={header.id}
                scope="col"
                className={isNum(header.column) ? 'num' : undefined}
                aria-sort={!sortable ? undefined : sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
              >
                {sortable ? (
                  <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                  </button>
                ) : (
                  flexRender(header.column.columnDef.header, header.getContext())
                )}
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}

export function RowCells<T extends RowData>({ cells }: { cells: LegacyCell<T, unknown>[] }) {
  return (
    <>
      {cells.map((cell) => (
        <td key={cell.id} className={isNum(cell.column) ? 'num' : undefined}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </>
  );
}
