import { useEffect, useState, type FormEvent } from 'react';
import type { AuditReport, CycleInfo } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Loaded } from '../api/Loaded';
import { isDisconnected } from '../api/transport';
import { useCall } from '../api/useCall';
import { useConnection } from '../api/useConnection';
import { Field, FormActions, FormError } from '../forms/Field';
import { noErrors, placeError, type FormErrors } from '../forms/fieldErrors';
import { formatDay, formatMoment, formatPeriod } from '../format/dates';
import { formatCount, formatFixed } from '../format/numbers';
import type { Place, Route } from '../routes/route';
import { LineageCard } from '../cycles/LineageCard';
import { localToday, daysUntil, nextCycleIsDue } from '../cycles/nextPeriod';
import { ModelDrawer } from '../models/ModelDrawer';
import { usePalette } from '../heatmap/usePalette';
import { Kpis } from './Kpis';
import { ModelListDrawer, type ModelList } from './ModelListDrawer';
import { PostureView } from './Posture';

function EditCycle({ cycle, onDone }: { cycle: CycleInfo; onDone(): void }) {
  const { client } = useApi();
  const [name, setName] = useState(cycle.name);
  const [periodStart, setPeriodStart] = useState(cycle.periodStart ?? '');
  const [periodEnd, setPeriodEnd] = useState(cycle.periodEnd ?? '');
  const [errors, setErrors] = useState<FormErrors<'name' | 'periodStart' | 'periodEnd'>>(noErrors);
  // The details as they were read: `cycle` follows other windows' saves, the form does not.
  const [base, setBase] = useState(cycle.version);
  const [stale, setStale] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await client.call('cycle.update', { name, periodStart: periodStart || null, periodEnd: periodEnd || null, expectedVersion: base });
      onDone();
    } catch (err) {
      const e = asCallError(err);
      setStale(e.code === 'conflict');
      setErrors(placeError(e.error, ['name', 'periodStart', 'periodEnd']));
    }
  }

  function reload() {
    setName(cycle.name);
    setPeriodStart(cycle.periodStart ?? '');
    setPeriodEnd(cycle.periodEnd ?? '');
    setBase(cycle.version);
    setStale(false);
    setErrors(noErrors);
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label="Edit cycle">
      <Field label="Name" value={name} onValue={setName} error={errors.fields.name} autoFocus />
      <div className="field-row">
        <Field label="Period start" type="date" value={periodStart} onValue={setPeriodStart} error={errors.fields.periodStart} />
        <Field label="Period end" type="date" value={periodEnd} onValue={setPeriodEnd} error={errors.fields.periodEnd} />
      </div>
      <FormError message={errors.form} />
      {stale && (
        <button type="button" onClick={reload}>
          Reload the cycle's details
        </button>
      )}
      <FormActions submit="Save" onCancel={onDone} />
    </form>
  );
}

function AuditPanel({ audit, verifyRequest }: { audit: AuditReport; verifyRequest: number }) {
  const { client } = useApi();
  const [checked, setChecked] = useState<{ report: AuditReport; at: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = checked?.report ?? audit;
  // The last answer is not vouched for while nothing reaches the page from the host.
  const disconnected = isDisconnected(useConnection());

  const verify = () =>
    void client.call('audit.verify', {}).then(
      (report) => setChecked({ report, at: new Date().toISOString() }),
      (err: unknown) => setError(asCallError(err).message),
    );

  useEffect(() => {
    // A new request number (from the command palette) is the trigger.
    if (verifyRequest > 0) verify();
  }, [verifyRequest]);

  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit chain</h2>
      {disconnected ? (
        <p className="muted">Not connected to the host: the chain's state is unknown until this page reconnects.</p>
      ) : (
        <p className={shown.ok ? 'audit-ok' : 'audit-broken'}>
          {shown.ok ? `The chain holds: ${formatCount(shown.events)} events, each linked to the one before.` : `The chain is broken. ${shown.problem?.reason ?? ''}`}
        </p>
      )}
      {shown.head && (
        <p className="muted">
          Head <code title={shown.head}>{shown.head.slice(0, 16)}…</code>
          {checked && (
            <>
              {' '}
              · fully re-checked <time dateTime={checked.at} title={checked.at}>{formatMoment(checked.at)}</time>
            </>
          )}
        </p>
      )}
      <FormError message={error} />
      <button type="button" onClick={verify}>
        Verify now
      </button>
    </section>
  );
}

