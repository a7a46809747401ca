import type { Filters } from '../filters/ModelFilters';
import type { FindingFilters } from '../findings/findingFilters';

/**
 * Where a figure of the Overview leads: the place with the filter that shows the rows
 * behind the figure already applied (the analyst can widen it from there).
 */
export type DrillDown =
  | { place: 'inventory'; filters: Partial<Filters> }
  | { place: 'sessions'; sessionId: string }
  | { place: 'registers'; tab: 'findings'; findings: Partial<FindingFilters> }
  | {
      place: 'registers';
      tab: 'actions';
      actionStatus?: 'overdue' | 'open' | 'done';
      acceptanceState?: 'expired' | 'expiring' | 'active';
      /** Acceptances in force that expire within this many days (30, 60 or 90). */
      expiringWithin?: number;
    };
