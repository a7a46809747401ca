import path from 'node:path';
import { parseArgs } from 'node:util';
import { actionRegister } from '../../services/sessions/registers';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';
import { todayOption } from './sessions';

export const actionsHelp = `Usage: mrb actions <file.mrb> [--overdue] [--today YYYY-MM-DD] [--json]

The action register: every condition and mitigation of the decisions in force, across
the cycle's sessions, overdue first, with owner, due date and status. With --overdue, only
the overdue ones, and exit 1 when there are any (for a scheduled check). Overdue is judged
as of --today (default: today). Reads only.`;

export function runActions(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { overdue: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, today: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('actions takes exactly one workspace file.', 'actions');
  const today = todayOption(values.today, 'actions');
  const ws = Workspace.open(path.resolve(positionals[0] as string), { readonly: true });
  let rows;
  try {
    rows = actionRegister(ws, today, { overdueOnly: values.overdue });
  } finally {
    ws.close();
  }
  if (values.json) io.out(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) io.out(values.overdue ? `No action is overdue as of ${today}.` : 'No conditions or mitigations on record.');
  else {
    const model = Math.max(5, ...rows.map((r) => r.modelId.length));
    const owner = Math.max(5, ...rows.map((r) => r.owner.length));
    io.out(`status   due         ${'model'.padEnd(model)}  kind        ${'owner'.padEnd(owner)}  action`);
    for (const r of rows) {
      const late = r.status === 'overdue' ? ` (${r.daysOverdue} day${r.daysOverdue === 1 ? '' : 's'} late)` : '';
      io.out(`${r.status.padEnd(7)}  ${r.due}  ${r.modelId.padEnd(model)}  ${r.kind.padEnd(10)}  ${r.owner.padEnd(owner)}  ${r.text.replace(/\s*\n\s*/g, ' ')}${late}; session ${r.sessionNumber}`);
    }
  }
  return values.overdue && rows.length > 0 ? EXIT.failed : EXIT.ok;
}
