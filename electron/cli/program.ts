import { UserError } from '../../shared/contract/errors';
import { auditVerifyHelp, runAuditVerify } from './commands/auditVerify';
import { infoHelp, runInfo } from './commands/info';
import { initHelp, runInit } from './commands/init';
import { runServe, serveHelp } from './commands/serve';
import { runValidate, validateHelp } from './commands/validate';
import { bundleInitHelp, runBundleInit } from './commands/bundleInit';
import { importHelp, runImport } from './commands/import';
import { runScore, scoreHelp } from './commands/score';
import { modelsHelp, runModels } from './commands/models';
import { heatmapHelp, runHeatmap } from './commands/heatmap';
import { identityCreateHelp, identityShowHelp, runIdentityCreate, runIdentityShow } from './commands/identity';
import { runVerify, verifyHelp } from './commands/verify';
import { exportPacketHelp, runExportPacket } from './commands/exportPacket';
import { countersignHelp, runCountersign } from './commands/countersign';
import { demoHelp, runDemoCommand } from './commands/demo';
import { runSessions, runSessionShow, sessionShowHelp, sessionsHelp } from './commands/sessions';
import { actionsHelp, runActions } from './commands/actions';
import { cycleNextHelp, runCycleNext } from './commands/cycleNext';
import { findingsHelp, runFindings } from './commands/findings';
import { dueHelp, runDue } from './commands/due';
import { kpisHelp, runKpis } from './commands/kpis';
import { mappingHelp, runMapping } from './commands/mapping';
import { rosterAddHelp, rosterHelp, runRoster, runRosterAdd } from './commands/roster';
import { profileHelp, runProfile } from './commands/profile';
import { EXIT, UsageError, type CliIo } from './io';
import { takeAs, type Who } from './who';
import { ProfileFile } from '../services/people/profileFile';
import { defaultUserDataDir } from '../services/recentCycles';
import { internalErrorSentence, logInternalError } from '../services/errorLog';

interface Command {
  summary: string;
  help: string;
  run: (argv: string[], io: CliIo, who: Who) => number | Promise<number>;
  /** Why `--as` does not apply to this command (it records no one, or names someone else), if so. */
  notAs?: string;
}

const commands: Record<string, Command> = {
  init: { summary: 'create a review-cycle workspace', help: initHelp, run: runInit },
  info: { summary: 'show a workspace: cycle, counts, taxonomy, audit status', help: infoHelp, run: runInfo },
  'audit verify': { summary: 'check the audit chain (exit 1 when broken)', help: auditVerifyHelp, run: runAuditVerify },
  validate: { summary: 'check a bundle and recompute its metrics (no workspace)', help: validateHelp, run: runValidate },
  'bundle init': { summary: 'write bundle.json for a folder of predictions, cards and reports', help: bundleInitHelp, run: runBundleInit },
  import: { summary: 'import bundles into a workspace', help: importHelp, run: runImport },
  models: { summary: 'list models in heatmap order with heat and tier', help: modelsHelp, run: runModels },
  score: { summary: 'score a model on a dimension', help: scoreHelp, run: runScore },
  heatmap: { summary: 'draw the heatmap as SVG, now or as of a moment', help: heatmapHelp, run: runHeatmap },
  sessions: { summary: 'list review-board sessions', help: sessionsHelp, run: runSessions },
  'session show': { summary: 'show a session: attendance, quorum, decisions', help: sessionShowHelp, run: runSessionShow },
  actions: { summary: 'the action register (exit 1 with --overdue when any)', help: actionsHelp, run: runActions },
  'cycle next': { summary: 'start the next cycle from this one, carrying what is open', help: cycleNextHelp, run: runCycleNext },
  findings: { summary: 'the findings register (exit 1 with --overdue when any)', help: findingsHelp, run: runFindings },
  due: { summary: 'models that need the board, and why (exit 1 when any is overdue)', help: dueHelp, run: runDue },
  kpis: { summary: 'the programme KPIs, beside last cycle\'s', help: kpisHelp, run: runKpis },
  mapping: { summary: 'the regulatory clauses each dimension and finding category answers', help: mappingHelp, run: runMapping },
  roster: { summary: 'list the people of the cycle and their roles', help: rosterHelp, run: runRoster },
  'roster add': { summary: 'add a person to the roster of the cycle', help: rosterAddHelp, run: runRosterAdd },
  profile: { summary: 'who is using the app on this machine; --choose from a roster', help: profileHelp, run: runProfile, notAs: 'the person is chosen with --choose' },
  'identity create': { summary: 'create a signing identity (local CA + signer, .p12)', help: identityCreateHelp, run: runIdentityCreate },
  'identity show': { summary: 'show a signing identity and its fingerprint', help: identityShowHelp, run: runIdentityShow },
  'export packet': { summary: 'build and sign the decision packet of a closed session', help: exportPacketHelp, run: runExportPacket },
  countersign: { summary: "add a board member's signature to a signed packet", help: countersignHelp, run: runCountersign, notAs: 'the signature names the holder of --identity' },
  verify: { summary: 'check a signed packet (exit 1 when it does not hold)', help: verifyHelp, run: runVerify },
  demo: { summary: 'build a complete sample cycle, session and signed packet in a folder', help: demoHelp, run: runDemoCommand, notAs: "the sample cycle's changes are made by its demo analyst" },
  serve: { summary: 'serve the app to a browser on 127.0.0.1', help: serveHelp, run: runServe, notAs: 'the pages record the person chosen in their top bar' },
};

