import { useEffect, useState, type FormEvent } from 'react';
import type { AuditReport, CycleInfo } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { Field, FormActions, FormError } from '../forms/Field';
import { noErrors, placeError, type FormErrors } from '../forms/fieldErrors';
import { formatMoment, formatPeriod } from '../format/dates';
import { formatCount, formatFixed } from '../format/numbers';
import type { Place } from '../frame/AppFrame';

function EditCycle({ cycle, onDone }: { cycle: CycleInfo; onDone(): void }) {
  const { client } = useApi();
  const [name, setName] = useState(cycle.name);
  const [periodStart, setPeriodStart] = useState(cycle.periodStart ?? '');
  const [periodEnd, setPeriodEnd] = useState(cycle.periodEnd ?? '');
  const [errors, setErrors] = useState<FormErrors<'name' | 'periodStart' | 'periodEnd'>>(noErrors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await client.call('cycle.update', { name, periodStart: periodStart || null, periodEnd: periodEnd || null });
      onDone();
    } catch (err) {
      setErrors(placeError(asCallError(err).error, ['name', 'periodStart', 'periodEnd']));
    }
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label="Edit cycle">
      <Field label="Name" value={name} onValue={setName} error={errors.fields.name} autoFocus />
      <div className="field-row">
        <Field label="Period start" type="date" value={periodStart} onValue={setPeriodStart} error={errors.fields.periodStart} />
        <Field label="Period end" type="date" value={periodEnd} onValue={setPeriodEnd} error={errors.fields.periodEnd} />
      </div>
      <FormError message={errors.form} />
      <FormActions submit="Save" onCancel={onDone} />
    </form>
  );
}

function AuditPanel({ audit, verifyRequest }: { audit: AuditReport; verifyRequest: number }) {
  const { client } = useApi();
  const [checked, setChecked] = useState<{ report: AuditReport; at: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = checked?.report ?? audit;

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
      <p className={shown.ok ? 'audit-ok' : 'audit-broken'}>
        {shown.ok ? `The chain holds: ${formatCount(shown.events)} events, each linked to the one before.` : `The chain is broken. ${shown.problem?.reason ?? ''}`}
      </p>
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

/** The cycle at a glance: name and period, counts, taxonomy, audit status; the next step when empty. */
export function Overview({ cycle, verifyRequest, onPlace }: { cycle: CycleInfo; verifyRequest: number; onPlace(p: Place): void }) {
  const [editing, setEditing] = useState(false);
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
      <dl className="counts">
        {counts.map(([label, n]) => (
          <div key={label} className="count">
            <dt>{label}</dt>
            <dd>{formatCount(n)}</dd>
          </div>
        ))}
      </dl>
      {cycle.counts.models === 0 && (
        <section className="card empty-state">
          <h2>No models yet</h2>
          <p>
            Models are added when evaluation bundles are imported: each bundle names its model and carries the evidence that is re-validated on import. Import one with{' '}
            <code>mrb import {cycle.path.split(/[\\/]/).pop()} &lt;bundle&gt;</code>.
          </p>
        </section>
      )}
      <div className="columns">
        <AuditPanel audit={cycle.audit} verifyRequest={verifyRequest} />
        <TaxonomySummary cycle={cycle} onPlace={onPlace} />
      </div>
    </div>
  );
}
