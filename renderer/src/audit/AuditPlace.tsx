import { Fragment, useEffect, useState } from 'react';
import type { AuditLogArgs, AuditLogEvent, ChainStatus } from '../../../shared/audit/auditLog';
import { auditActionWords } from '../../../shared/text/auditWords';
import { plural } from '../../../shared/text/plural';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { downloadText } from '../format/csv';
import { formatMoment } from '../format/dates';
import { auditCsv, auditJsonLines } from './auditExport';
import type { AuditTarget } from './historyLink';
import { imageDiff } from './imageDiff';
import { FilterSelect } from '../filters/FilterSelect';
import { Icon } from '../frame/icons';
import { useFileSaved } from '../frame/useFileSaved';

interface Filters {
  entity: string;
  entityId: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}

const NONE: Filters = { entity: '', entityId: '', actor: '', action: '', from: '', to: '' };

const CHAIN: Record<ChainStatus, { word: string; title: string }> = {
  holds: { word: 'Holds', title: 'The chain re-hashes as recorded from the first event through this one.' },
  broken: { word: 'Broken', title: 'This is the first event whose hash or link does not hold.' },
  unverified: { word: 'After a break', title: 'This event lies after a break in the chain, so it cannot be trusted.' },
};

function periodOutOfOrder(f: Filters): boolean {
  return f.from !== '' && f.to !== '' && f.to < f.from;
}

function argsOf(f: Filters): AuditLogArgs {
  const a: AuditLogArgs = {};
  if (f.entity) a.entity = f.entity;
  if (f.entityId.trim()) a.entityId = f.entityId.trim();
  if (f.actor) a.actor = f.actor;
  if (f.action) a.action = f.action;
  // A period out of order is said at the field and not asked for, so the list stays as it was.
  if (periodOutOfOrder(f)) return a;
  if (f.from) a.from = f.from;
  if (f.to) a.to = f.to;
  return a;
}


/** The before and after of one event, field by field, changed fields marked. */
export function EventChanges({ event }: { event: AuditLogEvent }) {
  const [all, setAll] = useState(false);
  const rows = imageDiff(event.before, event.after);
  const changed = rows.filter((r) => r.changed);
  const shown = all ? rows : changed;
  return (
    <div className="audit-changes">
      <table className="data audit-diff" aria-label={`Changes of event ${event.seq}`}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.field} className={r.changed ? 'diff-changed' : undefined}>
              <th scope="row">{r.field}</th>
              <td className={r.before === null ? 'muted' : undefined}>{r.before ?? 'absent'}</td>
              <td className={r.after === null ? 'muted' : undefined}>{r.after ?? 'absent'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {changed.length === 0 ? 'No field changed. ' : ''}
        {rows.length > changed.length && (
          <button type="button" className="link" onClick={() => setAll((v) => !v)}>
            {all ? 'Show changed fields only' : `Show ${plural(rows.length - changed.length, 'unchanged field')} too`}
          </button>
        )}{' '}
        Hash <code title={event.hash}>{event.hash.slice(0, 12)}…</code>
      </p>
    </div>
  );
}

/**
 * The audit log itself: every event with its time, person, action and record, filtered
 * by record, person, action and period, the before and after of each side by side, the
 * chain status at each event, and the events shown exported as CSV or canonical JSON lines.
 */
