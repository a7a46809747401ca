import type { CallResult, ParsedArgs, WorkspaceSettings } from '../../shared/contract/calls';
import { DEFAULT_TOLERANCE } from '../../shared/validation/claims';
import { readSetting, settingImage, writeSetting } from './store/settingsTable';
import { lastChange, refuseStale, versionOf } from './store/entityVersion';
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

/** Each setting as the Settings place labels it. */
const LABELS: Record<keyof WorkspaceSettings, string> = { claimTolerance: 'Claim tolerance', acceptanceMaxMonths: 'Risk acceptance limit' };

/** The settings with their version: the audit seq of the last change of any of them. */
export function versionedSettings(ws: Workspace): CallResult<'settings.get'> {
  return { ...readSettings(ws), version: versionOf(lastChange(ws.reader, 'setting', Object.values(KEYS))) };
}

/**
 * Changes the settings given, in one transaction. The tolerance applies to later imports
 * (bundles already imported keep the report they were checked with); the acceptance
 * limit to later decisions. A save from a stale copy is refused only when a setting it
 * changes was saved meanwhile: two windows may each change a different one.
 */
export function updateSettings(ws: Workspace, changes: ParsedArgs<'settings.update'>): CallResult<'settings.update'> {
  const given = (Object.keys(KEYS) as (keyof WorkspaceSettings)[]).filter((k) => changes[k] !== undefined);
  if (given.length === 0) return versionedSettings(ws);
  ws.transaction((tx) => {
    refuseStale(given.length === 1 ? `The setting "${LABELS[given[0] as keyof WorkspaceSettings]}"` : 'These settings', changes.expectedVersion, lastChange(tx.db, 'setting', given.map((k) => KEYS[k])));
    for (const name of given) {
      const key = KEYS[name];
      const value = changes[name] as number;
      const before = readSetting(tx.db, key);
      writeSetting(tx.db, key, value);
      tx.audit({ action: 'setting.update', entity: 'setting', entityId: key, before: before === undefined ? null : settingImage(key, before), after: settingImage(key, value) });
    }
  });
  return versionedSettings(ws);
}
