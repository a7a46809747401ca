import { useEffect, useRef } from 'react';
import { keepFocusInside } from './dialogFocus';

const CHAIR_SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['N', '→'], what: 'Next item' },
  { keys: ['P', '←'], what: 'Previous item' },
  { keys: ['A'], what: 'Record: approved' },
  { keys: ['C'], what: 'Record: approved with conditions' },
  { keys: ['R'], what: 'Record: rejected' },
  { keys: ['D'], what: 'Record: deferred' },
  { keys: ['Ctrl', 'Enter'], what: 'In the decision form: record it' },
  { keys: ['Esc'], what: 'Close the form or this list' },
  { keys: ['?'], what: 'Show or hide this list' },
  { keys: ['F1'], what: 'Help on Sessions: the quorum rule, votes, what each number means' },
];

/** The chairing keys, a `?` away: a chair in front of a room should not have to remember them. */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="dialog-backdrop" onMouseDown={onClose}>
      <div
        className="confirm-dialog shortcut-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-title"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          keepFocusInside(e);
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id="shortcut-title">Chairing shortcuts</h2>
        <table className="compact">
          <tbody>
            {CHAIR_SHORTCUTS.map((s) => (
              <tr key={s.what}>
                <td className="shortcut-keys">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && (s.keys[0] === 'Ctrl' ? ' ' : ' or ')}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </td>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button type="button" ref={close} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
