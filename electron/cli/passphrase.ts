import fs from 'node:fs';
import { UsageError } from './io';

/**
 * The passphrase of an identity, from --passphrase-file or MRB_PASSPHRASE, never from an
 * argument: arguments are visible to every user of the machine (ps) and land in shell history.
 */
export function readPassphrase(argv: string[], file: string | undefined, command: string): string {
  if (argv.some((a) => a === '--passphrase' || a.startsWith('--passphrase='))) {
    throw new UsageError('the passphrase is never taken as an argument (other users see arguments in ps, and shells keep them); use --passphrase-file FILE or the MRB_PASSPHRASE environment variable.', command);
  }
  if (file !== undefined) {
    try {
      return fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw new UsageError(`cannot read the passphrase file ${file}.`, command);
    }
  }
  const env = process.env.MRB_PASSPHRASE;
  if (env === undefined || env === '') throw new UsageError('needs a passphrase: --passphrase-file FILE or the MRB_PASSPHRASE environment variable.', command);
  return env;
}
