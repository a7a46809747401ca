import type { RegisterFinding } from '../../../shared/cycles/findings';

/** The aging bands of the register and the Overview: open up to 30 days, 31 to 90, over 90. */
export const AGE_BANDS = [
  { value: 'upTo30', label: '0–30 days', keep: (d: number) => d <= 30 },
  { value: 'upTo90', label: '31–90 days', keep: (d: number) => d > 30 && d <= 90 },
  { value: 'over90', label: 'Over 90 days', keep: (d: number) => d > 90 },
] as const;

export const isOpen = (f: RegisterFinding) => f.status === 'open' || f.status === 'in_remediation';

/** What the register's filters hold; '' is "all" for each. */
export interface FindingFilters {
  status: string;
  severity: string;
  type: string;
  model: string;
  owner: string;
  age: string;
  /** 'open' (open and in remediation), 'overdue', or '' for every finding. */
  scope: string;
}

export const NO_FINDING_FILTERS: FindingFilters = { status: '', severity: '', type: '', model: '', owner: '', age: '', scope: 'open' };

export function keepFinding(f: RegisterFinding, filters: FindingFilters): boolean {
  const band = AGE_BANDS.find((b) => b.value === filters.age);
  return (
    (filters.status === '' || f.status === filters.status) &&
    (filters.severity === '' || f.severity === filters.severity) &&
    (filters.type === '' || f.type === filters.type) &&
    (filters.model === '' || f.modelName === filters.model) &&
    (filters.owner === '' || (f.owner || 'Unassigned') === filters.owner) &&
    (band === undefined || band.keep(f.ageDays)) &&
    (filters.scope !== 'open' || isOpen(f)) &&
    (filters.scope !== 'overdue' || f.overdue)
  );
}