function TaxonomySummary({ cycle, onPlace }: { cycle: CycleInfo; onPlace(p: Place): void }) {
  const taxonomy = useCall('taxonomy.get', {});
  return (
    <section className="card" aria-labelledby="taxonomy-title">
      <h2 id="taxonomy-title">Risk taxonomy</h2>
      <p className="muted">
        Version {cycle.taxonomy.version}: {cycle.taxonomy.dimensions} dimensions, {cycle.taxonomy.likelihood} on likelihood and {cycle.taxonomy.impact} on impact.
      </p>
      <Loaded state={taxonomy} what="the taxonomy">
        {(t) => (
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                <th scope="col">Axis</th>
                <th scope="col" className="num">
                  Weight
                </th>
              </tr>
            </thead>
            <tbody>
              {t.dimensions.map((d) => (
                <tr key={d.key}>
                  <td>{d.label}</td>
                  <td>{d.axis}</td>
                  <td className="num">{formatFixed(d.weight)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
      <button type="button" className="link" onClick={() => onPlace('settings')}>
        See thresholds and evidence rules
      </button>
    </section>
  );
}

function NextCycleBanner({ cycle, onNextCycle }: { cycle: CycleInfo; onNextCycle(): void }) {
  const today = localToday();
  if (!nextCycleIsDue(cycle.periodEnd, today) || cycle.periodEnd === null) return null;
  const days = daysUntil(cycle.periodEnd, today) ?? 0;
  const when = days < 0 ? `ended ${formatDay(cycle.periodEnd)}` : days === 0 ? 'ends today' : `ends ${formatDay(cycle.periodEnd)}, in ${days} day${days === 1 ? '' : 's'}`;
  return (
    <section className="card next-cycle-banner" aria-labelledby="next-cycle-banner-title">
      <div>
        <h2 id="next-cycle-banner-title">This cycle&apos;s period {when}</h2>
        <p className="muted">Start the next cycle to carry the inventory, open actions, acceptances and findings forward; this one stays as it is, for the record.</p>
      </div>
      <button type="button" className="primary" onClick={onNextCycle}>
        Start next cycle…
      </button>
    </section>
  );
}

interface OverviewProps {
  cycle: CycleInfo;
  verifyRequest: number;
  /** The cycle was just started from its predecessor: what was carried is announced. */
  fresh?: boolean;
  onPlace(p: Place): void;
  onDrill(to: Route): void;
  onNextCycle(): void;
}

/**
 * The cycle at a glance and the board's risk posture: what needs the board and why, the
 * tiers and top risks, readiness, findings and follow-up, the KPIs; every figure opens
 * the rows behind it. Audit status and taxonomy below; the next step when empty.
 */
export function Overview({ cycle, verifyRequest, fresh = false, onPlace, onDrill, onNextCycle }: OverviewProps) {
  const [editing, setEditing] = useState(false);
  const lineage = useCall('cycle.lineage', {});
  const posture = useCall('posture.get', {});
  const models = useCall('models.list', {});
  const [palette] = usePalette();
  const [list, setList] = useState<ModelList | null>(null);
  const [modelId, setModelId] = useState<string | null>(null);
  const model = modelId === null ? undefined : models.value?.find((m) => m.id === modelId);
  const period = formatPeriod(cycle.periodStart, cycle.periodEnd);
  const counts: [string, number][] = [
    ['Models', cycle.counts.models],
    ['Bundles', cycle.counts.bundles],
    ['Sessions', cycle.counts.sessions],
    ['Audit events', cycle.counts.auditEvents],
  ];
  return (
    <div className="overview">
      <header className="place-header">
        <div>
          <h1>{cycle.name}</h1>
          <p className="muted">
            <span title={period.iso ?? undefined}>{period.text}</span> · created <time dateTime={cycle.createdAt} title={cycle.createdAt}>{formatMoment(cycle.createdAt)}</time> by{' '}
            {cycle.createdBy} · <span className="path">{cycle.path}</span>
          </p>
        </div>
        {!editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
      </header>
      {editing && <EditCycle cycle={cycle} onDone={() => setEditing(false)} />}
      <NextCycleBanner cycle={cycle} onNextCycle={onNextCycle} />
      {lineage.value && <LineageCard lineage={lineage.value} fresh={fresh} />}
      <dl className="counts">
        {counts.map(([label, n]) => (
          <div key={label} className="count">
            <dt>{label}</dt>
            <dd>{formatCount(n)}</dd>
          </div>
        ))}
      </dl>
      {cycle.counts.models === 0 ? (
        <section className="card empty-state">
          <h2>No models yet</h2>
          <p>Models are added when evaluation bundles are imported: each bundle names its model and carries the evidence that is re-validated on import.</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => onPlace('evidence')}>
              Import a bundle
            </button>
          </div>
        </section>
      ) : (
        <>
          <Loaded state={posture} what="the risk posture">
            {(p) => <PostureView posture={p} palette={palette} onDrill={onDrill} onModel={setModelId} onList={setList} onSessions={(sessionId) => (sessionId ? onDrill({ place: 'sessions', sessionId }) : onPlace('sessions'))} />}
          </Loaded>
          <Kpis />
        </>
      )}
      <div className="columns">
        <AuditPanel audit={cycle.audit} verifyRequest={verifyRequest} />
        <TaxonomySummary cycle={cycle} onPlace={onPlace} />
      </div>
      {list && !model && <ModelListDrawer list={list} onModel={setModelId} onClose={() => setList(null)} />}
      {model && <ModelDrawer model={model} onClose={() => setModelId(null)} />}
    </div>
  );
}
