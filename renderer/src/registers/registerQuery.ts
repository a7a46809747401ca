import type { Query } from '../routes/route';
import { readFilters, withFilters, writeFilters } from '../routes/route';
import { NO_FINDING_FILTERS, type FindingFilters } from '../findings/findingFilters';

/**
 * The Registers place's address: `?tab=findings` for the findings register (the actions tab
 * is the default), the findings filters by their own names, and the action and acceptance
 * registers' filters behind `action.` and `acceptance.` since both lists sit on one tab
 * and both filter by model.
 */
export type RegisterTab = 'actions' | 'findings';

export interface ActionFilters {
  status: string;
  owner: string;
  model: string;
  kind: string;
}

export interface AcceptanceFilters {
  state: string;
  approver: string;
  model: string;
  /** Days: acceptances in force that expire within them (the Overview's 30/60/90). */
  within: string;
  /** 'show' or 'hide' the acceptances a later decision superseded. */
  superseded: string;
}

export const NO_ACTION_FILTERS: ActionFilters = { status: '', owner: '', model: '', kind: '' };
export const NO_ACCEPTANCE_FILTERS: AcceptanceFilters = { state: '', approver: '', model: '', within: '', superseded: 'show' };

const ACTION = 'action.';
const ACCEPTANCE = 'acceptance.';

export const tabOf = (query: Query | undefined): RegisterTab => (query?.tab === 'findings' ? 'findings' : 'actions');

export function withTab(query: Query | undefined, tab: RegisterTab): Record<string, string> {
  const rest: Record<string, string> = { ...query };
  delete rest.tab;
  return tab === 'actions' ? rest : { ...rest, tab };
}

export const actionsQuery = (f: Partial<ActionFilters>) => writeFilters(f, NO_ACTION_FILTERS, ACTION);
export const acceptancesQuery = (f: Partial<AcceptanceFilters>) => writeFilters(f, NO_ACCEPTANCE_FILTERS, ACCEPTANCE);
export const findingsQuery = (f: Partial<FindingFilters>) => ({ tab: 'findings', ...writeFilters(f, NO_FINDING_FILTERS) });

export const actionFilters = (q: Query | undefined) => readFilters(q, NO_ACTION_FILTERS, ACTION);
export const acceptanceFilters = (q: Query | undefined) => readFilters(q, NO_ACCEPTANCE_FILTERS, ACCEPTANCE);
export const findingFilters = (q: Query | undefined) => readFilters(q, NO_FINDING_FILTERS);

export const withActionFilters = (q: Query | undefined, f: ActionFilters) => withFilters(q, f, NO_ACTION_FILTERS, ACTION);
export const withAcceptanceFilters = (q: Query | undefined, f: AcceptanceFilters) => withFilters(q, f, NO_ACCEPTANCE_FILTERS, ACCEPTANCE);
export const withFindingFilters = (q: Query | undefined, f: FindingFilters) => withFilters(q, f, NO_FINDING_FILTERS);
