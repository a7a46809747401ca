import { UserError } from '../../../shared/contract/errors';
import type { ReadDb } from './handles';

/**
 * The version of a shared object is the audit sequence number of the last event that
 * changed it: every write is audited in the same transaction, so the number moves with
 * every save and names who made it and when, without a column of its own.
 */
export interface LastChange {
  version: number;
  at: string;
  actor: string;
}

/** The last audited change of an entity (of the ids given, or of any id), or null when none. */
export function lastChange(db: ReadDb, entity: string, ids?: readonly string[]): LastChange | null {
  if (ids !== undefined && ids.length === 0) return null;
  const where = ids === undefined ? '' : ` AND entity_id IN (${ids.map(() => '?').join(', ')})`;
  const row = db
    .prepare(`SELECT seq AS version, at, actor FROM audit_events WHERE entity = ?${where} ORDER BY seq DESC LIMIT 1`)
    .get(entity, ...(ids ?? [])) as LastChange | undefined;
  return row ?? null;
}

/** The version a reader hands back when it saves: 0 for an object never changed. */
export function versionOf(change: LastChange | null): number {
  return change?.version ?? 0;
}

function moment(at: string): string {
  return `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
}

/**
 * The refusal of a save made from a stale copy: who saved the newer version and when, and
 * what to do. `version` is how the newer version is named ("version 12", "v3").
 */
export function staleSave(what: string, change: LastChange, version = `version ${change.version}`): UserError {
  return new UserError('conflict', `${what} was saved meanwhile by ${change.actor} at ${moment(change.at)} (${version}): reload to see it before saving yours.`);
}

/**
 * Refuses a save made from a stale copy: `expected` is the version the form was read at
 * (absent from callers that do not track versions, such as the CLI, which then save over).
 */
export function refuseStale(what: string, expected: number | undefined, change: LastChange | null): void {
  if (expected === undefined || change === null || change.version <= expected) return;
  throw staleSave(what, change);
}

/**
 * The versions of an entity's ids in one indexed pass, for views listing many of them: all
 * ids, or only those given (a session's decisions, without reading the whole cycle's).
 */
export function versionsOf(db: ReadDb, entity: string, ids?: readonly string[]): Map<string, number> {
  if (ids !== undefined && ids.length === 0) return new Map();
  const where = ids === undefined ? '' : ` AND entity_id IN (${ids.map(() => '?').join(', ')})`;
  const rows = db
    .prepare(`SELECT entity_id AS id, MAX(seq) AS version FROM audit_events WHERE entity = ?${where} GROUP BY entity_id`)
    .all(entity, ...(ids ?? [])) as { id: string; version: number }[];
  return new Map(rows.map((r) => [r.id, r.version]));
}
