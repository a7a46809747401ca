import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ActionRow } from '../../../shared/sessions/session';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { RuleCheck } from '../cycles/RuleCheck';
import { formatDay, formatMoment } from '../format/dates';
import { distinct, RegisterTable, type RegisterColumn } from './RegisterTable';
import { FilterSelect } from '../filters/FilterSelect';
import type { ActionFilters } from './registerQuery';

const STATUS_ORDER = { overdue: 0, open: 1, done: 2 } as const;
const STATUS_WORDS = { overdue: 'Overdue', open: 'Open', done: 'Done' } as const;
const KIND_WORDS = { condition: 'Condition', mitigation: 'Mitigation' } as const;

function owner(r: ActionRow): string {
  return r.owner || "Model's owner";
}

function StatusCell({ row }: { row: ActionRow }) {
  return (
    <span className={`action-status action-${row.status}`}>
      {STATUS_WORDS[row.status]}
      {row.status === 'overdue' && <span className="small"> by {row.daysOverdue} day{row.daysOverdue === 1 ? '' : 's'}</span>}
    </span>
  );
}

function columns(onChange: (row: ActionRow) => void, notMet: ReadonlyMap<string, string>): RegisterColumn<ActionRow>[] {
  return [
    { def: { id: 'status', accessorFn: (r) => STATUS_ORDER[r.status], header: 'Status', cell: (c) => <StatusCell row={c.row.original} /> }, csv: (r) => r.status },
    {
      def: {
        id: 'due',
        accessorFn: (r) => r.due,
        header: 'Due',
        cell: (c) => (
          <time dateTime={c.row.original.due} title={c.row.original.due}>
            {formatDay(c.row.original.due)}
          </time>
        ),
      },
      csv: (r) => r.due,
    },
    { def: { id: 'model', accessorFn: (r) => r.modelName, header: 'Model' }, csv: (r) => r.modelName },
    { def: { id: 'kind', accessorFn: (r) => KIND_WORDS[r.kind], header: 'Kind' }, csv: (r) => r.kind },
    {
      def: {
        id: 'text',
        accessorFn: (r) => r.text,
        header: 'Action',
        cell: (c) => (
          <>
            {c.row.original.text}
            {c.row.original.successCriteria && <span className="block muted small">Success: {c.row.original.successCriteria}</span>}
            {c.row.original.rule && <RuleCheck rule={c.row.original.rule} status={c.row.original.status} statusNote={c.row.original.statusNote} noteBeside notMet={notMet.get(c.row.original.id)} />}
            {c.row.original.bornIn && <span className="block muted small">Carried from {c.row.original.bornIn.cycleName}</span>}
          </>
        ),
      },
      csv: (r) => r.text,
    },
    { def: { id: 'successCriteria', accessorFn: (r) => r.successCriteria ?? '', header: 'Success criteria' }, csv: (r) => r.successCriteria, hidden: true },
    { def: { id: 'owner', accessorFn: owner, header: 'Owner' }, csv: owner },
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
    {
      def: {
        id: 'note',
        accessorFn: (r) => r.statusNote ?? '',
        header: 'Note',
        cell: (c) => {
          const r = c.row.original;
          if (!r.statusNote && !r.statusAt) return <span className="muted">—</span>;
          return (
            <>
              {r.statusNote}
              {r.statusAt && (
                <span className="block muted small">
                  {r.statusBy},{' '}
                  <time dateTime={r.statusAt} title={r.statusAt}>
                    {formatMoment(r.statusAt)}
                  </time>
                </span>
              )}
            </>
          );
        },
      },
      csv: (r) => r.statusNote,
    },
    {
      def: {
        id: 'followUp',
        header: 'Follow-up',
        enableSorting: false,
        cell: (c) => (
          <button type="button" onClick={() => onChange(c.row.original)} aria-label={`${c.row.original.status === 'done' ? 'Reopen' : 'Mark done'}: ${c.row.original.text}`}>
            {c.row.original.status === 'done' ? 'Reopen…' : 'Mark done…'}
          </button>
        ),
      },
    },
  ];
}

