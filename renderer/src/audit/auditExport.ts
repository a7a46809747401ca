import type { AuditLogEvent } from '../../../shared/audit/auditLog';
import { toCsv } from '../format/csv';

const CHAIN_WORDS = { holds: 'holds', broken: 'broken', unverified: 'after a break' } as const;

/** The events shown, one CSV row each; before and after as the JSON the log holds. */
export function auditCsv(events: readonly AuditLogEvent[]): string {
  return toCsv(
    ['seq', 'at', 'actor', 'action', 'entity', 'entity_id', 'chain', 'before', 'after', 'prev_hash', 'hash'],
    events.map((e) => [e.seq, e.at, e.actor, e.action, e.entity, e.entityId, CHAIN_WORDS[e.chain], e.before === null ? null : JSON.stringify(e.before), e.after === null ? null : JSON.stringify(e.after), e.prevHash, e.hash]),
  );
}

/**
 * The events shown as canonical JSON lines, oldest first as the chain runs: each line
 * without its hash and prev_hash is the byte string the hash covers.
 */
export function auditJsonLines(events: readonly AuditLogEvent[]): string {
  return [...events]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => `${e.line}\n`)
    .join('');
}
