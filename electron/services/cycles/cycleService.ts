import type { CallArgs, CycleInfo } from '../../../shared/contract/calls';
import { UserError } from '../../../shared/contract/errors';
import type { Taxonomy } from '../../../shared/domain/taxonomy';
import { cycleImage, readCycle, updateCycle } from '../store/cycleTable';
import { countModels, listModels } from '../store/modelTable';
import type { Model } from '../../../shared/domain/model';
import { countIfPresent } from '../store/queries';
import { currentTaxonomyVersion, readTaxonomy } from '../store/taxonomyTable';
import { lastChange, refuseStale, versionOf } from '../store/entityVersion';
import type { Workspace } from '../store/workspace';

export function currentTaxonomy(ws: Workspace): Taxonomy {
  const version = currentTaxonomyVersion(ws.reader);
  const taxonomy = version === undefined ? undefined : readTaxonomy(ws.reader, version);
  if (!taxonomy) throw new UserError('workspace_refused', `${ws.path} has no taxonomy; the workspace is incomplete.`);
  return taxonomy;
}

/** Every model of the cycle, by id. */
export function cycleModels(ws: Workspace): Model[] {
  return listModels(ws.reader);
}

export function cycleInfo(ws: Workspace): CycleInfo {
  const db = ws.reader;
  const cycle = readCycle(db);
  if (!cycle) throw new UserError('workspace_refused', `${ws.path} holds no review cycle; the workspace is incomplete.`);
  const taxonomy = currentTaxonomy(ws);
  const audit = ws.verifyAudit('latest');
  return {
    path: ws.path,
    id: cycle.id,
    name: cycle.name,
    periodStart: cycle.period_start,
    periodEnd: cycle.period_end,
    createdAt: cycle.created_at,
    createdBy: cycle.created_by,
    schemaVersion: ws.schemaVersion,
    counts: {
      models: countModels(db),
      bundles: countIfPresent(db, 'bundles'),
      sessions: countIfPresent(db, 'sessions'),
      auditEvents: audit.events,
    },
    taxonomy: {
      version: taxonomy.version,
      dimensions: taxonomy.dimensions.length,
      likelihood: taxonomy.dimensions.filter((d) => d.axis === 'likelihood').length,
      impact: taxonomy.dimensions.filter((d) => d.axis === 'impact').length,
    },
    audit,
    version: versionOf(lastChange(db, 'cycle', [cycle.id])),
  };
}

export function updateCycleDetails(ws: Workspace, changes: CallArgs<'cycle.update'>): void {
  ws.transaction((tx) => {
    const before = readCycle(tx.db);
    if (!before) throw new UserError('workspace_refused', `${ws.path} holds no review cycle.`);
    refuseStale('The cycle', changes.expectedVersion, lastChange(tx.db, 'cycle', [before.id]));
    const after = {
      ...before,
      name: changes.name ?? before.name,
      period_start: changes.periodStart === undefined ? before.period_start : changes.periodStart,
      period_end: changes.periodEnd === undefined ? before.period_end : changes.periodEnd,
    };
    if (after.period_start && after.period_end && after.period_start > after.period_end) {
      throw new UserError('invalid_argument', 'The period must not end before it starts.', 'periodEnd');
    }
    updateCycle(tx.db, after);
    tx.audit({ action: 'cycle.update', entity: 'cycle', entityId: before.id, before: cycleImage(before), after: cycleImage(after) });
  });
}
