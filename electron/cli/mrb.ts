import { processIo } from './io';
import { runCli } from './program';

// `mrb ... | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

void runCli(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