const NONE: ReadonlyMap<string, string> = new Map();

/** Every condition and mitigation of the decisions in force, overdue first, and their follow-up. */
export function ActionRegister({
  rows,
  cycleName,
  filters,
  onFilters,
  notMet = NONE,
}: {
  rows: ActionRow[];
  cycleName: string;
  filters: ActionFilters;
  onFilters(f: ActionFilters): void;
  /** By condition id: the finding a bundle that did not meet the condition's rule raised. */
  notMet?: ReadonlyMap<string, string>;
}) {
  const [changing, setChanging] = useState<ActionRow | null>(null);
  const cols = useMemo(() => columns(setChanging, notMet), [notMet]);
  const shown = useMemo(
    () =>
      rows.filter(
        (r) =>
          (filters.status === '' || r.status === filters.status) &&
          (filters.owner === '' || owner(r) === filters.owner) &&
          (filters.model === '' || r.modelName === filters.model) &&
          (filters.kind === '' || r.kind === filters.kind),
      ),
    [rows, filters],
  );
  const set = (key: keyof ActionFilters) => (value: string) => onFilters({ ...filters, [key]: value });

  return (
    <>
      {changing && <StatusChange row={changing} onDone={() => setChanging(null)} />}
      <RegisterTable
        label="Action register"
        rows={shown}
        total={rows.length}
        noun="actions"
        columns={cols}
        csvName={`${cycleName.replace(/[^\w.-]+/g, '-')}-action-register.csv`}
        rowKey={(r) => `${r.kind}:${r.id}`}
        rowClass={(r) => (r.status === 'overdue' ? 'row-overdue' : r.status === 'done' ? 'row-done' : undefined)}
        filters={
          <>
            <FilterSelect
              label="Status"
              value={filters.status}
              options={(['overdue', 'open', 'done'] as const).map((s) => ({ value: s, label: STATUS_WORDS[s] }))}
              onChange={set('status')}
            />
            <FilterSelect label="Owner" value={filters.owner} options={distinct(rows.map(owner))} onChange={set('owner')} />
            <FilterSelect label="Model" value={filters.model} options={distinct(rows.map((r) => r.modelName))} onChange={set('model')} />
            <FilterSelect label="Kind" value={filters.kind} options={(['condition', 'mitigation'] as const).map((k) => ({ value: k, label: KIND_WORDS[k] }))} onChange={set('kind')} />
          </>
        }
      />
    </>
  );
}

/** Marking an action done (or open again) says how, in a note the register keeps. */
function StatusChange({ row, onDone }: { row: ActionRow; onDone(): void }) {
  const { client } = useApi();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const reopening = row.status === 'done';

  useEffect(() => input.current?.focus(), [row]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      // The row as it was shown: a change made meanwhile refuses this one instead of hiding it.
      await client.call('actions.setStatus', { kind: row.kind, id: row.id, status: reopening ? 'open' : 'done', note, expectedVersion: row.version });
      onDone();
    } catch (err) {
      const e = asCallError(err);
      setError(e.message);
      setStale(e.code === 'conflict');
    }
  }

  return (
    <form
      className="card status-change"
      aria-label={reopening ? 'Reopen action' : 'Mark action done'}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <p>
        <strong>{reopening ? 'Reopen' : 'Mark done'}:</strong> {row.text} <span className="muted">({row.modelName}, due {formatDay(row.due)})</span>
      </p>
      <div className="field">
        <label htmlFor="status-note">Note</label>
        <input
          id="status-note"
          ref={input}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={reopening ? 'Why it is open again' : 'What was done, with a reference to the evidence'}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'status-note-error' : undefined}
        />
        {error && (
          <p className="field-error" id="status-note-error">
            {error}
          </p>
        )}
      </div>
      <div className="actions">
        {stale ? (
          <button type="button" className="primary" onClick={onDone}>
            Reload the register
          </button>
        ) : (
          <button type="submit" className="primary">
            {reopening ? 'Reopen' : 'Mark done'}
          </button>
        )}
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
