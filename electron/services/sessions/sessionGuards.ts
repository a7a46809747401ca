import type { z } from 'zod';
import { describeIssues, UserError } from '../../../shared/contract/errors';
import type { FieldProblem } from '../../../shared/scoring/fieldProblem';
import { DEFAULT_ACCEPTANCE_MAX_MONTHS } from '../../../shared/sessions/decisionRules';
import type { Session } from '../../../shared/sessions/session';
import { getSession, hasSessionTables } from '../store/sessionTable';
import { readSetting, settingImage, writeSetting } from '../store/settingsTable';
import type { Workspace, WriteTx } from '../store/workspace';

/** "Today" for rules that depend on the day (overdue, expiring), from the services' one clock. */
export { todayOf, type Clock } from '../clock';

/**
 * Arguments parsed again here although the transports already did: the CLI and tests
 * call the service directly and must get the same sentences.
 */
export function parse<S extends z.ZodType>(schema: S, args: unknown): z.output<S> {
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    const { message, field } = describeIssues(parsed.error.issues);
    throw new UserError('invalid_argument', message, field);
  }
  return parsed.data;
}

/** Problems found by a rule, as one refusal: every sentence, and the first problem's field. */
export function refuse(problems: readonly FieldProblem[]): void {
  const first = problems[0];
  if (first === undefined) return;
  throw new UserError('invalid_argument', problems.map((p) => p.message).join(' '), first.field);
}

/**
 * One audited transaction. A write the store's triggers refuse (a closed session's record)
 * comes back as the trigger's sentence, not as an internal error: the service checks the
 * same rules first, so this only happens when the two disagree.
 */
export function write<T>(ws: Workspace, fn: (tx: WriteTx) => T): T {
  try {
    return ws.transaction(fn);
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_TRIGGER') throw new UserError('invalid_argument', (err as Error).message);
    throw err;
  }
}

export function sessionName(s: Session): string {
  return `Session ${s.number} ("${s.title}")`;
}

export function requireSession(ws: Workspace, sessionId: string, field = 'sessionId'): Session {
  const s = hasSessionTables(ws.reader) ? getSession(ws.reader, sessionId) : undefined;
  if (!s) throw new UserError('not_found', `There is no session "${sessionId}" in this cycle.`, field);
  return s;
}

/** The session, refused when closed: its record is locked. */
export function requireOpen(ws: Workspace, sessionId: string, doing: string): Session {
  const s = requireSession(ws, sessionId);
  if (s.closedAt !== null) {
    throw new UserError('invalid_argument', `${sessionName(s)} was closed on ${s.closedAt.slice(0, 10)}, so ${doing} is no longer possible; its record is locked. A decision can still be amended.`, 'sessionId');
  }
  return s;
}

export const ACCEPTANCE_MONTHS_KEY = 'acceptance_max_months';

/** The longest a risk acceptance may run, in months from the decision (a workspace setting). */
export function acceptanceMaxMonths(ws: Workspace): number {
  const v = readSetting(ws.reader, ACCEPTANCE_MONTHS_KEY);
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 120 ? v : DEFAULT_ACCEPTANCE_MAX_MONTHS;
}

/** Changes the limit for later decisions (an audited setting); acceptances already recorded keep their dates. */
export function setAcceptanceMaxMonths(ws: Workspace, months: number): number {
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new UserError('invalid_argument', `The longest acceptance is set to ${months} months; it must be a whole number of months from 1 to 120.`, 'acceptanceMaxMonths');
  }
  ws.transaction((tx) => {
    const before = readSetting(tx.db, ACCEPTANCE_MONTHS_KEY);
    writeSetting(tx.db, ACCEPTANCE_MONTHS_KEY, months);
    tx.audit({
      action: 'setting.update',
      entity: 'setting',
      entityId: ACCEPTANCE_MONTHS_KEY,
      before: before === undefined ? null : settingImage(ACCEPTANCE_MONTHS_KEY, before),
      after: settingImage(ACCEPTANCE_MONTHS_KEY, months),
    });
  });
  return months;
}
