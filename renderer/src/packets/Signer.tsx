import { useEffect, useState, type ReactNode } from 'react';
import type { KnownIdentity } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';
import { Field } from '../forms/Field';

/**
 * The desktop app's keychain for the chosen identity: whether it can be used (never with a
 * plain-text backend), the passphrase it holds, and a way to keep one there.
 */
function useKeychain(fingerprint: string) {
  const { desktop } = useApi();
  const [state, setState] = useState<{ available: boolean; reason: string | null; stored: string | null }>({ available: false, reason: null, stored: null });
  useEffect(() => {
    if (!desktop || fingerprint === '') return;
    let live = true;
    void desktop.keychain({ op: 'load', fingerprint }).then((r) => {
      if (live) setState({ available: r.available, reason: r.reason, stored: r.passphrase ?? null });
    });
    return () => {
      live = false;
    };
  }, [desktop, fingerprint]);
  const save = async (passphrase: string) => {
    if (desktop && state.available) await desktop.keychain({ op: 'save', fingerprint, passphrase });
  };
  return { desktop: desktop !== null, ...state, save };
}

/**
 * Who signs and with what: the identity chosen (the first known one until the user picks), the
 * passphrase typed or, when none is, the one the OS keychain keeps for that identity.
 */
export function useSigner(identities: readonly KnownIdentity[] | undefined) {
  const [picked, setPicked] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const fingerprint = picked || identities?.[0]?.fingerprint || '';
  const keychain = useKeychain(fingerprint);
  return {
    identities: identities ?? [],
    fingerprint,
    pick: setPicked,
    passphrase,
    setPassphrase,
    remember,
    setRemember,
    keychain,
    /** The passphrase the call gets. */
    usable: () => (passphrase === '' && keychain.stored !== null ? keychain.stored : passphrase),
    /** After a signature: keeps the typed passphrase in the keychain when asked to, and empties the field. */
    signed: async () => {
      if (remember && passphrase !== '') await keychain.save(passphrase);
      setPassphrase('');
    },
  };
}

export type Signer = ReturnType<typeof useSigner>;

interface Props {
  signer: Signer;
  /** The select's id and label: "Signing identity", "Countersign as". */
  id: string;
  label: string;
  /** What to say when no identity is known here yet. */
  none: string;
  errors: { identity?: string; passphrase?: string };
  /** Under the identity select: a way to make a new one. */
  children?: ReactNode;
}

/** The identity select and the passphrase field, the same wherever a packet is signed. */
export function SignerFields({ signer, id, label, none, errors, children }: Props) {
  const { keychain } = signer;
  return (
    <>
      <div className={`field${errors.identity ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {signer.identities.length === 0 ? (
          <p className="muted">{none}</p>
        ) : (
          <select id={id} value={signer.fingerprint} onChange={(e) => signer.pick(e.target.value)}>
            {signer.identities.map((i) => (
              <option key={i.fingerprint} value={i.fingerprint}>
                {i.name}
                {i.email ? ` <${i.email}>` : ''} · {i.fingerprintDisplay.slice(0, 23)}…
              </option>
            ))}
          </select>
        )}
        {errors.identity && <p className="field-error">{errors.identity}</p>}
        {children}
      </div>
      <Field
        label="Passphrase"
        type="password"
        autoComplete="current-password"
        value={signer.passphrase}
        onValue={signer.setPassphrase}
        error={errors.passphrase}
        hint={keychain.stored !== null ? 'Kept in the OS keychain: leave empty to use it.' : undefined}
      />
      {keychain.desktop &&
        (keychain.available ? (
          <label className="check">
            <input type="checkbox" checked={signer.remember} onChange={(e) => signer.setRemember(e.target.checked)} /> Keep this passphrase in the OS keychain
          </label>
        ) : (
          keychain.reason && <p className="muted small">{keychain.reason}</p>
        ))}
    </>
  );
}
