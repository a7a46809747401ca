import { printableText } from '../../shared/contract/shownText';

/** Where a command writes; tests and the real process differ only here. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Whatever a command prints may carry names from files (models, columns, paths): terminal
 * escapes and other control characters are shown escaped, the last net under every message.
 */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(printableText(text.endsWith('\n') ? text : `${text}\n`)),
  err: (text) => process.stderr.write(printableText(text.endsWith('\n') ? text : `${text}\n`)),
};

/**
 * Exit codes every command shares: 0 fine, 1 the thing checked does not hold, 2 refused or
 * misused, 70 an internal error (EX_SOFTWARE of sysexits.h), logged with its details.
 */
export const EXIT = { ok: 0, failed: 1, refused: 2, internal: 70 } as const;

/** A usage mistake: printed with the command's help hint, exit 2. */
export class UsageError extends Error {
  constructor(message: string, readonly command: string) {
    super(message);
    this.name = 'UsageError';
  }
}
