import type { AgendaItem, PullReason, Tally } from '../../../shared/sessions/session';

/** The words a session shows on screen, so the session page, chairing and the presenter say the same thing. */

export const PULL_REASON_WORDS: Readonly<Record<PullReason, string>> = {
  expired_acceptance: 'a risk acceptance has expired',
  overdue_action: 'an action is overdue',
};

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** "2 high, 1 medium" — info findings are left out: they ask nothing of the board. */
export function findingsText(counts: AgendaItem['findings']): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length === 0 ? 'no open findings' : parts.join(', ');
}

export function openFindings(counts: AgendaItem['findings']): number {
  return SEVERITIES.reduce((n, s) => n + counts[s], 0);
}

export function tallyText(t: Tally): string {
  return `${t.for} for, ${t.against} against, ${t.abstain} abstaining`;
}

/** Minutes and seconds of an item's discussion; hours only show past the hour. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export function heatText(heat: number | null): string {
  return heat === null ? 'not scored' : heat.toFixed(2);
}
