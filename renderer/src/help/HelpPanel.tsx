import { useRef } from 'react';
import './help.css';
import { useDialogFocus } from '../sessions/dialogFocus';
import { COMMON_KEYS, helpTopic, type HelpTopic } from './helpTopics';

function KeyRows({ keys }: { keys: HelpTopic['keys'] }) {
  return (
    <>
      {keys.map((k) => (
        <tr key={k.what}>
          <td className="shortcut-keys">
            {k.keys.map((key, i) => (
              <span key={key}>
                {i > 0 && (k.keys[0] === 'Ctrl' || k.keys[0] === 'Alt' ? ' ' : ' or ')}
                <kbd>{key}</kbd>
              </span>
            ))}
          </td>
          <td>{k.what}</td>
        </tr>
      ))}
    </>
  );
}

/**
 * The help of the place on screen, in the right-hand drawer over it: what the place is for,
 * its keys, and what its numbers mean. Keys pressed inside stay inside, so a place's own
 * single-key shortcuts (Chairing's N, P, A…) do not act behind the panel.
 */
export function HelpPanel({ place, onClose }: { place: string; onClose(): void }) {
  const topic = helpTopic(place);
  const panel = useRef<HTMLElement>(null);
  useDialogFocus(panel);
  return (
    <aside
      ref={panel}
      className="drawer help-panel no-print"
      role="dialog"
      aria-modal="true"
      aria-labelledby="help-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' || e.key === 'F1' || e.key === '?') {
          e.preventDefault();
          onClose();
        }
        if (!(e.ctrlKey || e.metaKey)) e.stopPropagation();
      }}
    >
      <div className="drawer-head">
        <h2 id="help-title">Help: {topic.title}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="drawer-body">
        <p>{topic.purpose}</p>
        <h3>Keys</h3>
        <table className="compact shortcut-help" aria-label="Keys">
          <tbody>
            <KeyRows keys={topic.keys} />
            <KeyRows keys={COMMON_KEYS} />
          </tbody>
        </table>
        {topic.terms.length > 0 && (
          <>
            <h3>What the numbers mean</h3>
            <dl className="help-terms">
              {topic.terms.map((t) => (
                <div key={t.term}>
                  <dt>{t.term}</dt>
                  <dd>{t.definition}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </div>
    </aside>
  );
}
