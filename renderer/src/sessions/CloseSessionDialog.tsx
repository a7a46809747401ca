import { useEffect, useRef, useState } from 'react';
import type { SessionDetail } from '../../../shared/sessions/session';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { FormError } from '../forms/Field';
import { dialogKeys } from './dialogFocus';

/**
 * Closing locks the record for good, so it is confirmed, and the chair is told what
 * stays undecided. Cancel has the focus first: Enter by habit must not close a meeting.
 */
export function CloseSessionDialog({ detail, onClosed, onCancel }: { detail: SessionDetail; onClosed(detail: SessionDetail): void; onCancel(): void }) {
  const { client } = useApi();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const undecided = detail.items.filter((i) => i.decision === null);

  useEffect(() => cancel.current?.focus(), []);

  const close = async () => {
    setBusy(true);
    try {
      onClosed(await client.call('sessions.close', { sessionId: detail.session.id }));
    } catch (err) {
      setError(asCallError(err).message);
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={onCancel}>
      <div
        className="confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="close-session-title"
        aria-describedby="close-session-body"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => dialogKeys(e, { close: onCancel })}
      >
        <h2 id="close-session-title">Close session {detail.session.number}?</h2>
        <div id="close-session-body">
          <p>
            Closing locks attendance, the agenda and every decision. A later change is an amendment: a new record with its reason, and the original stays visible.
          </p>
          {undecided.length > 0 && (
            <p className="notice">
              {undecided.length} item{undecided.length === 1 ? ' has' : 's have'} no decision: {undecided.map((i) => i.modelName).join(', ')}. The minutes will say the board recorded no
              decision on {undecided.length === 1 ? 'it' : 'them'}.
            </p>
          )}
        </div>
        <FormError message={error} />
        <div className="actions">
          <button type="button" className="primary" onClick={() => void close()} disabled={busy}>
            Close session
          </button>
          <button type="button" ref={cancel} onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
