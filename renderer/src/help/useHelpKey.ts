import { useEffect } from 'react';

/** Keys typed into a field, or with a modifier, belong to that field or to the browser. */
function isTyping(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return true;
  const t = e.target as HTMLElement | null;
  return t !== null && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

/**
 * F1 opens the help of the place on screen anywhere; `?` does too, outside fields. A place
 * that claims `?` for itself (Chairing shows its shortcuts) marks the event handled, but
 * its listener may be registered after this one, so `?` is judged once every listener
 * has run (a zero timeout), and then only if nobody took it.
 */
export function useHelpKey(place: string, openHelp: (place: string) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F1') {
        e.preventDefault();
        openHelp(place);
      } else if (e.key === '?' && !isTyping(e)) {
        setTimeout(() => {
          if (!e.defaultPrevented) openHelp(place);
        }, 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [place, openHelp]);
}
