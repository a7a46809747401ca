import type { AuditLog, AuditLogArgs, ChainStatus } from '../../../shared/audit/auditLog';
import { ChainWalker, canonicalJson, type ChainProblem, type Json, type StoredAuditRow } from '../store/auditChain';
import { auditFacets, auditRows, countAuditRows, walkAuditChain } from '../store/auditLogTable';
import type { Workspace } from '../store/workspace';

const DEFAULT_LIMIT = 200;

/**
 * How far the chain was last walked and found to hold, per open workspace. Events up to it
 * are not re-hashed on the next page; SQLite's data_version moves when another connection
 * commits (an edit behind the app needs one), and then the walk starts again from the
 * first event. This handle's own writes append events and leave the walked ones as they were.
 */
const walked = new WeakMap<Workspace, { seq: number; hash: string; dataVersion: number }>();

/** A stored image; one edited behind the app into text that is not JSON is shown as that text. */
function image(text: string | null): Json {
  if (text === null) return null;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/** The event as one canonical JSON line: what was hashed, plus the two hashes that chain it. */
function canonicalLine(row: StoredAuditRow): string {
  return canonicalJson({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entity_id: row.entity_id,
    before: image(row.before),
    after: image(row.after),
    prev_hash: row.prev_hash,
    hash: row.hash,
  });
}

/**
 * One page of the audit log, newest first, filtered. The chain is walked from the first
 * event through the newest one shown, so each event says whether the log holds up to it:
 * a filtered view still rests on every event before it.
 */
export function auditLog(ws: Workspace, a: AuditLogArgs): AuditLog {
  const db = ws.reader;
  return db.transaction(() => {
    const query = {
      entity: a.entity,
      entityId: a.entityId,
      actor: a.actor,
      action: a.action,
      fromAt: a.from === undefined ? undefined : `${a.from}T00:00:00.000Z`,
      toAt: a.to === undefined ? undefined : `${a.to}T23:59:59.999Z`,
      beforeSeq: a.before,
    };
    const limit = a.limit ?? DEFAULT_LIMIT;
    // One more than asked says whether a next page exists without counting it.
    const rows = auditRows(db, query, limit + 1);
    const page = rows.slice(0, limit);
    const newest = page[0]?.seq ?? 0;
    const dataVersion = db.pragma('data_version', { simple: true }) as number;
    const known = walked.get(ws);
    const from = known !== undefined && known.dataVersion === dataVersion ? known : null;
    let problem: ChainProblem | null = null;
    if (from === null || from.seq < newest) {
      const walker = new ChainWalker(from);
      walkAuditChain(db, walker, from?.seq ?? 0, newest);
      problem = walker.firstProblem;
      if (problem === null && walker.head !== null) walked.set(ws, { seq: walker.lastSeq, hash: walker.head, dataVersion });
      else walked.delete(ws);
    }
    const status = (seq: number): ChainStatus => (problem === null || problem.seq === null || seq < problem.seq ? 'holds' : seq === problem.seq ? 'broken' : 'unverified');
    return {
      events: page.map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: image(r.before),
        after: image(r.after),
        hash: r.hash,
        prevHash: r.prev_hash,
        chain: status(r.seq),
        line: canonicalLine(r),
      })),
      matching: countAuditRows(db, query),
      nextBefore: rows.length > limit ? (page[page.length - 1]?.seq ?? null) : null,
      chainProblem: problem,
      facets: auditFacets(db),
    };
  })();
}