export function AuditPlace({ target, cycleName }: { target?: AuditTarget; cycleName: string }) {
  const { client } = useApi();
  const [filters, setFilters] = useState<Filters>(target ? { ...NONE, entity: target.entity, entityId: target.entityId } : NONE);
  const args = argsOf(filters);
  const first = useCall('audit.events', args);
  const [older, setOlder] = useState<{ events: AuditLogEvent[]; nextBefore: number | null } | null>(null);
  const fileSaved = useFileSaved();
  const save = (name: string, text: string, type?: string) => {
    downloadText(name, text, type);
    fileSaved(name);
  };
  const [olderError, setOlderError] = useState<string | null>(null);
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const argsKey = JSON.stringify(args);
  useEffect(() => {
    setOlder(null);
    setOlderError(null);
  }, [argsKey, first.value]);

  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(NONE);
  const onTarget = target !== undefined && filters.entity === target.entity && filters.entityId === target.entityId;
  const fileBase = `${cycleName.replace(/[^\w.-]+/g, '-')}-audit${filters.entityId ? `-${filters.entityId.replace(/[^\w.-]+/g, '-')}` : ''}`;

  const loadOlder = (before: number) => {
    setOlderError(null);
    client.call('audit.events', { ...args, before }).then(
      (page) => setOlder((o) => ({ events: [...(o?.events ?? []), ...page.events], nextBefore: page.nextBefore })),
      (err: unknown) => setOlderError(asCallError(err).message),
    );
  };
  const toggle = (seq: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <div>
      <header className="place-header">
        <h1>Audit{onTarget ? <span className="muted"> · History of {target.label}</span> : null}</h1>
      </header>
      <div className="toolbar wrap">
        <FilterSelect label="Record type" value={filters.entity} options={(first.value?.facets.entities ?? []).map((e) => ({ value: e, label: e }))} onChange={set('entity')} />
        <label className="filter">
          <span className="filter-label" aria-hidden="true">
            Record
          </span>
          <input type="search" aria-label="Record" placeholder="Any record" value={filters.entityId} onChange={(e) => set('entityId')(e.target.value)} />
        </label>
        <FilterSelect label="Person" value={filters.actor} options={(first.value?.facets.actors ?? []).map((a) => ({ value: a, label: a }))} onChange={set('actor')} />
        <FilterSelect label="Action" value={filters.action} options={(first.value?.facets.actions ?? []).map((a) => ({ value: a, label: auditActionWords(a) }))} onChange={set('action')} />
        <label className="filter">
          <span className="filter-label" aria-hidden="true">
            From
          </span>
          <input type="date" aria-label="From" value={filters.from} onChange={(e) => set('from')(e.target.value)} />
        </label>
        <label className="filter">
          <span className="filter-label" aria-hidden="true">
            To
          </span>
          <input type="date" aria-label="To" value={filters.to} onChange={(e) => set('to')(e.target.value)} aria-invalid={periodOutOfOrder(filters) || undefined} aria-describedby={periodOutOfOrder(filters) ? 'audit-period-error' : undefined} />
        </label>
        {periodOutOfOrder(filters) && (
          <p className="field-error" id="audit-period-error" role="alert">
            To is before From: choose a period that ends on or after its start.
          </p>
        )}
        {filtered && (
          <button type="button" onClick={() => setFilters(NONE)}>
            Clear filters
          </button>
        )}
      </div>
      <Loaded state={first} what="the audit log">
        {(log) => {
          const events = [...log.events, ...(older?.events ?? [])];
          const nextBefore = older ? older.nextBefore : log.nextBefore;
          return (
            <>
              <div className="toolbar">
                <span className="muted" role="status">
                  {events.length === log.matching ? plural(log.matching, 'event') : `${events.length} of ${plural(log.matching, 'event')} shown`}
                </span>
                <button type="button" disabled={events.length === 0} onClick={() => save(`${fileBase}.csv`, auditCsv(events))}>
                  <Icon name="download" />
                  Export CSV
                </button>
                <button type="button" disabled={events.length === 0} onClick={() => save(`${fileBase}.jsonl`, auditJsonLines(events), 'application/jsonl')}>
                  <Icon name="download" />
                  Export JSON lines
                </button>
              </div>
              {log.chainProblem && (
                <p className="notice notice-error" role="alert">
                  The audit chain is broken: {log.chainProblem.reason}
                </p>
              )}
              {events.length === 0 ? (
                <section className="card empty-state">
                  <h2>No events match</h2>
                  <p>Every change to the cycle is recorded here; none matches these filters.</p>
                  {filtered && (
                    <button type="button" onClick={() => setFilters(NONE)}>
                      Clear filters
                    </button>
                  )}
                </section>
              ) : (
                <div className="table-scroll audit-scroll">
                  <table className="data audit-table" aria-label="Audit events">
                    <thead>
                      <tr>
                        <th scope="col" className="num">
                          #
                        </th>
                        <th scope="col">Time</th>
                        <th scope="col">Person</th>
                        <th scope="col">Action</th>
                        <th scope="col">Record</th>
                        <th scope="col">Chain</th>
                        <th scope="col">
                          <span className="visually-hidden">Changes</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {events.map((e) => (
                        <Fragment key={e.seq}>
                          <tr className={e.chain === 'holds' ? undefined : 'row-overdue'}>
                            <td className="num">{e.seq}</td>
                            <td>
                              <time dateTime={e.at} title={e.at}>
                                {formatMoment(e.at)}
                              </time>
                            </td>
                            <td>{e.actor}</td>
                            <td title={e.action}>{auditActionWords(e.action)}</td>
                            <td className="audit-record">
                              <span className="muted">{e.entity}</span> {e.entityId}
                            </td>
                            <td>
                              <span className={`chain-status chain-${e.chain}`} title={CHAIN[e.chain].title}>
                                {CHAIN[e.chain].word}
                              </span>
                            </td>
                            <td>
                              <button type="button" className="link" aria-expanded={open.has(e.seq)} onClick={() => toggle(e.seq)}>
                                {open.has(e.seq) ? 'Hide changes' : 'Changes'}
                              </button>
                            </td>
                          </tr>
                          {open.has(e.seq) && (
                            <tr className="audit-detail">
                              <td colSpan={7}>
                                <EventChanges event={e} />
                              </td>
                            </tr>
                          )}
                        </Fragment>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {nextBefore !== null && (
                <p>
                  <button type="button" onClick={() => loadOlder(nextBefore)}>
                    Load older events
                  </button>
                </p>
              )}
              {olderError && (
                <p className="notice notice-error" role="alert">
                  Could not load older events: {olderError}
                </p>
              )}
            </>
          );
        }}
      </Loaded>
    </div>
  );
}
