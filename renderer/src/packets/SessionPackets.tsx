import { useCall } from '../api/useCall';
import { formatMoment } from '../format/dates';

/** The packets issued for one session, on its page: which bytes were signed, by whom, when. */
export function SessionPackets({ sessionId, onExport }: { sessionId: string; onExport(): void }) {
  const packets = useCall('packets.list', { sessionId });
  const list = packets.value ?? [];
  return (
    <section className="card" aria-labelledby={`packets-${sessionId}`}>
      <h2 id={`packets-${sessionId}`}>Decision packets</h2>
      {list.length === 0 ? (
        <p className="empty">No packet yet. Export the signed packet of this session from Packets.</p>
      ) : (
        <ul className="session-packets" aria-label="Packets of this session">
          {list.map((p) => (
            <li key={p.id}>
              <strong>{p.fileName}</strong> · signed by {p.signerName},{' '}
              <time dateTime={p.signedAt} title={p.signedAt}>
                {formatMoment(p.signedAt)}
              </time>{' '}
              · {p.pages} pages
              <code className="hash block">SHA-256 {p.sha256}</code>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onExport}>
        Export a signed packet…
      </button>
    </section>
  );
}
