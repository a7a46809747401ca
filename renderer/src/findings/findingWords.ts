import type { FindingStatus, FindingType, RegisterSeverity } from '../../../shared/cycles/findings';

export const TYPE_WORDS: Readonly<Record<FindingType, string>> = {
  validation_issue: 'Validation issue',
  policy_exception: 'Policy exception',
  limitation: 'Limitation',
};

export const STATUS_WORDS: Readonly<Record<FindingStatus, string>> = {
  open: 'Open',
  in_remediation: 'In remediation',
  closed_with_evidence: 'Closed with evidence',
  covered_by_acceptance: 'Covered by an acceptance',
};

export const SEVERITY_WORDS: Readonly<Record<RegisterSeverity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** Most severe first, as the register and the Overview list them. */
export const SEVERITIES: readonly RegisterSeverity[] = ['critical', 'high', 'medium', 'low'];

export const TYPES: readonly FindingType[] = ['validation_issue', 'policy_exception', 'limitation'];

export const STATUSES: readonly FindingStatus[] = ['open', 'in_remediation', 'closed_with_evidence', 'covered_by_acceptance'];

export function daysText(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}
