import type { WorkspaceSettings } from '../../shared/contract/calls';
import { DEFAULT_TOLERANCE } from '../../shared/validation/claims';
import { readSetting, settingImage, writeSetting } from './store/settingsTable';
import type { Workspace } from './store/workspace';
import { ACCEPTANCE_MONTHS_KEY, acceptanceMaxMonths } from './sessions/sessionGuards';

const TOLERANCE_KEY = 'claim_tolerance';

/** The claim tolerance of the open cycle (a workspace setting), or the default. */
export function readTolerance(ws: Workspace | null): number {
  if (!ws) return DEFAULT_TOLERANCE;
  const value = readSetting(ws.reader, TOLERANCE_KEY);
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_TOLERANCE;
}

export function readSettings(ws: Workspace): WorkspaceSettings {
  return { claimTolerance: readTolerance(ws), acceptanceMaxMonths: acceptanceMaxMonths(ws) };
}

/** Where each setting is stored: one audited key each. */
const KEYS: Record<keyof WorkspaceSettings, string> = { claimTolerance: TOLERANCE_KEY, acceptanceMaxMonths: ACCEPTANCE_MONTHS_KEY };

/**
 * Changes the settings given, in one transaction. The tolerance applies to later imports
 * (bundles already imported keep the report they were checked with); the acceptance
 * limit to later decisions.
 */
export function updateSettings(ws: Workspace, changes: Partial<WorkspaceSettings>): WorkspaceSettings {
  const given = (Object.keys(KEYS) as (keyof WorkspaceSettings)[]).filter((k) => changes[k] !== undefined);
  if (given.length === 0) return readSettings(ws);
  ws.transaction((tx) => {
    for (const name of given) {
      const key = KEYS[name];
      const value = changes[name] as number;
      const before = readSetting(tx.db, key);
      writeSetting(tx.db, key, value);
      tx.audit({ action: 'setting.update', entity: 'setting', entityId: key, before: before === undefined ? null : settingImage(key, before), after: settingImage(key, value) });
    }
  });
  return readSettings(ws);
}
