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

// `mrb ... | head` (or `mrb ... 2>&1 | head`, progress lines and all) closes the pipe early; that is the reader's
// choice, not an error: what is written after is dropped, and the command ends with its own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

compileHotLoopsWhereTheyRun();

// The build points this at the program's ES module, split so that a command loads only its own code (build/bundle.mjs).
void import('./program')
  .then(({ runCli }) => runCli(process.argv.slice(2), processIo))
  .then((code) => {
    process.exitCode = code;
  });
