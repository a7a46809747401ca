import type { CallResult } from '../../../shared/contract/calls';
import { formatMoment } from '../format/dates';

type Report = CallResult<'packets.verify'>;

function Moment({ at }: { at: string | null }) {
  return at ? (
    <time dateTime={at} title={at}>
      {formatMoment(at)}
    </time>
  ) : (
    <>no time stated</>
  );
}

/**
 * Every signature of a packet in signing order (the board's first, then the members'
 * countersignatures), and the session's voting members against them: who has signed and
 * who has not yet, so a secretary knows whom to send the packet to next.
 */
export function Signers({ report }: { report: Report }) {
  const members = report.members;
  return (
    <section aria-label="Signers">
      <h3>Signers</h3>
      <table className="data" aria-label="Signatures">
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Signer</th>
            <th scope="col">Signed</th>
            <th scope="col">Trusted by</th>
          </tr>
        </thead>
        <tbody>
          {report.signatures.map((s, i) => (
            <tr key={i}>
              <td className="num">{i + 1}</td>
              <td title={s.fingerprintDisplay ? `Certificate SHA-256 ${s.fingerprintDisplay}` : undefined}>
                {s.signer ?? 'a signer whose certificate cannot be read'}
                {s.email && <span className="muted"> · {s.email}</span>}
                {i === 0 && <span className="muted"> · the packet&apos;s signer</span>}
              </td>
              <td>
                <Moment at={s.signedAt} />
              </td>
              <td>{s.trustedBy ?? <span className="check-bad">not trusted here</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {members && (
        <div aria-label="Voting members">
          <h3>
            Voting members of session {members.session}
            <span className="muted small"> ({members.source === 'workspace' ? 'as the open cycle records them' : "as the packet's record lists them"})</span>
          </h3>
          {members.notSigned.length === 0 ? (
            <p className="verdict-ok">Every voting member has signed.</p>
          ) : (
            <p>
              Not signed yet: <strong>{members.notSigned.map((m) => `${m.name}${m.role ? ` (${m.role})` : ''}`).join(', ')}</strong>.
            </p>
          )}
          {members.signed.length > 0 && (
            <ul className="checks" aria-label="Members who signed">
              {members.signed.map((m) => (
                <li key={m.signature} className={m.trustedBy ? 'check-ok' : 'check-bad'}>
                  <span aria-hidden="true">{m.trustedBy ? '✓' : '!'}</span> {m.name}
                  {m.role && ` (${m.role})`} signed (signature {m.signature}) <Moment at={m.signedAt} />
                  {!m.trustedBy && ', but no CA trusted here vouches for the certificate'}
                </li>
              ))}
            </ul>
          )}
          {members.others.length > 0 && (
            <p className="notice notice-warn">
              Signed by someone who is not a voting member of this session:{' '}
              {members.others.map((o) => `${o.signer ?? 'an unreadable signer'} (signature ${o.signature})`).join(', ')}.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
