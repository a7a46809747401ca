import { useState } from 'react';
import { SessionList } from './SessionList';
import { SessionPage } from './SessionPage';

const OPEN_SESSION_KEY = 'mrb.openSession';

/**
 * The Sessions place: the list, or one session. The open session is remembered for this
 * tab, so a chair who glances at the heatmap (or reloads) comes back to the meeting.
 */
export function Sessions({ onExportPackets, openSessionId }: { onExportPackets(): void; /** A session to open at once (the Overview's next session). */ openSessionId?: string }) {
  const [open, setOpen] = useState<string | null>(() => openSessionId ?? sessionStorage.getItem(OPEN_SESSION_KEY));
  const choose = (sessionId: string | null) => {
    if (sessionId === null) sessionStorage.removeItem(OPEN_SESSION_KEY);
    else sessionStorage.setItem(OPEN_SESSION_KEY, sessionId);
    setOpen(sessionId);
  };
  return open === null ? <SessionList onOpen={choose} /> : <SessionPage key={open} sessionId={open} onBack={() => choose(null)} onExportPackets={onExportPackets} />;
}
