import { useEffect, useState } from 'react';
import type { AgendaItem, Decision, SessionDetail } from '../../../shared/sessions/session';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { FormError } from '../forms/Field';
import { formatDay, formatMoment } from '../format/dates';
import { OpenPresenterButton } from '../presenter/OpenPresenterButton';
import { usePalette } from '../heatmap/usePalette';
import { Agenda } from './Agenda';
import { Attendance } from './Attendance';
import { Chairing } from './Chairing';
import { ChairNotes } from './ChairNotes';
import { CloseSessionDialog } from './CloseSessionDialog';
import { DecisionForm } from './DecisionForm';
import { useFollowCurrentItem } from './itemTimers';
import { Minutes } from './Minutes';
import { SessionPackets } from '../packets/SessionPackets';
import { SessionForm } from './SessionForm';
import { Icon } from '../frame/icons';

interface PageProps {
  sessionId: string;
  /** The address asks for the chairing view (`#/sessions/<id>/chair`). */
  chairing: boolean;
  onChairing(on: boolean): void;
  onBack(): void;
  /** The session is not in this cycle (a link from another cycle's workspace): back to the list. */
  onGone(): void;
  onExportPackets(): void;
}

/** One session: its details, attendance and quorum, agenda, notes and minutes; and the way into chairing it. */
export function SessionPage({ sessionId, onGone, ...rest }: PageProps) {
  const detail = useCall('sessions.get', { sessionId });
  const elsewhere = detail.value === undefined && detail.error?.code === 'not_found';
  useEffect(() => {
    if (elsewhere) onGone();
  }, [elsewhere, onGone]);
  return (
    <Loaded state={detail} what="the session">
      {(d) => <SessionBody detail={d} onDetail={detail.replace} {...rest} />}
    </Loaded>
  );
}

function SessionBody({ detail, onDetail, chairing, onChairing, onBack, onExportPackets }: Omit<PageProps, 'sessionId' | 'onGone'> & { detail: SessionDetail; onDetail(detail: SessionDetail): void }) {
  const { client } = useApi();
  const taxonomy = useCall('taxonomy.get', {});
  const [palette] = usePalette();
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  const [amending, setAmending] = useState<{ item: AgendaItem; decision: Decision } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { session, quorum } = detail;
  const closed = detail.status === 'closed';
  const dimensions = taxonomy.value?.dimensions ?? [];
  useFollowCurrentItem(session.id, session.currentItemId);

  // Chairing starts on the item under discussion, else on the first one still to decide.
  const first = detail.items.find((i) => i.decision === null) ?? detail.items[0];
  const pickFirst = async () => {
    if (session.currentItemId !== null || !first) return true;
    try {
      onDetail(await client.call('sessions.current', { sessionId: session.id, itemId: first.id }));
      return true;
    } catch (err) {
      setError(asCallError(err).message);
      return false;
    }
  };
  const startChairing = async () => {
    setError(null);
    if (await pickFirst()) onChairing(true);
  };
  // Opened at the chairing address (a link, a reload) before any item was under discussion.
  const needsFirst = chairing && !closed && session.currentItemId === null && first !== undefined;
  useEffect(() => {
    if (needsFirst) void pickFirst();
  }, [needsFirst]);

  if (chairing && !closed && session.currentItemId !== null) {
    return <Chairing detail={detail} dimensions={dimensions} palette={palette} onDetail={onDetail} onStop={() => onChairing(false)} />;
  }

  const decided = detail.items.filter((i) => i.decision !== null).length;
  return (
    <div className="session-page">
      <nav className="crumbs" aria-label="Breadcrumb">
        <button type="button" className="link" onClick={onBack}>
          Sessions
        </button>{' '}
        / Session {session.number}
      </nav>
      <header className="place-header">
        <div>
          <h1>
            Session {session.number}: {session.title} <span className={`status-word status-${detail.status}`}>{closed ? 'Closed' : 'Open'}</span>
          </h1>
          <p className="muted">
            <time dateTime={session.date} title={session.date}>
              {formatDay(session.date)}
            </time>
            {session.location && ` · ${session.location}`} · Chair {session.chair} · {decided} of {detail.items.length} items decided
            {session.closedAt && (
              <>
                {' '}
                · Closed{' '}
                <time dateTime={session.closedAt} title={session.closedAt}>
                  {formatMoment(session.closedAt)}
                </time>{' '}
                by {session.closedBy}
              </>
            )}
          </p>
        </div>
        <div className="header-actions">
          {!closed && (
            <>
              <button type="button" className="primary" onClick={() => void startChairing()} disabled={detail.items.length === 0} title={detail.items.length === 0 ? 'Build the agenda first.' : undefined}>
                <Icon name="play" />
                Start chairing
              </button>
              <OpenPresenterButton />
              {!editing && (
                <button type="button" onClick={() => setEditing(true)}>
                  Edit details
                </button>
              )}
              <button type="button" onClick={() => setClosing(true)}>
                Close session…
              </button>
            </>
          )}
        </div>
      </header>
      <FormError message={error} />
      {editing && (
        <SessionForm
          session={session}
          onSaved={(d) => {
            onDetail(d);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {closed && <p className="notice">This session is closed: its record is locked. A decision can still be amended, with a reason; the original stays on the record.</p>}
      <p className={`quorum-banner ${quorum.met ? 'quorum-met' : 'quorum-not-met'}`} role="status">
        {quorum.message}
      </p>
      <div className="session-columns">
        <Attendance detail={detail} readOnly={closed} onDetail={onDetail} />
        <section className="card" aria-label="Chair's notes">
          <ChairNotes sessionId={session.id} itemId={null} saved={detail.notes} label="Chair's notes" readOnly={closed} onDetail={onDetail} />
        </section>
      </div>
      <Agenda detail={detail} readOnly={closed} palette={palette} dimensions={dimensions} onDetail={onDetail} onAmend={(item, decision) => setAmending({ item, decision })} />
      <Minutes sessionId={session.id} closed={closed} />
      {closed && <SessionPackets sessionId={session.id} onExport={onExportPackets} />}
      {closing && (
        <CloseSessionDialog
          detail={detail}
          onClosed={(d) => {
            onDetail(d);
            setClosing(false);
          }}
          onCancel={() => setClosing(false)}
        />
      )}
      {amending && (
        <DecisionForm
          detail={detail}
          item={amending.item}
          mode={{ kind: 'amend', decision: amending.decision }}
          dimensions={dimensions}
          onClose={() => setAmending(null)}
          onRecorded={(d) => {
            onDetail(d);
            setAmending(null);
          }}
        />
      )}
    </div>
  );
}
