import { useState, type FormEvent } from 'react';
import type { CycleInfo } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { Field, FormActions, FormError } from '../forms/Field';
import { noErrors, placeError, type FormErrors } from '../forms/fieldErrors';
import { formatMoment } from '../format/dates';

export type StartMode = 'choose' | 'new' | 'open';

interface Props {
  mode: StartMode;
  onMode(mode: StartMode): void;
  onOpened(cycle: CycleInfo): void;
  /** Back to the open cycle, when one is open. */
  onCancel: (() => void) | undefined;
}

function NewCycleForm({ onOpened, onCancel }: { onOpened(c: CycleInfo): void; onCancel(): void }) {
  const { client, desktop } = useApi();
  const [name, setName] = useState('');
  const [file, setFile] = useState('');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [errors, setErrors] = useState<FormErrors<'name' | 'path' | 'periodStart' | 'periodEnd'>>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      let path = file.trim();
      if (desktop) {
        const chosen = await desktop.chooseNewCyclePath(name.trim() || 'review-cycle');
        if (chosen === null) return;
        path = chosen;
      } else if (path !== '' && !path.endsWith('.mrb') && !path.includes('.')) {
        path = `${path}.mrb`;
      }
      const created = await client.call('cycle.create', { path, name, periodStart: periodStart || null, periodEnd: periodEnd || null });
      onOpened(created);
    } catch (err) {
      setErrors(placeError(asCallError(err).error, ['name', 'path', 'periodStart', 'periodEnd']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="new-cycle-title">
      <h2 id="new-cycle-title">New review cycle</h2>
      <Field label="Name" value={name} onValue={setName} error={errors.fields.name} autoFocus placeholder="Q3 2026 model review" />
      {!desktop && (
        <Field
          label="File"
          value={file}
          onValue={setFile}
          error={errors.fields.path}
          placeholder="q3-2026.mrb"
          hint="The workspace file to create, ending in .mrb. A relative path is taken from the folder where mrb serve was started."
        />
      )}
      <div className="field-row">
        <Field label="Period start" type="date" value={periodStart} onValue={setPeriodStart} error={errors.fields.periodStart} />
        <Field label="Period end" type="date" value={periodEnd} onValue={setPeriodEnd} error={errors.fields.periodEnd} />
      </div>
      <FormError message={errors.form} />
      <FormActions submit="Create cycle" onCancel={onCancel} busy={busy} />
    </form>
  );
}

function OpenCycleForm({ onOpened, onCancel }: { onOpened(c: CycleInfo): void; onCancel(): void }) {
  const { client } = useApi();
  const [file, setFile] = useState('');
  const [errors, setErrors] = useState<FormErrors<'path'>>(noErrors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      onOpened(await client.call('cycle.open', { path: file.trim() }));
    } catch (err) {
      setErrors(placeError(asCallError(err).error, ['path']));
    }
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="open-cycle-title">
      <h2 id="open-cycle-title">Open a review cycle</h2>
      <Field label="File" value={file} onValue={setFile} error={errors.fields.path} autoFocus placeholder="q3-2026.mrb" hint="The path of an existing .mrb workspace on the machine running mrb serve." />
      <FormError message={errors.form} />
      <FormActions submit="Open" onCancel={onCancel} />
    </form>
  );
}

function RecentCycles({ onOpened }: { onOpened(c: CycleInfo): void }) {
  const { client } = useApi();
  const recent = useCall('cycle.recent', {});
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent cycles</h2>
      <Loaded state={recent} what="recent cycles">
        {(list) =>
          list.length === 0 ? (
            <p className="empty">No cycle opened yet. Create one for this review period, or open a workspace file you were given.</p>
          ) : (
            <ul className="recent">
              {list.map((r) => (
                <li key={r.path}>
                  <button
                    type="button"
                    className="recent-item"
                    disabled={!r.exists}
                    onClick={() =>
                      void client.call('cycle.open', { path: r.path }).then(onOpened, (err: unknown) => setError(asCallError(err).message))
                    }
                  >
                    <span className="recent-name">{r.name}</span>
                    <span className="recent-path">{r.exists ? r.path : `${r.path} (missing)`}</span>
                    <time dateTime={r.openedAt} title={r.openedAt}>
                      {formatMoment(r.openedAt)}
                    </time>
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <FormError message={error} />
    </section>
  );
}

export function StartScreen({ mode, onMode, onOpened, onCancel }: Props) {
  const { desktop, client } = useApi();
  const back = onCancel ?? (() => onMode('choose'));

  async function openWithDialog() {
    if (!desktop) {
      onMode('open');
      return;
    }
    const chosen = await desktop.chooseCyclePath();
    if (chosen) onOpened(await client.call('cycle.open', { path: chosen }));
  }

  return (
    <main className="start">
      <header className="start-header">
        <h1>Model Review Board</h1>
        <p className="lede">One workspace per review cycle: evidence, scores, board decisions and their audit trail.</p>
      </header>
      {mode === 'new' && <NewCycleForm onOpened={onOpened} onCancel={back} />}
      {mode === 'open' && <OpenCycleForm onOpened={onOpened} onCancel={back} />}
      {mode === 'choose' && (
        <div className="start-actions">
          <button type="button" className="primary" onClick={() => onMode('new')}>
            New cycle
          </button>
          <button type="button" onClick={() => void openWithDialog()}>
            Open cycle
          </button>
        </div>
      )}
      {mode === 'choose' && <RecentCycles onOpened={onOpened} />}
    </main>
  );
}
