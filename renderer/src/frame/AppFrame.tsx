import { useEffect, useState } from 'react';
import type { CycleInfo } from '../../../shared/contract/calls';
import { useConnection } from '../api/useConnection';
import { formatPeriod } from '../format/dates';
import { Evidence } from '../evidence/Evidence';
import { Inventory } from '../inventory/Inventory';
import { Overview } from '../overview/Overview';
import { Packets } from '../packets/Packets';
import { HeatmapPlace } from '../heatmap/HeatmapPlace';
import { CommandPalette, type Command } from '../commandPalette/CommandPalette';
import { TaxonomyView } from '../settings/TaxonomyView';
import { Registers } from '../registers/Registers';
import { Sessions } from '../sessions/Sessions';
import { isDisconnected } from '../api/transport';
import { AuditShield } from './AuditShield';
import { PersonChooser } from './PersonChooser';
import { AuditPlace } from '../audit/AuditPlace';
import { HistoryProvider, type AuditTarget } from '../audit/historyLink';
import { railRoute } from '../filters/sharedFilters';
import { ConnectionNotice } from './ConnectionNotice';
import { formatRoute, placeOf, type Place, type Route } from '../routes/route';
import type { Navigate } from '../routes/useRoute';
import { auditQuery, auditTargetOf } from '../routes/auditQuery';
import { HelpPanel } from '../help/HelpPanel';
import { useHelpKey } from '../help/useHelpKey';
import { Icon } from './icons';
import { NoticeProvider } from './Notices';
import { ImportNotices } from '../evidence/ImportNotices';

const PLACES: { id: Place; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'inventory', label: 'Inventory' },
  { id: 'heatmap', label: 'Heatmap' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'registers', label: 'Registers' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'packets', label: 'Packets' },
  { id: 'audit', label: 'Audit' },
  { id: 'settings', label: 'Settings' },
];

interface Props {
  cycle: CycleInfo;
  route: Route;
  /** An address that named no place: the app shows the Overview and says so, quietly. */
  unknownAddress: string | null;
  navigate: Navigate;
  onNewCycle(): void;
  onNextCycle(): void;
  /** The cycle was just started from its predecessor; the Overview says what was carried. */
  fresh?: boolean;
  onOpenCycle(): void;
  onCloseCycle(): void;
}

/** The rail of places, the top bar (cycle, period, who is using the app, audit shield, command palette) and the current place. */
export function AppFrame({ cycle, route, unknownAddress, navigate, onNewCycle, onNextCycle, fresh, onOpenCycle, onCloseCycle }: Props) {
  const [commandPaletteOpen, setCommandPaletteOpen] = useState(false);
  const place = placeOf(route);
  // The place whose help is open (F1, ?, the command palette or the top bar), or null.
  const [help, setHelp] = useState<string | null>(null);
  useHelpKey(place, setHelp);
  const [verifyRequest, setVerifyRequest] = useState(0);
  // The rail opens a place as it is (the inventory and the heatmap keep their shared filters); a figure of the Overview or a record's "History" opens a route with its filter in the query.
  const go = (p: Place) => navigate(railRoute(route, p));
  const openHistory = (target: AuditTarget) => navigate({ place: 'audit', query: auditQuery(target) });
  // A list's filters or tab changing in place replace the address rather than add a step to Back.
  const refine = (to: Route) => navigate(to, 'replace');
  const connection = useConnection();
  const period = formatPeriod(cycle.periodStart, cycle.periodEnd);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setCommandPaletteOpen((open) => !open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const commands: Command[] = [
    ...PLACES.map((p) => ({ id: `go-${p.id}`, label: `Go to ${p.label}`, run: () => go(p.id) })),
    { id: 'verify', label: 'Verify audit chain', run: () => { go('overview'); setVerifyRequest((n) => n + 1); } },
    { id: 'new', label: 'New cycle', run: onNewCycle },
    { id: 'next', label: 'Start next cycle', run: onNextCycle },
    { id: 'open', label: 'Open cycle', run: onOpenCycle },
    { id: 'close', label: 'Close cycle', run: onCloseCycle },
    ...PLACES.map((p) => ({ id: `help-${p.id}`, label: `Help: ${p.label}`, run: () => setHelp(p.id) })),
  ];

  return (
    <HistoryProvider value={openHistory}>
      <NoticeProvider>
        <ImportNotices />
        <div className="frame">
          <nav className="rail" aria-label="Places">
            <div className="rail-brand" aria-hidden="true">
              MRB
            </div>
            <ul>
              {PLACES.map((p) => (
                <li key={p.id}>
                  <button type="button" className="rail-item" aria-current={place === p.id ? 'page' : undefined} onClick={() => go(p.id)}>
                    <Icon name={p.id} />
                    {p.label}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div className="frame-main">
            <header className="topbar">
              <div className="topbar-cycle">
                <span className="topbar-name">{cycle.name}</span>
                <span className="topbar-period" title={period.iso ?? undefined}>
                  {period.text}
                </span>
              </div>
              <div className="topbar-tools">
                <ConnectionNotice state={connection} className="reconnecting" />
                <PersonChooser onRoster={() => go('settings')} />
                <AuditShield audit={cycle.audit} disconnected={isDisconnected(connection)} />
                <button type="button" className="topbar-button" onClick={() => setHelp(place)} aria-keyshortcuts="F1">
                  <Icon name="help" />
                  Help <kbd>F1</kbd>
                </button>
                <button type="button" className="topbar-button" onClick={() => setCommandPaletteOpen(true)} aria-keyshortcuts="Control+K">
                  <Icon name="commands" />
                  Commands <kbd>Ctrl K</kbd>
                </button>
              </div>
            </header>
            <main className={`place place-${place}`}>
              {unknownAddress !== null && (
                <p className="notice route-notice" role="status">
                  No place is at the address {unknownAddress}; here is the Overview.
                </p>
              )}
              {route.place === 'overview' && <Overview cycle={cycle} verifyRequest={verifyRequest} fresh={fresh} onPlace={go} onDrill={navigate} onNextCycle={onNextCycle} />}
              {(route.place === 'inventory' || route.place === 'models') && <Inventory cycleName={cycle.name} route={route} onRoute={refine} onModel={navigate} />}
              {(route.place === 'heatmap' || route.place === 'matrix') && <HeatmapPlace route={route} onRoute={refine} />}
              {route.place === 'sessions' && <Sessions route={route} navigate={navigate} onExportPackets={() => go('packets')} />}
              {route.place === 'registers' && <Registers cycleId={cycle.id} cycleName={cycle.name} onPlace={go} route={route} onRoute={refine} />}
              {route.place === 'evidence' && <Evidence bundle={route.bundle} onBundle={(bundle) => navigate({ place: 'evidence', bundle })} />}
              {route.place === 'packets' && <Packets />}
              {route.place === 'audit' && <AuditPlace key={formatRoute(route)} target={auditTargetOf(route.query)} cycleName={cycle.name} />}
              {route.place === 'settings' && <TaxonomyView />}
            </main>
          </div>
          {commandPaletteOpen && <CommandPalette commands={commands} onRoute={navigate} onClose={() => setCommandPaletteOpen(false)} />}
          {help !== null && <HelpPanel place={help} onClose={() => setHelp(null)} />}
        </div>
      </NoticeProvider>
    </HistoryProvider>
  );
}
