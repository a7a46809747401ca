import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import type { Place } from '../frame/AppFrame';
import { AcceptanceRegister } from './AcceptanceRegister';
import { ActionRegister } from './ActionRegister';

/**
 * What the board's decisions left to follow up across all sessions: the actions
 * (conditions and mitigations) with their owners and due dates, and the risks accepted
 * until a date. Both are fetched again on every change, so a decision recorded in another
 * window shows up here at once.
 */
export function Registers({ cycleName, onPlace }: { cycleName: string; onPlace(place: Place): void }) {
  const actions = useCall('registers.actions', {});
  const acceptances = useCall('registers.acceptances', {});
  const toSessions = (
    <button type="button" onClick={() => onPlace('sessions')}>
      Go to Sessions
    </button>
  );
  return (
    <div className="registers">
      <header className="place-header">
        <div>
          <h1>Registers</h1>
          <p className="muted">Follow-up of the board&apos;s decisions across every session of the cycle.</p>
        </div>
      </header>
      <section className="register-section" aria-labelledby="actions-heading">
        <h2 id="actions-heading">Action register</h2>
        <Loaded state={actions} what="the action register">
          {(rows) =>
            rows.length === 0 ? (
              <div className="card empty-state">
                <p>No actions yet. The conditions and mitigations the board records in a session land here, with their owner, due date and status, overdue first.</p>
                {toSessions}
              </div>
            ) : (
              <ActionRegister rows={rows} cycleName={cycleName} />
            )
          }
        </Loaded>
      </section>
      <section className="register-section" aria-labelledby="acceptances-heading">
        <h2 id="acceptances-heading">Acceptance register</h2>
        <Loaded state={acceptances} what="the acceptance register">
          {(rows) =>
            rows.length === 0 ? (
              <div className="card empty-state">
                <p>No risk acceptances yet. A risk the board accepts in a decision lands here with its approver, compensating controls and expiry; expired and expiring ones first.</p>
                {toSessions}
              </div>
            ) : (
              <AcceptanceRegister rows={rows} cycleName={cycleName} />
            )
          }
        </Loaded>
      </section>
    </div>
  );
}
