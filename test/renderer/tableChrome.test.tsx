import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RegisterTable, type RegisterColumn } from '../../renderer/src/registers/RegisterTable';
import { fakeClient } from './fakeClient';
import { renderWithApi } from './renderWithApi';

type Row = { id: string; model: string; days: number };

const columns: RegisterColumn<Row>[] = [
  { def: { id: 'model', accessorFn: (r) => r.model, header: 'Model' }, csv: (r) => r.model },
  { def: { id: 'days', accessorFn: (r) => r.days, header: 'Days overdue', meta: { num: true } }, csv: (r) => r.days },
];
const rows: Row[] = [
  { id: 'a', model: 'Credit scorer', days: 3 },
  { id: 'b', model: 'Churn model', days: 12 },
];

/** The chrome the inventory and the registers share (renderer/src/tables/TableChrome). */
describe('a register table', () => {
  it('sorts by a header, says so with aria-sort, right-aligns numbers and hides a column from the Columns menu', async () => {
    const { user } = renderWithApi(<RegisterTable label="Actions" rows={rows} total={2} noun="actions" columns={columns} filters={null} csvName="actions.csv" rowKey={(r) => r.id} />, fakeClient());
    const table = screen.getByRole('table', { name: 'Actions' });
    const days = within(table).getByRole('columnheader', { name: /Days overdue/ });
    expect(days.getAttribute('aria-sort')).toBe('none');
    expect(days.className).toBe('num');

    // A number column sorts largest first on the first click (tanstack's default for numbers).
    await user.click(within(days).getByRole('button'));
    expect(days.getAttribute('aria-sort')).toBe('descending');
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['Churn model12', 'Credit scorer3']);
    await user.click(within(days).getByRole('button'));
    expect(days.getAttribute('aria-sort')).toBe('ascending');
    expect(within(table).getAllByRole('row')[1]?.textContent).toBe('Credit scorer3');

    await user.click(screen.getByText('Columns'));
    await user.click(screen.getByRole('checkbox', { name: 'Days overdue' }));
    expect(within(table).queryByRole('columnheader', { name: /Days overdue/ })).toBeNull();
  });
});
