import type { AgendaEntry } from '../sessions/agenda';
import type { DueModel } from './due';

/**
 * The agenda built from the due list (issue 11, section 3): the due models among those
 * the agenda may hold, in the due list's order (most urgent first), each keeping its heat
 * rank, top-quartile flag and follow-up reasons. Models that are not due stay off.
 */
export function agendaFromDue(byHeat: readonly AgendaEntry[], due: readonly DueModel[]): AgendaEntry[] {
  const entries = new Map(byHeat.map((e) => [e.modelId, e]));
  return due.flatMap((d) => {
    const e = entries.get(d.modelId);
    return e ? [e] : [];
  });
}
