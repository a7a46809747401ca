import path from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate } from '../../../shared/sessions/dates';
import { todayOf } from '../../services/sessions/sessionGuards';
import { dueModels } from '../../services/cycles/dueService';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';

export const dueHelp = `Usage: mrb due <file.mrb> [--as-of YYYY-MM-DD] [--json]

The models that need the board, most urgent first, each with its reasons: periodic review
due or overdue (every 6/12/18/24 months for critical/high/medium/low unless the taxonomy
says otherwise), a risk acceptance expiring within 30 days or expired, a condition or
mitigation past due, a material change (new model version, or predictions that differ
from those the last decision rested on), a drift or performance breach in the latest
bundle against the taxonomy's rules, an open high or critical finding, never reviewed.
Exit 1 when any model is overdue. Reads only.`;

export function runDue(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('due takes exactly one workspace file.', 'due');
  const asOf = values['as-of'] ?? todayOf(undefined);
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a date as YYYY-MM-DD, not "${asOf}".`, 'due');
  const ws = Workspace.open(path.resolve(positionals[0] as string), { readonly: true });
  let rows;
  try {
    rows = dueModels(ws, { asOf });
  } finally {
    ws.close();
  }
  if (values.json) io.out(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) io.out(`No model needs the board as of ${asOf}.`);
  else {
    io.out(`${rows.length} model${rows.length === 1 ? '' : 's'} need${rows.length === 1 ? 's' : ''} the board as of ${asOf}:`);
    for (const m of rows) {
      io.out(`${m.urgency.toUpperCase().padEnd(7)}  ${m.modelId} (${m.modelName}), tier ${m.tier ?? 'none'}, last decided ${m.lastDecisionDate ?? 'never'}`);
      for (const r of m.reasons) io.out(`         - ${r.text}`);
    }
  }
  return rows.some((m) => m.urgency === 'overdue') ? EXIT.failed : EXIT.ok;
}
