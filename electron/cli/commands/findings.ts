import path from 'node:path';
import { parseArgs } from 'node:util';
import { findingsRegister } from '../../services/findings/findingsRegister';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';
import { todayOption } from './sessions';

export const findingsHelp = `Usage: mrb findings <file.mrb> [--open] [--overdue] [--model ID] [--today YYYY-MM-DD] [--json]

The findings register: every finding of the cycle (from imported bundles, from conditions
whose metric rule was not met, raised by hand, or carried from earlier cycles), overdue
first, then open before closed, most severe first, with its type, owner, due date, status
and age in days. --open keeps the open and in-remediation ones; --overdue only the
overdue ones, and exits 1 when there are any (for a scheduled check). Reads only.`;

export function runFindings(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      open: { type: 'boolean', default: false },
      overdue: { type: 'boolean', default: false },
      model: { type: 'string' },
      today: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('findings takes exactly one workspace file.', 'findings');
  const today = todayOption(values.today, 'findings');
  const ws = Workspace.open(path.resolve(positionals[0] as string), { readonly: true });
  let rows;
  try {
    rows = findingsRegister(ws, { openOnly: values.open, overdueOnly: values.overdue, modelId: values.model, asOf: today });
  } finally {
    ws.close();
  }
  if (values.json) io.out(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) io.out(values.overdue ? `No finding is overdue as of ${today}.` : 'No findings on record.');
  else {
    const model = Math.max(5, ...rows.map((r) => r.modelId.length));
    io.out(`severity  status                 due         age  ${'model'.padEnd(model)}  type              finding`);
    for (const r of rows) {
      const late = r.overdue ? ' (overdue)' : '';
      const born = r.bornCycleName ? `; born in ${r.bornCycleName}` : '';
      io.out(
        `${r.severity.padEnd(8)}  ${r.status.padEnd(21)}  ${(r.due ?? '-').padEnd(10)}  ${String(r.ageDays).padStart(3)}  ${r.modelId.padEnd(model)}  ${r.type.padEnd(16)}  ${r.title.replace(/\s*\n\s*/g, ' ')}${late}; owner ${r.owner || '-'}${born}`,
      );
    }
  }
  return values.overdue && rows.length > 0 ? EXIT.failed : EXIT.ok;
}
