import type { AuditReport } from '../../../shared/contract/calls';
import { plural } from '../../../shared/text/plural';

/**
 * The audit chain's state in a word and a shape; the reason on hover and on the overview.
 * While the page is cut off from the host the last answer may no longer hold, so the
 * shield says it does not know rather than show a state it cannot vouch for.
 */
export function AuditShield({ audit, disconnected = false }: { audit: AuditReport; disconnected?: boolean }) {
  const [text, tone, title] = disconnected
    ? ['Audit chain unknown', 'shield-unknown', 'Not connected to the host: the chain is checked again when this page reconnects.']
    : audit.ok
      ? ['Audit chain holds', 'shield-ok', `${plural(audit.events, 'event')}, head ${audit.head ?? '—'}`]
      : ['Audit chain broken', 'shield-broken', audit.problem?.reason];
  return (
    <span className={`shield ${tone}`} role="status" title={title}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path d="M8 1 2 3.5V8c0 3.3 2.6 6.1 6 7 3.4-.9 6-3.7 6-7V3.5z" fill="currentColor" />
      </svg>
      {text}
    </span>
  );
}
