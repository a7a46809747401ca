import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Workspace } from '../../electron/services/store/workspace';
import type { Clock } from '../../electron/services/clock';
import { upsertModel, modelImage } from '../../electron/services/store/modelTable';
import type { Model } from '../../shared/domain/model';
import { tempDir } from './tempDir';

/** A new workspace in a fresh temp folder, on the system's clock unless given one. */
export function newWorkspace(name = 'Q3 2026 review', clock?: Clock): { ws: Workspace; file: string; dir: string } {
  const dir = tempDir();
  const file = path.join(dir, 'cycle.mrb');
  const ws = Workspace.create(file, { name, actor: 'analyst@test', periodStart: '2026-07-01', periodEnd: '2026-09-30', ...(clock ? { clock } : {}) });
  return { ws, file, dir };
}

export function modelFixture(id: string, overrides: Partial<Model> = {}): Model {
  return {
    id,
    name: `Model ${id}`,
    version: '1.0.0',
    owner: 'owner@example.com',
    team: 'Risk ML',
    productLine: 'Lending',
    regions: ['EU'],
    useCase: 'credit decisioning',
    deployment: { context: 'customer-facing', regulated: true },
    createdAt: '2026-07-01T00:00:00.000Z',
    updatedAt: '2026-07-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Adds models through the audited write path, as the bundle importer will. */
export function addModels(ws: Workspace, models: Model[]): void {
  ws.transaction((tx) => {
    for (const m of models) {
      upsertModel(tx.db, m);
      tx.audit({ action: 'model.create', entity: 'model', entityId: m.id, before: null, after: modelImage(m) });
    }
  });
}

/** sha256 of the workspace file plus its WAL, i.e. every byte that holds the cycle. */
export function fingerprint(file: string): string {
  const h = createHash('sha256');
  for (const f of [file, `${file}-wal`]) {
    h.update(f.endsWith('-wal') ? 'wal:' : 'db:');
    if (fs.existsSync(f)) h.update(fs.readFileSync(f));
  }
  return h.digest('hex');
}

/** The audit check of a workspace file, opened read-only as `mrb audit verify` opens it. */
export function verifyFile(file: string): ReturnType<Workspace['verifyAudit']> {
  const ws = Workspace.open(file, { readonly: true });
  try {
    return ws.verifyAudit();
  } finally {
    ws.close();
  }
}
