import { DEFAULT_TOLERANCE } from '../../shared/validation/claims';
import type { Workspace } from './store/workspace';

/** The claim tolerance of the open cycle (a workspace setting), or the default. */
export function readTolerance(ws: Workspace | null): number {
  if (!ws) return DEFAULT_TOLERANCE;
  const text = ws.reader.prepare("SELECT value FROM settings WHERE key = 'claim_tolerance'").pluck().get() as string | undefined;
  const value = text === undefined ? NaN : Number(JSON.parse(text));
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_TOLERANCE;
}
