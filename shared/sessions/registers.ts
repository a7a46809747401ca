import type { AcceptanceRow, AcceptanceState, ActionRow, ActionStatus } from './session';

const ACTION_ORDER: Readonly<Record<ActionStatus, number>> = { overdue: 0, open: 1, done: 2 };
const ACCEPTANCE_ORDER: Readonly<Record<AcceptanceState, number>> = { expired: 0, expiring: 1, active: 2 };

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The action register's order: overdue first (the longest overdue on top), then open,
 * then done, each by due date; ties by model and id so every reader sees the same list.
 */
export function orderActions<T extends Pick<ActionRow, 'status' | 'due' | 'modelId' | 'id'>>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) => ACTION_ORDER[a.status] - ACTION_ORDER[b.status] || byText(a.due, b.due) || byText(a.modelId, b.modelId) || byText(a.id, b.id),
  );
}

/**
 * The acceptance register's order: acceptances in force before superseded ones, then
 * expired, expiring, active, each soonest expiry first.
 */
export function orderAcceptances<T extends Pick<AcceptanceRow, 'state' | 'expiry' | 'superseded' | 'modelId' | 'id'>>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      Number(a.superseded) - Number(b.superseded) ||
      ACCEPTANCE_ORDER[a.state] - ACCEPTANCE_ORDER[b.state] ||
      byText(a.expiry, b.expiry) ||
      byText(a.modelId, b.modelId) ||
      byText(a.id, b.id),
  );
}
