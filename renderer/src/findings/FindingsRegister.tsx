import { useMemo, useState } from 'react';
import type { RegisterFinding } from '../../../shared/cycles/findings';
import { formatDay } from '../format/dates';
import { distinct, RegisterTable, type RegisterColumn } from '../registers/RegisterTable';
import { FilterSelect } from '../filters/FilterSelect';
import { FindingChange, type ChangeMode } from './FindingChange';
import { AGE_BANDS, isOpen, keepFinding, type FindingFilters } from './findingFilters';
import { daysText, SEVERITIES, SEVERITY_WORDS, STATUSES, STATUS_WORDS, TYPES, TYPE_WORDS } from './findingWords';

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;

function StatusCell({ row }: { row: RegisterFinding }) {
  return (
    <span className={`finding-status finding-${row.status}${row.overdue ? ' finding-overdue' : ''}`}>
      {STATUS_WORDS[row.status]}
      {row.overdue && <span className="small"> · overdue</span>}
      {row.statusNote && <span className="block muted small">{row.statusNote}</span>}
    </span>
  );
}

function FollowUp({ row, onChange }: { row: RegisterFinding; onChange(row: RegisterFinding, mode: ChangeMode): void }) {
  if (!isOpen(row)) {
    return (
      <button type="button" className="quiet" onClick={() => onChange(row, 'reopen')} aria-label={`Reopen: ${row.title}`}>
        Reopen…
      </button>
    );
  }
  return (
    <span className="finding-actions">
      <button type="button" className="quiet" onClick={() => onChange(row, 'assign')} aria-label={`Assign: ${row.title}`}>
        Assign…
      </button>
      {row.status === 'open' && (
        <button type="button" className="quiet" onClick={() => onChange(row, 'remediate')} aria-label={`Start remediation: ${row.title}`}>
          Remediate…
        </button>
      )}
      <button type="button" className="quiet" onClick={() => onChange(row, 'close')} aria-label={`Close with evidence: ${row.title}`}>
        Close…
      </button>
      <button type="button" className="quiet" onClick={() => onChange(row, 'cover')} aria-label={`Link an acceptance: ${row.title}`}>
        Accept…
      </button>
    </span>
  );
}

function columns(onChange: (row: RegisterFinding, mode: ChangeMode) => void, cycleId: string): RegisterColumn<RegisterFinding>[] {
  return [
    {
      def: {
        id: 'severity',
        accessorFn: (r) => SEVERITY_ORDER[r.severity],
        header: 'Severity',
        cell: (c) => <span className={`severity severity-${c.row.original.severity}`}>{SEVERITY_WORDS[c.row.original.severity]}</span>,
      },
      csv: (r) => r.severity,
    },
    { def: { id: 'status', accessorFn: (r) => STATUSES.indexOf(r.status), header: 'Status', cell: (c) => <StatusCell row={c.row.original} /> }, csv: (r) => r.status },
    { def: { id: 'model', accessorFn: (r) => r.modelName, header: 'Model' }, csv: (r) => r.modelName },
    {
      def: {
        id: 'title',
        accessorFn: (r) => r.title,
        header: 'Finding',
        cell: (c) => (
          <>
            <span className="finding-title">{c.row.original.title}</span>
            <span className="block muted small">
              {TYPE_WORDS[c.row.original.type]} · {c.row.original.category}
              {c.row.original.bornCycleId !== cycleId && <> · carried from {c.row.original.bornCycleName}</>}
            </span>
          </>
        ),
      },
      csv: (r) => r.title,
    },
    { def: { id: 'type', accessorFn: (r) => TYPE_WORDS[r.type], header: 'Type' }, csv: (r) => r.type, hidden: true },
    { def: { id: 'category', accessorFn: (r) => r.category, header: 'Category' }, csv: (r) => r.category, hidden: true },
    { def: { id: 'owner', accessorFn: (r) => r.owner || 'Unassigned', header: 'Owner' }, csv: (r) => r.owner },
    {
      def: {
        id: 'due',
        accessorFn: (r) => r.due ?? '9999',
        header: 'Due',
        cell: (c) =>
          c.row.original.due ? (
            <time dateTime={c.row.original.due} title={c.row.original.due}>
              {formatDay(c.row.original.due)}
            </time>
          ) : (
            <span className="muted">—</span>
          ),
      },
      csv: (r) => r.due,
    },
    {
      def: {
        id: 'opened',
        accessorFn: (r) => r.openedOn,
        header: 'Opened',
        cell: (c) => (
          <time dateTime={c.row.original.openedOn} title={c.row.original.openedOn}>
            {formatDay(c.row.original.openedOn)}
          </time>
        ),
      },
      csv: (r) => r.openedOn,
    },
    { def: { id: 'age', accessorFn: (r) => r.ageDays, header: 'Age (days)', meta: { num: true } }, csv: (r) => r.ageDays },
    { def: { id: 'closed', accessorFn: (r) => r.closedOn ?? '', header: 'Closed' }, csv: (r) => r.closedOn, hidden: true },
    { def: { id: 'born', accessorFn: (r) => r.bornCycleName, header: 'Born in cycle' }, csv: (r) => r.bornCycleName, hidden: true },
    { def: { id: 'raisedBy', accessorFn: (r) => r.raisedBy, header: 'Raised by' }, csv: (r) => r.raisedBy, hidden: true },
    { def: { id: 'followUp', header: 'Follow-up', enableSorting: false, cell: (c) => <FollowUp row={c.row.original} onChange={onChange} /> } },
  ];
}

