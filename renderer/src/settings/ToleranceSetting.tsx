import { useState, type FormEvent } from 'react';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { Field } from '../forms/Field';

/** The claim tolerance used when bundles are validated on import. */
export function ToleranceSetting() {
  const settings = useCall('settings.get', {});
  return (
    <section className="card form" aria-labelledby="tolerance-title">
      <h2 id="tolerance-title">Claim tolerance</h2>
      <Loaded state={settings} what="the settings">
        {(s) => <ToleranceForm current={s.claimTolerance} />}
      </Loaded>
    </section>
  );
}

function ToleranceForm({ current }: { current: number }) {
  const { client } = useApi();
  const [text, setText] = useState(String(current));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) {
      setError('Enter a number, e.g. 0.001.');
      return;
    }
    try {
      await client.call('settings.update', { claimTolerance: value });
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(asCallError(err).message);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <Field
        label="Tolerance"
        inputMode="decimal"
        value={text}
        onValue={setText}
        error={error ?? undefined}
        hint="A claim matches when it is within this absolute difference of the recomputed value. It applies to later imports; reports already made keep theirs."
      />
      <button type="submit" className="primary">
        Save tolerance
      </button>
      {saved && (
        <span className="muted small" role="status">
          {' '}
          Saved.
        </span>
      )}
    </form>
  );
}
