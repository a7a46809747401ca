import { UserError } from '../../../shared/contract/userError';

/** Where in the bundle a refusal points: the file, the manifest field, the row and column. */
export interface BundleLocation {
  file?: string;
  field?: string;
  row?: number;
  column?: string;
}

/** A bundle refused whole; the message is a sentence naming the file, field or row. */
export class BundleError extends UserError {
  readonly location: BundleLocation;

  constructor(message: string, location: BundleLocation = {}) {
    super('bundle_refused', message, location.field);
    this.name = 'BundleError';
    this.location = location;
  }
}

/** The user stopped an import: nothing was stored. */
export function cancelledError(): UserError {
  return new UserError('cancelled', 'The import was cancelled; nothing was stored.');
}
