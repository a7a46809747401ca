import { useMemo, type KeyboardEvent } from 'react';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { FindingsTab } from '../findings/FindingsTab';
import type { Place, Route } from '../routes/route';
import { AcceptanceRegister } from './AcceptanceRegister';
import { ActionRegister } from './ActionRegister';
import {
  acceptanceFilters,
  actionFilters,
  findingFilters,
  tabOf,
  withAcceptanceFilters,
  withActionFilters,
  withFindingFilters,
  withTab,
  type RegisterTab,
} from './registerQuery';

const TABS: { id: RegisterTab; label: string }[] = [
  { id: 'actions', label: 'Actions and acceptances' },
  { id: 'findings', label: 'Findings' },
];

/**
 * What the board's decisions left to follow up: the actions (conditions and mitigations)
 * and the risks accepted until a date on one tab, the findings register on the other.
 * The tab and every filter live in the address, so a link (or a figure of the Overview)
 * opens the same list.
 */
export function Registers({ cycleId, cycleName, onPlace, route, onRoute }: { cycleId: string; cycleName: string; onPlace(place: Place): void; route: Route; onRoute(to: Route): void }) {
  const query = route.query;
  const tab = tabOf(query);
  const setTab = (next: RegisterTab) => onRoute({ place: 'registers', query: withTab(query, next) });
  const refine = (next: Record<string, string>) => onRoute({ place: 'registers', query: next });
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
          <FollowUpRegisters cycleName={cycleName} onPlace={onPlace} query={query} onQuery={refine} />
        ) : (
          <FindingsTab cycleId={cycleId} cycleName={cycleName} filters={findingFilters(query)} onFilters={(f) => refine(withFindingFilters(query, f))} />
        )}
      </div>
    </div>
  );
}

function FollowUpRegisters({ cycleName, onPlace, query, onQuery }: { cycleName: string; onPlace(place: Place): void; query: Route['query']; onQuery(q: Record<string, string>): void }) {
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
              <ActionRegister rows={rows} cycleName={cycleName} filters={actionFilters(query)} onFilters={(f) => onQuery(withActionFilters(query, f))} notMet={notMet} />
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
              <AcceptanceRegister rows={rows} cycleName={cycleName} filters={acceptanceFilters(query)} onFilters={(f) => onQuery(withAcceptanceFilters(query, f))} />
            )
          }
        </Loaded>
      </section>
    </>
  );
}
