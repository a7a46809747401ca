import type { WorkspaceSettings } from '../../shared/contract/calls';
import { DEFAULT_TOLERANCE } from '../../shared/validation/claims';
import { readSetting, settingImage, writeSetting } from './store/settingsTable';
import type { Workspace } from './store/workspace';

const TOLERANCE_KEY = 'claim_tolerance';

/** The claim tolerance of the open cycle (a workspace setting), or the default. */
export function readTolerance(ws: Workspace | null): number {
  if (!ws) return DEFAULT_TOLERANCE;
  const value = readSetting(ws.reader, TOLERANCE_KEY);
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_TOLERANCE;
}

export function readSettings(ws: Workspace): WorkspaceSettings {
  return { claimTolerance: readTolerance(ws) };
}

/** Changes the tolerance for later imports; bundles already imported keep the report they were checked with. */
export function updateSettings(ws: Workspace, changes: WorkspaceSettings): WorkspaceSettings {
  ws.transaction((tx) => {
    const before = readSetting(tx.db, TOLERANCE_KEY);
    writeSetting(tx.db, TOLERANCE_KEY, changes.claimTolerance);
    tx.audit({
      action: 'setting.update',
      entity: 'setting',
      entityId: TOLERANCE_KEY,
      before: before === undefined ? null : settingImage(TOLERANCE_KEY, before),
      after: settingImage(TOLERANCE_KEY, changes.claimTolerance),
    });
  });
  return readSettings(ws);
}
