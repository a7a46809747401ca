import { useEffect, useState } from 'react';
import type { CycleInfo } from '../../../shared/contract/calls';
import { useConnection } from '../api/useConnection';
import { formatPeriod } from '../format/dates';
import { Evidence } from '../evidence/Evidence';
import { Inventory } from '../inventory/Inventory';
import { Overview } from '../overview/Overview';
import type { DrillDown } from '../overview/drillDown';
import { Packets } from '../packets/Packets';
import { RiskMap } from '../riskmap/RiskMap';
import { CommandPalette, type Command } from '../palette/CommandPalette';
import { TaxonomyView } from '../settings/TaxonomyView';
import { Registers } from '../registers/Registers';
import { Sessions } from '../sessions/Sessions';
import { isDisconnected } from '../api/transport';
import { AuditShield } from './AuditShield';
import { ConnectionNotice } from './ConnectionNotice';
import { HelpPanel } from '../help/HelpPanel';
import { useHelpKey } from '../help/useHelpKey';

export type Place = 'overview' | 'inventory' | 'heatmap' | 'sessions' | 'registers' | 'evidence' | 'packets' | 'settings';

const PLACES: { id: Place; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'inventory', label: 'Inventory' },
  { id: 'heatmap', label: 'Heatmap' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'registers', label: 'Registers' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'packets', label: 'Packets' },
  { id: 'settings', label: 'Settings' },
];

interface Props {
  cycle: CycleInfo;
  place: Place;
  onPlace(place: Place): void;
  onNewCycle(): void;
  onNextCycle(): void;
  /** The cycle was just started from its predecessor; the Overview says what was carried. */
  fresh?: boolean;
  onOpenCycle(): void;
  onCloseCycle(): void;
}

/** The rail of places, the top bar (cycle, period, audit shield, palette) and the current place. */
export function AppFrame({ cycle, place, onPlace, onNewCycle, onNextCycle, fresh, onOpenCycle, onCloseCycle }: Props) {
  const [paletteOpen, setPaletteOpen] = useState(false);
  // The place whose help is open (F1, ?, the palette or the top bar), or null.
  const [help, setHelp] = useState<string | null>(null);
  useHelpKey(place, setHelp);
  const [verifyRequest, setVerifyRequest] = useState(0);
  // A figure of the Overview opens its place with the filter behind it; the rail opens a place as it is.
  const [drill, setDrill] = useState<{ to: DrillDown; n: number } | null>(null);
  const go = (p: Place) => {
    setDrill(null);
    onPlace(p);
  };
  const drillTo = (to: DrillDown) => {
    setDrill((d) => ({ to, n: (d?.n ?? 0) + 1 }));
    onPlace(to.place);
  };
  const connection = useConnection();
  const period = formatPeriod(cycle.periodStart, cycle.periodEnd);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPaletteOpen((open) => !open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const commands: Command[] = [
    ...PLACES.map((p) => ({ id: `go-${p.id}`, label: `Go to ${p.label}`, run: () => go(p.id) })),
    { id: 'verify', label: 'Verify audit chain', run: () => { onPlace('overview'); setVerifyRequest((n) => n + 1); } },
    { id: 'new', label: 'New cycle', run: onNewCycle },
    { id: 'next', label: 'Start next cycle', run: onNextCycle },
    { id: 'open', label: 'Open cycle', run: onOpenCycle },
    { id: 'close', label: 'Close cycle', run: onCloseCycle },
    ...PLACES.map((p) => ({ id: `help-${p.id}`, label: `Help: ${p.label}`, run: () => setHelp(p.id) })),
  ];

  return (
    <div className="frame">
      <nav className="rail" aria-label="Places">
        <div className="rail-brand" aria-hidden="true">
          MRB
        </div>
        <ul>
          {PLACES.map((p) => (
            <li key={p.id}>
              <button type="button" className="rail-item" aria-current={place === p.id ? 'page' : undefined} onClick={() => go(p.id)}>
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
            <AuditShield audit={cycle.audit} disconnected={isDisconnected(connection)} />
            <button type="button" className="palette-button" onClick={() => setHelp(place)} aria-keyshortcuts="F1">
              Help <kbd>F1</kbd>
            </button>
            <button type="button" className="palette-button" onClick={() => setPaletteOpen(true)} aria-keyshortcuts="Control+K">
              Commands <kbd>Ctrl K</kbd>
            </button>
          </div>
        </header>
        <main className={`place place-${place}`}>
          {place === 'overview' && <Overview cycle={cycle} verifyRequest={verifyRequest} fresh={fresh} onPlace={go} onDrill={drillTo} onNextCycle={onNextCycle} />}
          {place === 'inventory' && <Inventory key={drill?.n ?? 0} cycleName={cycle.name} initialFilters={drill?.to.place === 'inventory' ? drill.to.filters : undefined} />}
          {place === 'heatmap' && <RiskMap />}
          {place === 'sessions' && <Sessions key={drill?.n ?? 0} onExportPackets={() => onPlace('packets')} openSessionId={drill?.to.place === 'sessions' ? drill.to.sessionId : undefined} />}
          {place === 'registers' && <Registers key={drill?.n ?? 0} cycleId={cycle.id} cycleName={cycle.name} onPlace={go} view={drill?.to.place === 'registers' ? drill.to : undefined} />}
          {place === 'evidence' && <Evidence />}
          {place === 'packets' && <Packets />}
          {place === 'settings' && <TaxonomyView />}
        </main>
      </div>
      {paletteOpen && <CommandPalette commands={commands} onClose={() => setPaletteOpen(false)} />}
      {help !== null && <HelpPanel place={help} onClose={() => setHelp(null)} />}
    </div>
  );
}