// The summary column starts two spaces past the longest command name, so no name runs into its summary.
const nameWidth = Math.max(...Object.keys(commands).map((name) => name.length)) + 2;

export const mainHelp = `Usage: mrb [--as <e-mail>] <command> [options]

Model Review Board on the command line. Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(nameWidth)}${c.summary}`)
  .join('\n')}

Run \`mrb <command> --help\` for a command's options.
Writes are recorded as --as <e-mail> (a person on the workspace's roster; anyone else is
refused, exit 2), else as the person chosen on this machine in the app, else as the
operating-system account.
Exit codes: 0 fine, 1 the thing checked does not hold, 2 refused or misused,
70 an internal error (a bug: its details are logged to a file, whose path is printed).`;

function findCommand(argv: string[]): { name: string; command: Command; rest: string[] } | undefined {
  const two = argv.slice(0, 2).join(' ');
  if (commands[two]) return { name: two, command: commands[two], rest: argv.slice(2) };
  const one = argv[0];
  if (one !== undefined && commands[one]) return { name: one, command: commands[one], rest: argv.slice(1) };
  return undefined;
}

/** Runs one command line; returns the exit code. User errors never show a stack trace. */
export async function runCli(commandLine: string[], io: CliIo): Promise<number> {
  const { as, rest: argv, problem } = takeAs(commandLine);
  if (problem !== undefined) {
    io.err(`mrb: ${problem}`);
    return EXIT.refused;
  }
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(mainHelp);
    return argv.length === 0 ? EXIT.refused : EXIT.ok;
  }
  const found = findCommand(argv);
  if (!found) {
    io.err(`mrb: unknown command "${argv.slice(0, ['audit', 'session', 'identity', 'export', 'cycle', 'bundle'].includes(argv[0] ?? '') ? 2 : 1).join(' ')}". Run \`mrb --help\` for the list.`);
    return EXIT.refused;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.out(found.command.help);
    return EXIT.ok;
  }
  if (as !== null && found.command.notAs !== undefined) {
    io.err(`mrb ${found.name}: --as does not apply here: ${found.command.notAs}.`);
    return EXIT.refused;
  }
  try {
    return await found.command.run(found.rest, io, { as, profile: new ProfileFile(defaultUserDataDir()) });
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`mrb ${err.command}: ${err.message}\nRun \`mrb ${err.command} --help\` for usage.`);
      return EXIT.refused;
    }
    if (err instanceof UserError) {
      io.err(`mrb ${found.name}: ${err.message}`);
      return EXIT.refused;
    }
    const code = (err as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      io.err(`mrb ${found.name}: ${(err as Error).message}\nRun \`mrb ${found.name} --help\` for usage.`);
      return EXIT.refused;
    }
    io.err(`mrb ${found.name}: ${internalErrorSentence(err, logInternalError(`mrb ${found.name}`, err, { argv }))}`);
    return EXIT.internal;
  }
}
