/** Where a command writes; tests and the real process differ only here. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Exit codes every command shares: 0 fine, 1 the thing checked does not hold, 2 refused or misused. */
export const EXIT = { ok: 0, failed: 1, refused: 2 } as const;

/** A usage mistake: printed with the command's help hint, exit 2. */
export class UsageError extends Error {
  constructor(message: string, readonly command: string) {
    super(message);
    this.name = 'UsageError';
  }
}
