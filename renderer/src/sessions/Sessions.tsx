import type { Route } from '../routes/route';
import type { Navigate } from '../routes/useRoute';
import { SessionList } from './SessionList';
import { SessionPage } from './SessionPage';

/**
 * The Sessions place: the list (`#/sessions`), one session (`#/sessions/<id>`) or its chairing
 * (`#/sessions/<id>/chair`). The address holds which, so a chair who glances at the heatmap
 * comes back with Back, and a reload during the meeting lands in the meeting.
 */
export function Sessions({ route, navigate, onExportPackets }: { route: Extract<Route, { place: 'sessions' }>; navigate: Navigate; onExportPackets(): void }) {
  const { sessionId } = route;
  if (sessionId === undefined) return <SessionList onOpen={(id) => navigate({ place: 'sessions', sessionId: id })} />;
  return (
    <SessionPage
      key={sessionId}
      sessionId={sessionId}
      chairing={route.chair === true}
      onChairing={(on) => navigate(on ? { place: 'sessions', sessionId, chair: true } : { place: 'sessions', sessionId })}
      onBack={() => navigate({ place: 'sessions' })}
      onGone={() => navigate({ place: 'sessions' }, 'replace')}
      onExportPackets={onExportPackets}
    />
  );
}
