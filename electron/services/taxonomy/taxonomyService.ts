import type { CallResult, ParsedArgs } from '../../../shared/contract/calls';
import { UserError } from '../../../shared/contract/errors';
import { clausesOf, findingClausesOf, type Taxonomy } from '../../../shared/domain/taxonomy';
import { EVIDENCE_METRIC_NAMES } from '../../../shared/scoring/evidenceMetrics';
import { checkTaxonomy } from '../../../shared/scoring/taxonomyValidation';
import { checkMapping } from '../../../shared/domain/regulatoryMapping';
import { currentTaxonomy } from '../cycles/cycleService';
import { countScoresByTaxonomyVersion } from '../store/scoreTable';
import { currentTaxonomyVersion, insertTaxonomy, listTaxonomyVersions, readTaxonomy, taxonomyImage } from '../store/taxonomyTable';
import { lastChange, staleSave } from '../store/entityVersion';
import type { Workspace } from '../store/workspace';

/** The version asked for, or the current one. */
export function taxonomyVersion(ws: Workspace, a: { version?: number | undefined } = {}): Taxonomy {
  const { version } = a;
  if (version === undefined) return currentTaxonomy(ws);
  const taxonomy = readTaxonomy(ws.reader, version);
  if (!taxonomy) throw new UserError('not_found', `This cycle has no taxonomy version ${version}; the newest is v${currentTaxonomyVersion(ws.reader) ?? 0}.`, 'version');
  return taxonomy;
}

/**
 * Saves an edited taxonomy as a new version. Versions are never changed in place: every
 * score names the version it was made under, and the packet's methodology appendix prints it.
 */
export function updateTaxonomy(ws: Workspace, a: ParsedArgs<'taxonomy.update'>): Taxonomy {
  const problems = [...checkTaxonomy(a, EVIDENCE_METRIC_NAMES), ...checkMapping(a)];
  const first = problems[0];
  if (first) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new UserError('invalid_argument', `${first.message}${more}`, first.field);
  }
  const current = currentTaxonomy(ws);
  if (a.expectedVersion !== undefined && a.expectedVersion !== current.version) {
    const change = lastChange(ws.reader, 'taxonomy', [String(current.version)]);
    if (change) throw staleSave('The taxonomy', change, `v${current.version}; you edited v${a.expectedVersion}`);
  }
  // The review frequency, minimum coverage, floors and finding categories' clauses stay as they were unless the edit names them.
  const reviewMonths = a.reviewMonths ?? current.reviewMonths;
  const minCoverage = a.minCoverage ?? current.minCoverage;
  const floors = a.floors ?? current.floors;
  const findingClauses = a.findingClauses ?? current.findingClauses;
  // A dimension sent without clauses keeps those it has under its key: an edit of the
  // weights from a client that does not know the mapping must not drop it.
  const kept = new Map(current.dimensions.map((d) => [d.key, d.clauses]));
  const dimensions = a.dimensions.map((d) => (d.clauses !== undefined || kept.get(d.key) === undefined ? d : { ...d, clauses: kept.get(d.key) }));
  // Clauses compare as they read (absent is the defaults of the key), so an editor that sends
  // the defaults back explicitly has not changed anything.
  const same = (t: Pick<Taxonomy, 'thresholds' | 'dimensions' | 'reviewMonths' | 'minCoverage' | 'floors' | 'findingClauses'>) =>
    JSON.stringify([t.thresholds, t.dimensions.map((d) => ({ ...d, clauses: clausesOf(d) })), t.reviewMonths, t.minCoverage, t.floors, findingClausesOf(t)]);
  if (same(current) === same({ thresholds: a.thresholds, dimensions, reviewMonths, minCoverage, floors, findingClauses })) {
    throw new UserError('invalid_argument', `Nothing changed: the taxonomy is the same as v${current.version}.`);
  }
  return ws.transaction((tx) => {
    const taxonomy: Taxonomy = {
      version: current.version + 1,
      createdAt: tx.now,
      thresholds: a.thresholds,
      dimensions,
      ...(reviewMonths ? { reviewMonths } : {}),
      ...(minCoverage !== undefined ? { minCoverage } : {}),
      ...(floors ? { floors } : {}),
      ...(findingClauses ? { findingClauses } : {}),
    };
    insertTaxonomy(tx.db, taxonomy);
    tx.audit({ action: 'taxonomy.update', entity: 'taxonomy', entityId: String(taxonomy.version), before: taxonomyImage(current), after: taxonomyImage(taxonomy) });
    return taxonomy;
  });
}

export function taxonomyVersions(ws: Workspace): CallResult<'taxonomy.versions'> {
  const scores = countScoresByTaxonomyVersion(ws.reader);
  return listTaxonomyVersions(ws.reader).map((v) => ({ ...v, scores: scores.get(v.version) ?? 0 }));
}
