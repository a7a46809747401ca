import { EXIT, UsageError, type CliIo } from './io';
import type { Who } from './who';
import { ProfileFile } from '../services/people/profileFile';
import { defaultUserDataDir } from '../services/recentCycles';
import { internalErrorSentence, logInternalError } from '../services/errorLog';

type Run = (argv: string[], io: CliIo, who: Who) => number | Promise<number>;

interface Command {
  summary: string;
  /**
   * The command's help and run function. Each command module is loaded only when its command
   * is run or its help asked for: loading all of them (zod schemas, SQLite, pdfmake, forge)
   * cost `mrb --help` and `mrb validate` a quarter of a second before any work.
   */
  load: () => Promise<{ help: string; run: Run }>;
  /** Why `--as` does not apply to this command (it records no one, or names someone else), if so. */
  notAs?: string;
}

const commands: Record<string, Command> = {
  init: { summary: 'create a review-cycle workspace', load: () => import('./commands/init').then((m) => ({ help: m.initHelp, run: m.runInit })) },
  info: { summary: 'show a workspace: cycle, counts, taxonomy, audit status', load: () => import('./commands/info').then((m) => ({ help: m.infoHelp, run: m.runInfo })) },
  'audit verify': { summary: 'check the audit chain (exit 1 when broken)', load: () => import('./commands/auditVerify').then((m) => ({ help: m.auditVerifyHelp, run: m.runAuditVerify })) },
  validate: { summary: 'check a bundle and recompute its metrics (no workspace)', load: () => import('./commands/validate').then((m) => ({ help: m.validateHelp, run: m.runValidate })) },
  'bundle init': { summary: 'write bundle.json for a folder of predictions, cards and reports', load: () => import('./commands/bundleInit').then((m) => ({ help: m.bundleInitHelp, run: m.runBundleInit })) },
  import: { summary: 'import bundles into a workspace', load: () => import('./commands/import').then((m) => ({ help: m.importHelp, run: m.runImport })) },
  models: { summary: 'list models in heatmap order with heat and tier', load: () => import('./commands/models').then((m) => ({ help: m.modelsHelp, run: m.runModels })) },
  score: { summary: 'score a model on a dimension', load: () => import('./commands/score').then((m) => ({ help: m.scoreHelp, run: m.runScore })) },
  heatmap: { summary: 'draw the heatmap as SVG, now or as of a moment', load: () => import('./commands/heatmap').then((m) => ({ help: m.heatmapHelp, run: m.runHeatmap })) },
  sessions: { summary: 'list review-board sessions', load: () => import('./commands/sessions').then((m) => ({ help: m.sessionsHelp, run: m.runSessions })) },
  'session show': { summary: 'show a session: attendance, quorum, decisions', load: () => import('./commands/sessions').then((m) => ({ help: m.sessionShowHelp, run: m.runSessionShow })) },
  actions: { summary: 'the action register (exit 1 with --overdue when any)', load: () => import('./commands/actions').then((m) => ({ help: m.actionsHelp, run: m.runActions })) },
  'cycle next': { summary: 'start the next cycle from this one, carrying what is open', load: () => import('./commands/cycleNext').then((m) => ({ help: m.cycleNextHelp, run: m.runCycleNext })) },
  findings: { summary: 'the findings register (exit 1 with --overdue when any)', load: () => import('./commands/findings').then((m) => ({ help: m.findingsHelp, run: m.runFindings })) },
  due: { summary: 'models that need the board, and why (exit 1 when any is overdue)', load: () => import('./commands/due').then((m) => ({ help: m.dueHelp, run: m.runDue })) },
  kpis: { summary: 'the programme KPIs, beside last cycle\'s', load: () => import('./commands/kpis').then((m) => ({ help: m.kpisHelp, run: m.runKpis })) },
  mapping: { summary: 'the regulatory clauses each dimension and finding category answers', load: () => import('./commands/mapping').then((m) => ({ help: m.mappingHelp, run: m.runMapping })) },
  roster: { summary: 'list the people of the cycle and their roles', load: () => import('./commands/roster').then((m) => ({ help: m.rosterHelp, run: m.runRoster })) },
  'roster add': { summary: 'add a person to the roster of the cycle', load: () => import('./commands/roster').then((m) => ({ help: m.rosterAddHelp, run: m.runRosterAdd })) },
  profile: { summary: 'who is using the app on this machine; --choose from a roster', load: () => import('./commands/profile').then((m) => ({ help: m.profileHelp, run: m.runProfile })), notAs: 'the person is chosen with --choose' },
  'identity create': { summary: 'create a signing identity (local CA + signer, .p12)', load: () => import('./commands/identity').then((m) => ({ help: m.identityCreateHelp, run: m.runIdentityCreate })) },
  'identity show': { summary: 'show a signing identity and its fingerprint', load: () => import('./commands/identity').then((m) => ({ help: m.identityShowHelp, run: m.runIdentityShow })) },
  'export packet': { summary: 'build and sign the decision packet of a closed session', load: () => import('./commands/exportPacket').then((m) => ({ help: m.exportPacketHelp, run: m.runExportPacket })) },
  countersign: { summary: "add a board member's signature to a signed packet", load: () => import('./commands/countersign').then((m) => ({ help: m.countersignHelp, run: m.runCountersign })), notAs: 'the signature names the holder of --identity' },
  verify: { summary: 'check a signed packet (exit 1 when it does not hold)', load: () => import('./commands/verify').then((m) => ({ help: m.verifyHelp, run: m.runVerify })) },
  demo: { summary: 'build a complete sample cycle, session and signed packet in a folder', load: () => import('./commands/demo').then((m) => ({ help: m.demoHelp, run: m.runDemoCommand })), notAs: "the sample cycle's changes are made by its demo analyst" },
  serve: { summary: 'serve the app to a browser on 127.0.0.1', load: () => import('./commands/serve').then((m) => ({ help: m.serveHelp, run: m.runServe })), notAs: 'the pages record the person chosen in their top bar' },
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

/**
 * Takes the global `--as <e-mail>` (or `--as=<e-mail>`) out of the command line, wherever
 * it stands; `problem` says what is wrong with one given without an e-mail.
 */
export function takeAs(argv: string[]): { as: string | null; rest: string[]; problem?: string } {
  let as: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--as' || arg.startsWith('--as=')) {
      const value = arg === '--as' ? argv[++i] : arg.slice('--as='.length);
      if (value === undefined || value.trim() === '' || value.startsWith('-')) return { as: null, rest, problem: '--as needs the e-mail of a person on the roster, such as --as a.khan@bank.example.' };
      as = value.trim();
    } else rest.push(arg);
  }
  return { as, rest };
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
  try {
    const { help, run } = await found.command.load();
    if (found.rest.includes('--help') || found.rest.includes('-h')) {
      io.out(help);
      return EXIT.ok;
    }
    if (as !== null && found.command.notAs !== undefined) {
      io.err(`mrb ${found.name}: --as does not apply here: ${found.command.notAs}.`);
      return EXIT.refused;
    }
    return await run(found.rest, io, { as, profile: new ProfileFile(defaultUserDataDir()) });
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`mrb ${err.command}: ${err.message}\nRun \`mrb ${err.command} --help\` for usage.`);
      return EXIT.refused;
    }
    // Loaded here, not up front: the contract's errors bring zod, which a failing command has loaded already.
    const { UserError } = await import('../../shared/contract/errors');
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
