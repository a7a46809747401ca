import type { ConnectionState } from '../api/transport';

/**
 * What a page says while nothing reaches it from the host: briefly "Reconnecting…"; then,
 * when the host is gone or was started again (with a new token the page cannot know),
 * what to do. The desktop app's bridge never drops, so it never shows.
 */
export function ConnectionNotice({ state, className }: { state: ConnectionState; className: string }) {
  if (state === 'reconnecting') {
    return (
      <span className={className} role="status">
        Reconnecting…
      </span>
    );
  }
  if (state === 'lost') {
    return (
      <span className={`${className} connection-down`} role="alert">
        The host is not answering, so this page is not up to date. If <code>mrb serve</code> was restarted, open the new address it printed.
      </span>
    );
  }
  if (state === 'restarted') {
    return (
      <span className={`${className} connection-down`} role="alert">
        The host was restarted and no longer accepts this page. Open the new address <code>mrb serve</code> printed.
      </span>
    );
  }
  return null;
}
