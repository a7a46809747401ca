import type { z } from 'zod';
import { DueArgsSchema } from '../../../shared/cycles/due';
import type { Posture } from '../../../shared/cycles/posture';
import { daysBetween } from '../../../shared/sessions/followUp';
import { findingAging } from '../findings/findingsRegister';
import { openFindingDates } from '../store/findingTable';
import { listSessions, hasSessionTables } from '../store/sessionTable';
import { readCycle } from '../store/cycleTable';
import type { Workspace } from '../store/workspace';
import { parse, todayOf } from '../sessions/sessionGuards';
import { dueFrom, dueInputs } from './dueService';

/** The board's risk posture for the Overview (issue 11, section 5), as of a day. */
export function posture(ws: Workspace, args: z.input<typeof DueArgsSchema> = {}): Posture {
  const a = parse(DueArgsSchema, args);
  const today = a.asOf ?? todayOf(ws.clock);
  const inputs = dueInputs(ws);
  const { taxonomy, rows, stand, evidence, followUps } = inputs;
  const dimensions = taxonomy.dimensions.length;
  const tiers = { critical: 0, high: 0, medium: 0, low: 0, incomplete: 0, untiered: 0 };
  for (const r of rows) tiers[r.tier ?? 'untiered'] += 1;
  const ref = (r: (typeof rows)[number]) => ({ modelId: r.model.id, modelName: r.model.name });
  const scoredOf = (r: (typeof rows)[number]) => taxonomy.dimensions.filter((d) => r.scores[d.key] !== undefined).length;
  // Evidence the board has not yet decided on: a bundle imported after its last decision here,
  // or in this cycle (not carried) when it last decided in an earlier one, or never decided.
  const createdAt = readCycle(ws.reader)?.created_at ?? '';
  const awaiting = rows.filter((r) => {
    const latest = evidence.get(r.model.id);
    const st = stand.get(r.model.id);
    if (latest === undefined) return false;
    if (!st?.last) return true;
    return latest.importedAt > (st.decided ? st.decided.decision.decidedAt : createdAt);
  });
  let overdueActions = 0;
  for (const list of followUps.actions.values()) overdueActions += list.filter((x) => x.due < today).length;
  const expiring = { within30: 0, within60: 0, within90: 0, expired: 0 };
  for (const list of followUps.acceptances.values()) {
    for (const acc of list) {
      const left = daysBetween(today, acc.expiry);
      if (left < 0) expiring.expired += 1;
      else if (left <= 30) expiring.within30 += 1;
      else if (left <= 60) expiring.within60 += 1;
      else if (left <= 90) expiring.within90 += 1;
    }
  }
  const next = hasSessionTables(ws.reader)
    ? listSessions(ws.reader)
        .filter((s) => s.closedAt === null && s.date >= today)
        .sort((x, y) => x.date.localeCompare(y.date) || x.number - y.number)[0]
    : undefined;
  return {
    asOf: today,
    models: rows.length,
    tiers,
    topRisks: rows.filter((r) => r.heat !== null).slice(0, 10).map((r) => ({ ...ref(r), heat: r.heat, tier: r.tier })),
    unscored: rows.filter((r) => scoredOf(r) === 0).map(ref),
    partlyScored: rows.filter((r) => scoredOf(r) > 0 && scoredOf(r) < dimensions).map((r) => ({ ...ref(r), scored: scoredOf(r), dimensions })),
    awaitingDecision: awaiting.map(ref),
    due: dueFrom(ws, today, inputs),
    findings: findingAging(openFindingDates(ws.reader), today),
    overdueActions,
    acceptancesExpiring: expiring,
    nextSession: next ? { id: next.id, number: next.number, title: next.title, date: next.date } : null,
  };
}
