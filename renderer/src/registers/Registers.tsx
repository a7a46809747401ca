import { useMemo, useState, type KeyboardEvent } from 'react';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import type { Place } from '../frame/AppFrame';
import { FindingsTab } from '../findings/FindingsTab';
import type { DrillDown } from '../overview/drillDown';
import { AcceptanceRegister } from './AcceptanceRegister';
import { ActionRegister } from './ActionRegister';

type Tab = 'actions' | 'findings';
const TABS: { id: Tab; label: string }[] = [
  { id: 'actions', label: 'Actions and acceptances' },
  { id: 'findings', label: 'Findings' },
];

type RegistersView = Extract<DrillDown, { place: 'registers' }>;

/**
 * What the board's decisions left to follow up: the actions (conditions and mitigations)
 * and the risks accepted until a date on one tab, the findings register on the other.
 * Opened from a figure of the Overview, the tab and filter behind the figure are set.
 */
export function Registers({ cycleId, cycleName, onPlace, view }: { cycleId: string; cycleName: string; onPlace(place: Place): void; view?: RegistersView }) {
  const [tab, setTab] = useState<Tab>(view?.tab ?? 'actions');
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = TABS[(TABS.findIndex((t) => t.id === tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    setTab(next.id);
    document.getElementById(`registers-tab-${next.id}`)?.focus();
  };
  return (
    <div className="registers">
      <header className="place-header">
        <div>
          <h1>Registers</h1>
          <p className="muted">Follow-up of the board&apos;s decisions and the findings on the models, across every session and carried from earlier cycles.</p>
        </div>
      </header>
      <div className="tabs" role="tablist" aria-label="Registers" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`registers-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`registers-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`registers-panel-${tab}`} aria-labelledby={`registers-tab-${tab}`}>
        {tab === 'actions' ? (
          <FollowUpRegisters cycleName={cycleName} onPlace={onPlace} view={view?.tab === 'actions' ? view : undefined} />
        ) : (
          <FindingsTab cycleId={cycleId} cycleName={cycleName} initial={view?.tab === 'findings' ? view.findings : undefined} />
        )}
      </div>
    </div>
  );
}

function FollowUpRegisters({ cycleName, onPlace, view }: { cycleName: string; onPlace(place: Place): void; view?: Extract<RegistersView, { tab: 'actions' }> }) {
  const actions = useCall('registers.actions', {});
  const acceptances = useCall('registers.acceptances', {});
  const findings = useCall('findings.register', {});
  // A condition whose rule a bundle did not meet raised a finding naming the value seen.
  const notMet = useMemo(() => new Map((findings.value ?? []).flatMap((f) => (f.conditionId === null ? [] : [[f.conditionId, f.title] as const]))), [findings.value]);
  const toSessions = (
    <button type="button" onClick={() => onPlace('sessions')}>
      Go to Sessions
    </button>
  );
  return (
    <>
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
              <ActionRegister rows={rows} cycleName={cycleName} initialStatus={view?.actionStatus} notMet={notMet} />
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
              <AcceptanceRegister rows={rows} cycleName={cycleName} initialState={view?.acceptanceState} initialWithin={view?.expiringWithin} />
            )
          }
        </Loaded>
      </section>
    </>
  );
}
