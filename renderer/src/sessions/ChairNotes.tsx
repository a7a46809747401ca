import { useEffect, useId, useRef, useState } from 'react';
import type { SessionDetail } from '../../../shared/sessions/session';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';

interface Props {
  sessionId: string;
  /** The item the note is on, or null for the session as a whole. */
  itemId: string | null;
  saved: string | null;
  label: string;
  readOnly: boolean;
  onDetail(detail: SessionDetail): void;
}

/**
 * The chair's note, which the minutes carry. Saved with the button, Ctrl+Enter, or on
 * leaving the field, so a note is never lost by moving to the next item. Keyed by item
 * where it is used, so each item starts from its own note.
 */
export function ChairNotes({ sessionId, itemId, saved, label, readOnly, onDetail }: Props) {
  const { client } = useApi();
  const id = useId();
  const [text, setText] = useState(saved ?? '');
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const dirty = text !== (saved ?? '');

  // A note saved from another window replaces the text here, unless the chair is editing it.
  const lastSaved = useRef(saved ?? '');
  useEffect(() => {
    setText((t) => (t === lastSaved.current ? (saved ?? '') : t));
    lastSaved.current = saved ?? '';
  }, [saved]);

  const save = async () => {
    if (!dirty) return;
    try {
      onDetail(await client.call('sessions.notes', { sessionId, itemId, text }));
      setStatus({ ok: true, message: 'Saved.' });
    } catch (err) {
      setStatus({ ok: false, message: asCallError(err).message });
    }
  };

  if (readOnly) {
    return (
      <div className="chair-notes">
        <h3>{label}</h3>
        {saved ? <p className="note-text">{saved}</p> : <p className="muted">No note.</p>}
      </div>
    );
  }
  return (
    <div className="chair-notes field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setStatus(null);
        }}
        onBlur={() => void save()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
        aria-invalid={status?.ok === false ? true : undefined}
        aria-describedby={`${id}-status`}
      />
      <div className="notes-foot">
        <button type="button" onClick={() => void save()} disabled={!dirty}>
          Save note
        </button>
        <span id={`${id}-status`} className={status?.ok === false ? 'field-error' : 'muted small'} role="status">
          {status?.message ?? (dirty ? 'Not saved yet.' : '')}
        </span>
      </div>
    </div>
  );
}
