import { parseArgs } from 'node:util';
import { calls } from '../../../shared/contract/calls';
import { describeIssues, rawPath } from '../../../shared/contract/errors';
import { cycleInfo } from '../../services/cycles/cycleService';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';
import { actorOf, refuseAsOnNewWorkspace, type Who } from '../who';

export const initHelp = `Usage: mrb init <file.mrb> --name "<cycle>" [--period-start YYYY-MM-DD] [--period-end YYYY-MM-DD] [--json]

Creates a new review-cycle workspace, seeded with the default risk taxonomy.
The file must not exist yet.`;

export function runInit(argv: string[], io: CliIo, who: Who): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'period-start': { type: 'string' },
      'period-end': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('init takes exactly one workspace file.', 'init');
  if (values.name === undefined) throw new UsageError('init needs --name "<cycle name>".', 'init');
  const args = { path: positionals[0], name: values.name, periodStart: values['period-start'] ?? null, periodEnd: values['period-end'] ?? null };
  const parsed = calls['cycle.create'].args.safeParse(args);
  if (!parsed.success) {
    const { message } = describeIssues(parsed.error.issues, rawPath);
    throw new UsageError(message.replace(/^path:/, 'file:').replace(/^periodStart:/, '--period-start:').replace(/^periodEnd:/, '--period-end:'), 'init');
  }
  refuseAsOnNewWorkspace(who, parsed.data.path);
  const ws = Workspace.create(parsed.data.path, {
    name: parsed.data.name,
    actor: actorOf(who, parsed.data.path),
    periodStart: parsed.data.periodStart ?? null,
    periodEnd: parsed.data.periodEnd ?? null,
    app: 'mrb init',
  });
  try {
    const info = cycleInfo(ws);
    if (values.json) io.out(JSON.stringify(info, null, 2));
    else io.out(`Created review cycle "${info.name}" in ${info.path} (taxonomy v${info.taxonomy.version}, ${info.taxonomy.dimensions} dimensions).`);
  } finally {
    ws.close();
  }
  return EXIT.ok;
}
