import { useState, type FormEvent } from 'react';
import type { WorkspaceSettings } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { Field } from '../forms/Field';

interface NumberSettingProps {
  name: keyof WorkspaceSettings;
  title: string;
  label: string;
  hint: string;
  example: string;
  save: string;
}

/** One numeric cycle setting, saved on its own as an audited change. */
function NumberSetting({ name, title, label, hint, example, save }: NumberSettingProps) {
  const settings = useCall('settings.get', {});
  return (
    <section className="card form" aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`}>{title}</h2>
      <Loaded state={settings} what="the settings">
        {(s) => <NumberForm name={name} current={s[name]} version={s.version} label={label} hint={hint} example={example} save={save} />}
      </Loaded>
    </section>
  );
}

function NumberForm({ name, current, version, label, hint, example, save }: Omit<NumberSettingProps, 'title'> & { current: number; version: number }) {
  const { client } = useApi();
  const [text, setText] = useState(String(current));
  // The version the value was read at; a save from it is refused once someone saved since.
  const [base, setBase] = useState(version);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState(false);

  async function reload() {
    try {
      const fresh = await client.call('settings.get', {});
      setText(String(fresh[name]));
      setBase(fresh.version);
      setError(null);
      setStale(false);
    } catch (err) {
      setError(asCallError(err).message);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) {
      setError(`Enter a number, e.g. ${example}.`);
      return;
    }
    try {
      const result = await client.call('settings.update', { [name]: value, expectedVersion: base });
      setBase(result.version);
      setError(null);
      setSaved(true);
    } catch (err) {
      const e = asCallError(err);
      setError(e.message);
      setStale(e.code === 'conflict');
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <Field label={label} inputMode="decimal" value={text} onValue={setText} error={error ?? undefined} hint={hint} />
      <button type="submit" className="primary">
        {save}
      </button>
      {stale && (
        <>
          {' '}
          <button type="button" onClick={() => void reload()}>
            Reload
          </button>
        </>
      )}
      {saved && (
        <span className="muted small" role="status">
          {' '}
          Saved.
        </span>
      )}
    </form>
  );
}

/** The claim tolerance used when bundles are validated on import. */
export function ToleranceSetting() {
  return (
    <NumberSetting
      name="claimTolerance"
      title="Claim tolerance"
      label="Tolerance"
      example="0.001"
      save="Save tolerance"
      hint="A claim matches when it is within this absolute difference of the recomputed value. It applies to later imports; reports already made keep theirs."
    />
  );
}

/** How long a risk acceptance may run at most. */
export function AcceptanceLimitSetting() {
  return (
    <NumberSetting
      name="acceptanceMaxMonths"
      title="Risk acceptance limit"
      label="Longest acceptance, in months"
      example="12"
      save="Save limit"
      hint="A risk acceptance may expire at most this many months after its decision. It applies to later decisions; acceptances already recorded keep their dates."
    />
  );
}
