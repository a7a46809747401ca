import Database from 'better-sqlite3';
import type { AuditReport } from '../../../shared/contract/calls';
import { canonicalTextMatcher, type Json } from './auditChain';
import { allBundleImages, bundleImageAsLogged } from './bundleTable';
import { allCycleImages } from './cycleTable';
import { allDecisionImages } from './decisionTable';
import { allFindingImages, allRuleCheckImages } from './findingTable';
import { allCarriedImages } from './followupTable';
import type { ReadDb } from './handles';
import { allHistoryImages, allLineageImages } from './lineageTable';
import { allModelImages } from './modelTable';
import { allPacketImages } from './packetTable';
import type { RecordImages } from './recordImages';
import { allPersonImages } from './rosterTable';
import { allScoreImages } from './scoreTable';
import { allSessionImages } from './sessionTable';
import { allSettingImages } from './settingsTable';
import { allTaxonomyImages } from './taxonomyTable';

/** The entities whose current rows must equal the last `after` the log recorded for them, in the order a verify looks at them. */
const AUDITED_STATE: [entity: string, images: (db: ReadDb) => RecordImages][] = [
  ['cycle', allCycleImages],
  ['model', allModelImages],
  ['taxonomy', allTaxonomyImages],
  ['bundle', allBundleImages],
  ['setting', allSettingImages],
  ['score', allScoreImages],
  ['session', allSessionImages],
  ['decision', allDecisionImages],
  ['packet', allPacketImages],
  ['lineage', allLineageImages],
  ['history', allHistoryImages],
  ['followup', allCarriedImages],
  ['person', allPersonImages],
  ['finding', allFindingImages],
  ['rule_check', allRuleCheckImages],
];

/**
 * Entities whose image grew after workspaces were made: the current image is put in the
 * form its last event was logged in, so an upgraded chain still holds.
 */
const LOGGED_FORM: Partial<Record<string, (image: Json, logged: Json) => Json>> = {
  bundle: bundleImageAsLogged,
};

/*
 * Tables no image above holds, and why they need no cover of their own:
 * - audit_events, audit_anchor: the chain itself, walked and anchored by verifyAudit;
 * - bundles.report, bundles.imported_at/by, findings, blobs: checked by evidenceProblem
 *   against what the import event recorded (stored contents re-hashed in the full pass);
 * - chair_notes.id: a row key only; the notes' content is in the session image;
 * - locked_decisions: a view over sessions and decisions, derived;
 * - rows of attendees, agenda_items, votes, conditions, mitigations, acceptances,
 *   amendments and bundle_files are compared as parts of their session, decision or
 *   bundle image; a row whose parent does not exist is reached by no decision or packet.
 */

/** A record's last event, as the state check reads it. */
type LastEvent = [entityId: string, seq: number, after: string | null];

/**
 * An older workspace opened read-only is not upgraded, so the tables later versions add
 * are absent: their entities have no rows. (A current file missing a table was refused
 * when it was opened, by the schema check.)
 */
function imagesIfPresent(images: (db: ReadDb) => RecordImages, db: ReadDb): RecordImages {
  try {
    return images(db);
  } catch (err) {
    if (err instanceof Database.SqliteError && /^no such table/.test(err.message)) return [];
    throw err;
  }
}

/**
 * The first record that differs from its last logged image (inserted, edited or deleted behind
 * the app), entity by entity in AUDITED_STATE's order, or null, read in the caller's snapshot.
 * `olderSchema`: a workspace of an older schema, read without upgrading it.
 *
 * Each entity is compared on its own: its records' last logged images are read, then its
 * current images come one at a time as their rows are read (RecordImages) and are dropped
 * once compared. Reading every record's last event at once held the whole log's images (14 MB
 * on a second cycle of 30,000 records) through every young-generation collection. Each
 * record's last event is looked up in ascending seq order (SQLite keeps an IN list sorted),
 * so the log's pages are read in order.
 */
export function recordProblem(db: ReadDb, olderSchema: boolean): AuditReport['problem'] {
  const lastEvents = db.prepare('SELECT entity_id, seq, after FROM audit_events WHERE seq IN (SELECT max(seq) FROM audit_events WHERE entity = ? GROUP BY entity_id)').raw();
  for (const [entity, images] of AUDITED_STATE) {
    const mine = new Map<string, LastEvent>();
    for (const row of lastEvents.all(entity) as LastEvent[]) mine.set(row[0], row);
    const problem = entityProblem(entity, mine, olderSchema ? imagesIfPresent(images, db) : images(db));
    if (problem !== null) return problem;
  }
  return null;
}

/** The first of `entity`'s records, as they are now (`current`), that differs from its last logged event (`mine`, by record id). */
function entityProblem(entity: string, mine: Map<string, LastEvent>, current: RecordImages): AuditReport['problem'] {
  const isCanonicalTextOf = canonicalTextMatcher();
  const asLogged = LOGGED_FORM[entity];
  // Each record met is taken out of `mine`: those left were not met, and a second meeting is an insertion.
  for (const [id, image] of current) {
    const entry = mine.get(id);
    if (!entry) return { seq: null, reason: `The ${entity} ${id} was inserted behind the app: no audit event records it.` };
    const [, seq, after] = entry;
    if (after === null) return { seq, reason: `The ${entity} ${id} exists although event #${seq} deleted it.` };
    if (!isCanonicalTextOf(after, asLogged ? asLogged(image, JSON.parse(after) as Json) : image)) {
      return { seq, reason: `The ${entity} ${id} was edited behind the app: it no longer matches event #${seq}.` };
    }
    mine.delete(id);
  }
  for (const [id, [, seq, after]] of mine) {
    if (after !== null) return { seq, reason: `The ${entity} ${id} was deleted behind the app: event #${seq} is its last record.` };
  }
  return null;
}
