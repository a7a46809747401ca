import { useState } from 'react';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { formatDay } from '../format/dates';
import { SessionForm } from './SessionForm';
import { Icon } from '../frame/icons';

/** The cycle's board meetings, newest first, and the way to schedule the next one. */
export function SessionList({ onOpen }: { onOpen(sessionId: string): void }) {
  const sessions = useCall('sessions.list', {});
  const [creating, setCreating] = useState(false);

  return (
    <div className="sessions">
      <header className="place-header">
        <div>
          <h1>Sessions</h1>
          <p className="muted">Board meetings of this cycle: attendance, the agenda of models, and what the board decided.</p>
        </div>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            <Icon name="plus" />
            New session
          </button>
        )}
      </header>
      {creating && <SessionForm onSaved={(d) => onOpen(d.session.id)} onCancel={() => setCreating(false)} />}
      <Loaded state={sessions} what="the sessions">
        {(list) =>
          list.length === 0 ? (
            !creating && (
              <section className="card empty-state">
                <h2>No sessions yet</h2>
                <p>
                  A session is one review-board meeting: who attended and whether they make a quorum, an agenda of the riskiest models built from the heatmap, and the board&apos;s
                  decision on each, with its conditions, mitigations and risk acceptances.
                </p>
                <button type="button" className="primary" onClick={() => setCreating(true)}>
                  Create the first session
                </button>
              </section>
            )
          ) : (
            <table className="data session-table" aria-label="Sessions">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    #
                  </th>
                  <th scope="col">Title</th>
                  <th scope="col">Date</th>
                  <th scope="col">Chair</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Decided
                  </th>
                  <th scope="col">Quorum</th>
                </tr>
              </thead>
              <tbody>
                {list.map((s) => (
                  <tr key={s.id}>
                    <td className="num">{s.number}</td>
                    <td>
                      <button type="button" className="link" onClick={() => onOpen(s.id)}>
                        {s.title}
                      </button>
                      {s.location && <span className="muted small"> · {s.location}</span>}
                    </td>
                    <td>
                      <time dateTime={s.date} title={s.date}>
                        {formatDay(s.date)}
                      </time>
                    </td>
                    <td>{s.chair}</td>
                    <td>
                      <span className={`status-word status-${s.status}`}>{s.status === 'open' ? 'Open' : 'Closed'}</span>
                    </td>
                    <td className="num">
                      {s.decided}/{s.items}
                    </td>
                    <td>
                      <span className={s.quorumMet ? 'quorum-ok' : 'quorum-short'}>{s.quorumMet ? 'Met' : 'Not met'}</span>
                      <span className="muted small">
                        {' '}
                        · {s.present} of {s.attendees} present
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </div>
  );
}
