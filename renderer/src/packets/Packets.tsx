import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { CallResult, KnownIdentity } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { placeError } from '../forms/fieldErrors';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { Field } from '../forms/Field';
import { formatMoment } from '../format/dates';
import { SignerFields, useSigner } from './Signer';
import { Signers } from './Signers';
import { Icon } from '../frame/icons';
import { CopyButton } from '../frame/CopyButton';
import { useNotify } from '../frame/Notices';
import { ExportProgress } from './ExportProgress';
import { usePacketExport } from './packetExport';

type Errors = Record<string, string>;

/** The export form's fields a refusal may name. */
const EXPORT_FIELDS = ['sessionId', 'identity', 'passphrase', 'out'] as const;

/** Puts a call's error at its field, or under the form (`form`) when it names none this form shows. */
function errorsOf(err: unknown, fields: readonly string[]): Errors {
  const placed = placeError(asCallError(err).error, fields);
  return placed.form === null ? (placed.fields as Errors) : { form: placed.form };
}

function NewIdentity({ onDone }: { onDone(identity: KnownIdentity): void }) {
  const { client } = useApi();
  const [v, setV] = useState({ name: '', email: '', organisation: '', out: 'signer.p12', caOut: 'board-ca.pem', passphrase: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      onDone(await client.call('identities.create', { ...v, caOut: v.caOut.trim() === '' ? undefined : v.caOut }));
    } catch (err) {
      setErrors(errorsOf(err, Object.keys(v)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" aria-label="New signing identity" onSubmit={(e) => void submit(e)}>
      <div className="field-row">
        <Field label="Signer name" value={v.name} onValue={set('name')} error={errors.name} />
        <Field label="Email" value={v.email} onValue={set('email')} error={errors.email} />
      </div>
      <Field label="Organisation" value={v.organisation} onValue={set('organisation')} error={errors.organisation} />
      <div className="field-row">
        <Field label="Identity file" value={v.out} onValue={set('out')} error={errors.out} hint="A .p12, encrypted with the passphrase." />
        <Field label="CA certificate file" value={v.caOut} onValue={set('caOut')} error={errors.caOut} hint="For auditors to trust once." />
      </div>
      <Field label="Passphrase" type="password" autoComplete="new-password" value={v.passphrase} onValue={set('passphrase')} error={errors.passphrase} hint="At least 8 characters; it alone protects the private key." />
      {errors.form && <p className="form-error" role="alert">{errors.form}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating keys…' : 'Create identity'}
        </button>
      </div>
    </form>
  );
}

function ExportForm({ onIdentity }: { onIdentity(): void }) {
  const { desktop } = useApi();
  const sessions = useCall('sessions.list', {});
  const identities = useCall('identities.list', {});
  // Where a bare name lands: the workspace's own folder (the service resolves it there).
  const folder = useCall('cycle.info', {}).value?.path.replace(/[\\/][^\\/]*$/, '') || null;
  const [sessionId, setSessionId] = useState('');
  const signer = useSigner(identities.value);
  const [out, setOut] = useState('');
  const [creating, setCreating] = useState(false);
  const packetExport = usePacketExport();
  const { running, outcome } = packetExport;
  const errors: Errors = outcome?.kind === 'refused' ? errorsOf(outcome.error, EXPORT_FIELDS) : {};
  const done = outcome?.kind === 'saved' ? outcome.packet : null;
  const notify = useNotify();
  // Whether the analyst is still here when an export ends: if not, a failure must reach them as a notice.
  const shown = useRef(false);
  useEffect(() => {
    shown.current = true;
    return () => {
      shown.current = false;
    };
  }, []);
  const closed = (sessions.value ?? []).filter((s) => s.status === 'closed');
  const chosenSession = sessionId || closed[0]?.id || '';
  const session = closed.find((s) => s.id === chosenSession);
  const outFile = out || (session ? `session-${session.number}-decision-packet.pdf` : '');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ended = await packetExport.start({ sessionId: chosenSession, identity: signer.fingerprint, passphrase: signer.usable(), out: outFile });
    if (ended.kind === 'refused' && !shown.current) notify(`The packet export failed: ${ended.error.message} Export it again from Packets.`, 'failed');
    if (ended.kind !== 'saved') return;
    // Signing takes a while; the analyst may have scrolled to the list or the verifier, or left the place, meanwhile.
    notify(`Packet signed and saved to ${ended.packet.savedTo}.`);
    await signer.signed();
  };

  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">Export a signed packet</h2>
      <p className="muted">A packet signs the decisions of a closed session; an open session cannot be exported, since its decisions can still change.</p>
      {closed.length === 0 ? (
        <p className="empty">No session is closed yet. Close a session in Sessions, then export its packet here.</p>
      ) : (
        <form className="form" aria-label="Export packet" onSubmit={(e) => void submit(e)}>
          <div className={`field${errors.sessionId ? ' field-invalid' : ''}`}>
            <label htmlFor="packet-session">Session</label>
            <select id="packet-session" value={chosenSession} onChange={(e) => setSessionId(e.target.value)}>
              {closed.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.number}: {s.title} ({s.date})
                </option>
              ))}
            </select>
            {errors.sessionId && <p className="field-error">{errors.sessionId}</p>}
          </div>
          <SignerFields signer={signer} id="packet-identity" label="Signing identity" none="No identity yet: create one below." errors={errors}>
            <button type="button" className="link" onClick={() => setCreating((c) => !c)}>
              {creating ? 'Hide the new identity form' : 'New signing identity…'}
            </button>
          </SignerFields>
          <Field label="Save as" value={outFile} onValue={setOut} error={errors.out} hint={`A name is saved in the workspace's folder${folder ? `, ${folder}` : ''}; a full path where it says. A new file: an existing one is never overwritten.`} />
          {desktop && (
            <button
              type="button"
              className="quiet"
              onClick={() =>
                void desktop.choosePdfSavePath(outFile).then((chosen) => {
                  if (chosen !== null) setOut(chosen);
                })
              }
            >
              Choose where to save…
            </button>
          )}
          {errors.form && <p className="form-error" role="alert">{errors.form}</p>}
          <div className="actions">
            <button type="submit" className="primary" disabled={running !== null || !signer.fingerprint}>
              <Icon name="sign" />
              {running !== null ? 'Exporting…' : 'Export and sign'}
            </button>
          </div>
          {running !== null && <ExportProgress phase={running.phase} cancelling={running.cancelling} onCancel={() => void packetExport.cancel()} />}
          {outcome?.kind === 'cancelled' && (
            <p role="status" className="notice">
              {outcome.message}
            </p>
          )}
          {done && (
            <p role="status" className="saved-note">
              Signed packet {done.fileName} saved: {done.pages} pages, SHA-256 <code>{done.sha256}</code> <CopyButton value={done.sha256} what="the packet's SHA-256" />. Full path:{' '}
              <span className="path">{done.savedTo}</span> <CopyButton value={done.savedTo} what="the packet's path" />.
            </p>
          )}
        </form>
      )}
      {creating && (
        <NewIdentity
          onDone={(i) => {
            setCreating(false);
            signer.pick(i.fingerprint);
            identities.reload();
            onIdentity();
          }}
        />
      )}
    </section>
  );
}

