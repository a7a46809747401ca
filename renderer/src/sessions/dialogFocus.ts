import { useEffect, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE = 'a[href], summary, button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

type TabKey = Pick<globalThis.KeyboardEvent, 'key' | 'shiftKey' | 'preventDefault'>;

/** The controls Tab can reach inside a dialog, in order (hidden ones are skipped: Tab would not land on them). */
function focusables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

/** Wraps Tab from the last control to the first and Shift+Tab from the first to the last. */
function wrapTab(e: TabKey, container: HTMLElement): void {
  if (e.key !== 'Tab') return;
  const list = focusables(container);
  const first = list[0];
  const last = list.at(-1);
  if (!first || !last) {
    e.preventDefault();
    return;
  }
  const active = document.activeElement;
  const inside = active instanceof HTMLElement && active !== container && container.contains(active);
  if (e.shiftKey && (!inside || active === first)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (!inside || active === last)) {
    e.preventDefault();
    first.focus();
  }
}

/** Keeps Tab and Shift+Tab inside a modal dialog or drawer (the element the handler sits on). */
export function keepFocusInside(e: KeyboardEvent<Element>): void {
  if (e.currentTarget instanceof HTMLElement) wrapTab(e, e.currentTarget);
}

/**
 * The keys every dialog and drawer shares: Tab stays inside, Esc closes (and goes no further),
 * and Ctrl+Enter (Cmd+Enter) submits where there is something to submit. True when the key
 * was Esc or a submit, so a caller's own keys come after.
 */
export function dialogKeys(e: KeyboardEvent<Element>, on: { close(): void; submit?(): void }): boolean {
  keepFocusInside(e);
  if (e.key === 'Escape') {
    e.stopPropagation();
    on.close();
    return true;
  }
  if (on.submit && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    on.submit();
    return true;
  }
  return false;
}

/**
 * A drawer marked as a dialog takes the focus when it opens (its first control), keeps
 * Tab inside it while open, and gives the focus back to where it was when it closes, so
 * a keyboard user goes on from the row or cell that opened it.
 */
export function useDialogFocus(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement && !dialog.contains(document.activeElement) ? document.activeElement : null;
    if (!dialog.contains(document.activeElement)) (focusables(dialog)[0] ?? dialog).focus();
    const onKey = (e: globalThis.KeyboardEvent) => wrapTab(e, dialog);
    dialog.addEventListener('keydown', onKey);
    return () => {
      dialog.removeEventListener('keydown', onKey);
      // Back to the opener, unless the user has already put the focus somewhere else on purpose.
      const active = document.activeElement;
      if (before?.isConnected && (active === null || active === document.body || dialog.contains(active))) before.focus();
    };
  }, [ref]);
}

/**
 * Moves the focus to `target()` at the next frame, once React has drawn it, unless the focus
 * has gone somewhere since this call. A frame can come late on a busy machine, after the
 * user has moved on (to the next cell's drawer, to another field), and a key pressed then
 * would land where this put the focus. The focus held at the call counts as not moved (what
 * held it may still be on the page at the next frame), and so does a focus lost with its element.
 */
export function focusAtNextFrame(target: () => HTMLElement | SVGElement | null | undefined): void {
  const held = document.activeElement;
  requestAnimationFrame(() => {
    const now = document.activeElement;
    if (now === null || now === document.body || now === held || !now.isConnected) target()?.focus();
  });
}