/**
 * Every finding of the cycle, carried ones included: severity first, the oldest open ones
 * easy to find by their age, each with its follow-up (assign, remediate, close with
 * evidence, cover by a risk acceptance).
 */
export function FindingsRegister({ rows, cycleId, cycleName, filters, onFilters }: { rows: RegisterFinding[]; cycleId: string; cycleName: string; filters: FindingFilters; onFilters(f: FindingFilters): void }) {
  const [changing, setChanging] = useState<{ row: RegisterFinding; mode: ChangeMode } | null>(null);
  const cols = useMemo(() => columns((row, mode) => setChanging({ row, mode }), cycleId), [cycleId]);
  const shown = useMemo(() => rows.filter((r) => keepFinding(r, filters)), [rows, filters]);
  const set = (key: keyof FindingFilters) => (value: string) => onFilters({ ...filters, [key]: value });
  const current = changing ? (rows.find((r) => r.id === changing.row.id) ?? changing.row) : null;

  return (
    <>
      {changing && current && <FindingChange row={current} mode={changing.mode} onDone={() => setChanging(null)} />}
      <RegisterTable
        label="Findings register"
        rows={shown}
        total={rows.length}
        noun="findings"
        columns={cols}
        csvName={`${cycleName.replace(/[^\w.-]+/g, '-')}-findings-register.csv`}
        rowKey={(r) => r.id}
        rowClass={(r) => (r.overdue ? 'row-overdue' : isOpen(r) ? undefined : 'row-done')}
        filters={
          <>
            <FilterSelect
              label="Show"
              value={filters.scope}
              options={[
                { value: 'open', label: 'Open only' },
                { value: 'overdue', label: 'Overdue only' },
              ]}
              onChange={set('scope')}
            />
            <FilterSelect label="Severity" value={filters.severity} options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_WORDS[s] }))} onChange={set('severity')} />
            <FilterSelect label="Status" value={filters.status} options={STATUSES.map((s) => ({ value: s, label: STATUS_WORDS[s] }))} onChange={set('status')} />
            <FilterSelect label="Type" value={filters.type} options={TYPES.map((t) => ({ value: t, label: TYPE_WORDS[t] }))} onChange={set('type')} />
            <FilterSelect label="Model" value={filters.model} options={distinct(rows.map((r) => r.modelName))} onChange={set('model')} />
            <FilterSelect label="Owner" value={filters.owner} options={distinct(rows.map((r) => r.owner || 'Unassigned'))} onChange={set('owner')} />
            <FilterSelect label="Age" value={filters.age} options={AGE_BANDS.map((b) => ({ value: b.value, label: b.label }))} onChange={set('age')} />
          </>
        }
      />
      <p className="muted small">
        Age counts days from the day a finding was opened (in the cycle where it was born) to its closing, or to today while it is open. {shown.filter(isOpen).length > 0 && `Oldest open in view: ${daysText(Math.max(...shown.filter(isOpen).map((r) => r.ageDays)))}.`}
      </p>
    </>
  );
}
