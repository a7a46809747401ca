import type { Manifest } from '../../../shared/bundle/manifest';
import type { Model } from '../../../shared/domain/model';
import type { ValidationReport } from '../../../shared/validation/report';
import { bundleExists, bundleImage, insertBundle, putContent } from '../store/bundleTable';
import { getModel, modelImage, upsertModel } from '../store/modelTable';
import type { Workspace } from '../store/workspace';
import { registerBundleFindings } from '../findings/findingsRegister';
import { checkConditionRules } from '../cycles/conditionChecks';
import { removeSpool, spooledPieces, type SpoolRanges } from './importSpool';

/**
 * A bundle read and validated (in a worker), ready to be stored in one transaction: its
 * files' bytes wait in the spool file, each file at its ranges.
 */
export interface PreparedImport {
  sha256: string;
  sourceName: string;
  manifest: Manifest;
  spool: string;
  files: { path: string; role: string; sha256: string; bytes: number; listed: boolean; ranges: SpoolRanges }[];
  report: ValidationReport;
}

export interface ImportOutcome {
  status: 'imported' | 'already_imported';
  sha256: string;
  modelId: string;
  version: string;
}

function modelFromManifest(m: Manifest, now: string, existing: Model | undefined): Model {
  return {
    id: m.model.id,
    name: m.model.name,
    version: m.model.version,
    owner: m.model.owner,
    team: m.model.team,
    productLine: m.model.product_line,
    regions: [...m.model.regions],
    useCase: m.model.use_case,
    deployment: { context: m.model.deployment.context, regulated: m.model.deployment.regulated },
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

function sameIdentity(a: Model, b: Model): boolean {
  const strip = (m: Model) => JSON.stringify({ ...m, createdAt: '', updatedAt: '' });
  return strip(a) === strip(b);
}

/**
 * Stores a prepared bundle: its files (content-addressed, copied from the spool in chunks),
 * the model (created or updated from the manifest), the report and its findings, with
 * audit events, all in one transaction. The same bundle again is recognised by its hash
 * and changes nothing. The spool is removed whatever the outcome.
 */
export function storeImport(ws: Workspace, prepared: PreparedImport): ImportOutcome {
  try {
    return storePrepared(ws, prepared);
  } finally {
    removeSpool(prepared.spool);
  }
}

function storePrepared(ws: Workspace, prepared: PreparedImport): ImportOutcome {
  const outcome: ImportOutcome = {
    status: 'imported',
    sha256: prepared.sha256,
    modelId: prepared.manifest.model.id,
    version: prepared.manifest.model.version,
  };
  if (bundleExists(ws.reader, prepared.sha256)) return { ...outcome, status: 'already_imported' };
  ws.transaction((tx) => {
    const before = getModel(tx.db, prepared.manifest.model.id);
    const model = modelFromManifest(prepared.manifest, tx.now, before);
    if (!before || !sameIdentity(before, model)) {
      upsertModel(tx.db, model);
      tx.audit({
        action: before ? 'model.update' : 'model.create',
        entity: 'model',
        entityId: model.id,
        before: before ? modelImage(before) : null,
        after: modelImage(model),
      });
    }
    for (const f of prepared.files) putContent(tx.db, f.sha256, f.bytes, () => spooledPieces(prepared.spool, f.ranges));
    insertBundle(
      tx.db,
      {
        sha256: prepared.sha256,
        modelId: model.id,
        modelVersion: prepared.manifest.model.version,
        task: prepared.manifest.task,
        createdAt: prepared.manifest.created_at,
        producer: prepared.manifest.producer,
        sourceName: prepared.sourceName,
        importedAt: tx.now,
        importedBy: tx.actor,
        files: prepared.files.map(({ path, role, sha256, bytes, listed }) => ({ path, role, sha256, bytes, listed })),
      },
      prepared.report,
    );
    tx.audit({ action: 'bundle.import', entity: 'bundle', entityId: prepared.sha256, before: null, after: bundleImage(tx.db, prepared.sha256) });
    // Issue 11: the findings register learns of the bundle's findings, and conditions with a metric rule check themselves.
    registerBundleFindings(tx, model.id, prepared.sha256, prepared.report);
    checkConditionRules(tx, model.id, prepared.sha256, prepared.report);
  });
  return outcome;
}
