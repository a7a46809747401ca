import { EXIT, processIo } from './io';
import { internalErrorSentence, logInternalError } from '../services/errorLog';
import { compileHotLoopsWhereTheyRun } from '../services/hotLoops';

// A failure outside any command's promise (a callback, a stream's 'error'): the same sentence and log as inside one.
// Set here, in the small bin, before the commands' modules load (which takes turns of the event loop).
const lastResort = (err: unknown) => {
  processIo.err(`mrb: ${internalErrorSentence(err, logInternalError('mrb', err, { argv: process.argv.slice(2) }))}`);
  process.exit(EXIT.internal);
};
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);

// `mrb ... | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

compileHotLoopsWhereTheyRun();

// The build points this at the program's ES module, split so that a command loads only its own code (build/bundle.mjs).
void import('./program')
  .then(({ runCli }) => runCli(process.argv.slice(2), processIo))
  .then((code) => {
    process.exitCode = code;
  });
