import { createContext, useContext } from 'react';

/** A record whose history the Audit place opens on: an entity and its id as the log names them. */
export interface AuditTarget {
  entity: string;
  entityId: string;
  /** How the record is named on screen, for the Audit place's heading. */
  label: string;
}

const OpenHistory = createContext<((target: AuditTarget) => void) | null>(null);

export const HistoryProvider = OpenHistory.Provider;

/**
 * "History" beside a record: opens the Audit place filtered to that record. Outside the
 * app frame (the presenter view) there is no Audit place, so nothing is shown.
 */
export function HistoryLink({ target, className = 'link' }: { target: AuditTarget; className?: string }) {
  const open = useContext(OpenHistory);
  if (open === null) return null;
  return (
    <button type="button" className={className} onClick={() => open(target)} aria-label={`History of ${target.label}`}>
      History
    </button>
  );
}
