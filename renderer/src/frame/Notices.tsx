import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Icon } from './icons';

/**
 * Quiet notices for work that finishes out of sight (a file saved, an export done, an
 * import that ended while the analyst was elsewhere): one region in the corner, read out
 * politely. A success fades after a few seconds; a failure stays until dismissed, since
 * its reason must be read (UI.md: a failed background job leaves a persistent notice).
 */

export type NoticeTone = 'done' | 'failed';

interface Notice {
  id: number;
  text: string;
  tone: NoticeTone;
}

export type Notify = (text: string, tone?: NoticeTone) => void;

/** A screen drawn outside the app frame (a component test) has no region to show a notice in. */
const NoticeContext = createContext<Notify>(() => undefined);

/** Long enough to read a file name twice; short enough not to pile up. */
const SHOWN_MS = 6000;
/** More would cover the page; the oldest make way. */
const MOST = 4;

export function useNotify(): Notify {
  return useContext(NoticeContext);
}

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setNotices((list) => list.filter((n) => n.id !== id));
  }, []);

  const notify = useCallback<Notify>(
    (text, tone = 'done') => {
      const id = next.current++;
      setNotices((list) => [...list, { id, text, tone }].slice(-MOST));
      if (tone === 'done') timers.current.set(id, setTimeout(() => dismiss(id), SHOWN_MS));
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((t) => clearTimeout(t));
  }, []);

  return (
    <NoticeContext.Provider value={notify}>
      {children}
      <div className="toasts no-print" role="status" aria-live="polite" aria-label="Notices">
        {notices.map((n) => (
          <div key={n.id} className={`toast toast-${n.tone}`}>
            <Icon name={n.tone === 'done' ? 'check' : 'alert'} />
            <span className="toast-text">{n.text}</span>
            <button type="button" className="toast-close" aria-label="Dismiss notice" onClick={() => dismiss(n.id)}>
              <Icon name="close" />
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}