function PacketList() {
  const packets = useCall('packets.list', {});
  const sessions = useCall('sessions.list', {});
  const number = new Map((sessions.value ?? []).map((s) => [s.id, s.number]));
  return (
    <section className="card" aria-labelledby="packets-title">
      <h2 id="packets-title">Exported packets</h2>
      <Loaded state={packets} what="the packets">
        {(list) =>
          list.length === 0 ? (
            <p className="empty">No packet has been exported yet.</p>
          ) : (
            <table className="data" aria-label="Packets">
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">File</th>
                  <th scope="col">SHA-256</th>
                  <th scope="col">Signer</th>
                  <th scope="col">Signed</th>
                  <th scope="col" className="num">
                    Pages
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((p) => (
                  <tr key={p.id}>
                    <td>{number.get(p.sessionId) ?? p.sessionId}</td>
                    <td>{p.fileName}</td>
                    <td>
                      <code className="hash" title={p.sha256}>
                        {p.sha256}
                      </code>
                    </td>
                    <td title={p.signerFingerprint}>{p.signerName}</td>
                    <td>
                      <time dateTime={p.signedAt} title={p.signedAt}>
                        {formatMoment(p.signedAt)}
                      </time>
                    </td>
                    <td className="num">{p.pages}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}

function Verify() {
  const { client, pathForDrop } = useApi();
  const [dragging, setDragging] = useState(false);
  const [file, setFile] = useState('');
  const [ca, setCa] = useState('');
  const [report, setReport] = useState<CallResult<'packets.verify'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = async (path: string) => {
    setError(null);
    setReport(null);
    try {
      setReport(await client.call('packets.verify', ca.trim() === '' ? { path } : { path, trustedCa: ca }));
    } catch (err) {
      setError(asCallError(err).message);
    }
  };
  const drop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0];
    if (!dropped) return;
    try {
      await check(await pathForDrop(dropped));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section
      className={`card drop-zone${dragging ? ' dragging' : ''}`}
      aria-labelledby="verify-title"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => void drop(e)}
    >
      <h2 id="verify-title">Verify a packet</h2>
      <p className="muted">
        Drop a signed PDF here, or give its path. The check is the one mrb verify makes: every signature, that nothing but signatures was added after the first, each signer&apos;s chain and the
        attached record. Signers are trusted when they chain to the CA of an identity you created or added here, or to the CA certificate given below.
      </p>
      <form
        className="form"
        aria-label="Verify packet"
        onSubmit={(e) => {
          e.preventDefault();
          void check(file);
        }}
      >
        <div className="field-row">
          <Field label="Packet file" value={file} onValue={setFile} />
          <Field label="Trusted CA certificate (optional)" value={ca} onValue={setCa} hint="Besides the CAs of your identities." />
        </div>
        <div className="actions">
          <button type="submit" disabled={file.trim() === ''}>
            Verify
          </button>
        </div>
      </form>
      {error && <p className="form-error" role="alert">{error}</p>}
      {report && <VerifyReport report={report} />}
    </section>
  );
}

const VERDICT_TEXT: Record<CallResult<'packets.verify'>['verdict'], string> = {
  valid: 'valid',
  'signature intact, signer not trusted': 'signature intact, signer not trusted',
  'not valid': 'NOT valid',
};

/** The verdict first (valid only when every signer is trusted), what vouched for the signers, the cycle, then each check. */
function VerifyReport({ report }: { report: CallResult<'packets.verify'> }) {
  return (
    <div className="verify-report" role="status" aria-label="Verification">
      <p className={report.verdict === 'valid' ? 'verdict verdict-ok' : 'verdict verdict-bad'}>
        {report.file}: {VERDICT_TEXT[report.verdict]}
        {report.signer && ` — signed by ${report.signer.name}`}
        {report.signer && report.signedAt && (
          <>
            {' on '}
            <time dateTime={report.signedAt} title={report.signedAt}>
              {formatMoment(report.signedAt)}
            </time>
          </>
        )}
      </p>
      {report.trustedBy.length > 0 ? (
        <p>Trusted: {report.trustedBy.join('; ')}.</p>
      ) : (
        report.verdict !== 'not valid' && (
          <p className="notice notice-warn">
            No CA trusted here vouches for the signer: anyone can make a CA with the board&apos;s names. Create or add the board&apos;s signing identity here, or give the board&apos;s CA certificate
            above.
          </p>
        )
      )}
      {report.cycle?.isOpenCycle === false && (
        <p className="notice notice-warn">
          This packet belongs to another cycle: {report.cycle.name || 'unnamed'} (id {report.cycle.id}), not the one open here.
        </p>
      )}
      <Signers report={report} />
      <ul className="checks">
        {report.checks.map((c) => (
          <li key={c.name} className={c.ok ? 'check-ok' : 'check-bad'}>
            <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span> <strong>{c.name}</strong>: {c.detail}
          </li>
        ))}
      </ul>
      {report.signer && <p className="muted small">Certificate SHA-256 {report.signer.fingerprintDisplay}</p>}
    </div>
  );
}

/**
 * A member countersigns a packet they were sent: their identity (created or added here) signs
 * it as an incremental update, in place by default, and the result is checked at once.
 */
function CountersignForm({ identitiesChanged }: { identitiesChanged: number }) {
  const { client } = useApi();
  const identities = useCall('identities.list', {});
  const { reload } = identities;
  // An identity made in the export form above is one this member can sign with at once.
  useEffect(() => {
    if (identitiesChanged > 0) reload();
  }, [identitiesChanged, reload]);
  const [file, setFile] = useState('');
  const [out, setOut] = useState('');
  const signer = useSigner(identities.value);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [report, setReport] = useState<CallResult<'packets.countersign'> | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setReport(null);
    setBusy(true);
    try {
      setReport(await client.call('packets.countersign', { path: file, identity: signer.fingerprint, passphrase: signer.usable(), out: out.trim() === '' ? file : out }));
      await signer.signed();
    } catch (err) {
      setErrors(errorsOf(err, ['path', 'identity', 'passphrase', 'out']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="countersign-title">
      <h2 id="countersign-title">Countersign a packet</h2>
      <p className="muted">
        A voting member adds their signature to the packet the chair signed. Nothing else in the file changes: its pages, its record and every earlier signature stay as they are. Pass the file on
        to the next member.
      </p>
      <form className="form" aria-label="Countersign packet" onSubmit={(e) => void submit(e)}>
        <div className="field-row">
          <Field label="Packet to countersign" value={file} onValue={setFile} error={errors.path} />
          <Field label="Save as" value={out} onValue={setOut} error={errors.out} hint="Empty: the packet itself, replaced once signed." />
        </div>
        <SignerFields
          signer={signer}
          id="countersign-identity"
          label="Countersign as"
          none="No identity yet: create or add yours under Export a signed packet."
          errors={errors}
        />
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || file.trim() === '' || !signer.fingerprint}>
            {busy ? 'Signing…' : 'Countersign'}
          </button>
        </div>
      </form>
      {report && (
        <>
          <p role="status" className="saved-note">
            Countersigned {report.file}: signature {report.signatures.length} of {report.signatures.length}.
          </p>
          <VerifyReport report={report} />
        </>
      )}
    </section>
  );
}

/** Signed decision packets: export from a closed session, the list of what was issued, the verifier, and a member's countersignature. */
export function Packets() {
  const [identitiesChanged, setIdentitiesChanged] = useState(0);
  return (
    <div>
      <header className="place-header">
        <h1>Packets</h1>
      </header>
      <ExportForm onIdentity={() => setIdentitiesChanged((n) => n + 1)} />
      <PacketList />
      <Verify />
      <CountersignForm identitiesChanged={identitiesChanged} />
    </div>
  );
}
