import type { ApiErrorCode } from '../../../shared/contract/errors';
import type { BundleLocation } from '../bundles/bundleError';
import type { SourceLimits } from '../bundles/bundleSource';
import type { PreparedImport } from '../bundles/importService';

/** What the import worker is given and what it answers. */
export interface WorkerRequest {
  origin: string;
  tolerance: number;
  limits?: SourceLimits;
  /** The job's own folder, where the worker makes the spool of the bundle's bytes; removed by the job when it ends (a terminated worker removes nothing). */
  spoolRoot: string;
}

export type WorkerMessage =
  | { type: 'progress'; phase: 'checking' | 'reading'; file: string; bytes: number; totalBytes: number; rows: number }
  | { type: 'done'; prepared: PreparedImport }
  | { type: 'refused'; code: ApiErrorCode; message: string; location: BundleLocation }
  | { type: 'failed'; message: string };
