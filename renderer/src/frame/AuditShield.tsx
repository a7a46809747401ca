import type { AuditReport } from '../../../shared/contract/calls';

/** The audit chain's state in a word and a shape; the reason on hover and on the overview. */
export function AuditShield({ audit }: { audit: AuditReport }) {
  const text = audit.ok ? 'Audit chain holds' : 'Audit chain broken';
  return (
    <span className={`shield ${audit.ok ? 'shield-ok' : 'shield-broken'}`} role="status" title={audit.ok ? `${audit.events} events, head ${audit.head ?? '—'}` : audit.problem?.reason}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path d="M8 1 2 3.5V8c0 3.3 2.6 6.1 6 7 3.4-.9 6-3.7 6-7V3.5z" fill="currentColor" />
      </svg>
      {text}
    </span>
  );
}
