import { useMemo } from 'react';
import type { AcceptanceRow } from '../../../shared/sessions/session';
import { formatDay } from '../format/dates';
import { HistoryLink } from '../audit/historyLink';
import { distinct, RegisterTable, type RegisterColumn } from './RegisterTable';
import { FilterSelect } from '../filters/FilterSelect';
import type { AcceptanceFilters } from './registerQuery';

const STATE_ORDER = { expired: 0, expiring: 1, active: 2 } as const;
const STATE_WORDS = { expired: 'Expired', expiring: 'Expiring', active: 'Active' } as const;

function StateCell({ row }: { row: AcceptanceRow }) {
  const days = Math.abs(row.daysLeft);
  const when = row.state === 'expired' ? `${days} day${days === 1 ? '' : 's'} ago` : row.daysLeft === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
  return (
    <span className={`acceptance-state acceptance-${row.state}`}>
      {STATE_WORDS[row.state]}
      {row.state !== 'active' && <span className="small"> {when}</span>}
      {row.superseded && <span className="block muted small">Superseded by a later decision</span>}
    </span>
  );
}

const COLUMNS: RegisterColumn<AcceptanceRow>[] = [
  { def: { id: 'state', accessorFn: (r) => STATE_ORDER[r.state], header: 'State', cell: (c) => <StateCell row={c.row.original} /> }, csv: (r) => r.state },
  {
    def: {
      id: 'expiry',
      accessorFn: (r) => r.expiry,
      header: 'Expires',
      cell: (c) => (
        <time dateTime={c.row.original.expiry} title={c.row.original.expiry}>
          {formatDay(c.row.original.expiry)}
        </time>
      ),
    },
    csv: (r) => r.expiry,
  },
  { def: { id: 'daysLeft', accessorFn: (r) => r.daysLeft, header: 'Days left', meta: { num: true } }, csv: (r) => r.daysLeft, hidden: true },
  { def: { id: 'model', accessorFn: (r) => r.modelName, header: 'Model' }, csv: (r) => r.modelName },
  {
    def: {
      id: 'risk',
      accessorFn: (r) => r.risk,
      header: 'Risk accepted',
      cell: (c) => (
        <>
          {c.row.original.risk}
          {c.row.original.bornIn && <span className="block muted small">Carried from {c.row.original.bornIn.cycleName}</span>}
        </>
      ),
    },
    csv: (r) => r.risk,
  },
  { def: { id: 'approver', accessorFn: (r) => r.approver, header: 'Approver' }, csv: (r) => r.approver },
  { def: { id: 'controls', accessorFn: (r) => r.compensatingControls, header: 'Compensating controls' }, csv: (r) => r.compensatingControls },
  {
    def: {
      id: 'session',
      accessorFn: (r) => r.sessionNumber,
      header: 'Session',
      cell: (c) => (
        <span title={c.row.original.sessionDate}>
          {c.row.original.sessionNumber} · {formatDay(c.row.original.sessionDate)}
        </span>
      ),
    },
    csv: (r) => `${r.sessionNumber} ${r.sessionDate}`,
  },
  { def: { id: 'superseded', accessorFn: (r) => (r.superseded ? 'yes' : 'no'), header: 'Superseded' }, csv: (r) => (r.superseded ? 'yes' : 'no'), hidden: true },
  {
    def: {
      id: 'history',
      header: 'History',
      enableSorting: false,
      // The acceptance is part of its decision's record, so its history is the decision's.
      cell: (c) => <HistoryLink target={{ entity: 'decision', entityId: c.row.original.decisionId, label: `the acceptance of ${c.row.original.risk} (${c.row.original.modelName})` }} />,
    },
  },
];

const WITHIN = [30, 60, 90].map((d) => ({ value: String(d), label: `Expiring within ${d} days` }));

/** Every risk acceptance of the decisions in force: expired first, then those expiring within 30 days. */
export function AcceptanceRegister({ rows, cycleName, filters, onFilters }: { rows: AcceptanceRow[]; cycleName: string; filters: AcceptanceFilters; onFilters(f: AcceptanceFilters): void }) {
  const superseded = filters.superseded !== 'hide';
  const shown = useMemo(
    () =>
      rows.filter(
        (r) =>
          (filters.state === '' || r.state === filters.state) &&
          (filters.approver === '' || r.approver === filters.approver) &&
          (filters.model === '' || r.modelName === filters.model) &&
          (filters.within === '' || (!r.superseded && r.daysLeft >= 0 && r.daysLeft <= Number(filters.within))) &&
          (superseded || !r.superseded),
      ),
    [rows, filters, superseded],
  );
  const set = (key: keyof AcceptanceFilters) => (value: string) => onFilters({ ...filters, [key]: value });

  return (
    <RegisterTable
      label="Acceptance register"
      rows={shown}
      total={rows.length}
      noun="acceptances"
      columns={COLUMNS}
      csvName={`${cycleName.replace(/[^\w.-]+/g, '-')}-acceptance-register.csv`}
      rowKey={(r) => r.id}
      rowClass={(r) => (r.superseded ? 'row-done' : r.state === 'expired' ? 'row-overdue' : undefined)}
      filters={
        <>
          <FilterSelect
            label="State"
            value={filters.state}
            options={(['expired', 'expiring', 'active'] as const).map((s) => ({ value: s, label: STATE_WORDS[s] }))}
            onChange={set('state')}
          />
          <FilterSelect label="Approver" value={filters.approver} options={distinct(rows.map((r) => r.approver))} onChange={set('approver')} />
          <FilterSelect label="Model" value={filters.model} options={distinct(rows.map((r) => r.modelName))} onChange={set('model')} />
          <FilterSelect label="Expiry" value={filters.within} options={WITHIN} onChange={set('within')} />
          <label className="check">
            <input type="checkbox" checked={superseded} onChange={(e) => onFilters({ ...filters, superseded: e.target.checked ? 'show' : 'hide' })} /> Show superseded
          </label>
        </>
      }
    />
  );
}
