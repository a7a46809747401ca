import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Kpi } from '../../../shared/cycles/kpis';
import { isIsoDate } from '../../../shared/sessions/dates';
import { kpisWithPrevious } from '../../services/cycles/kpis';
import { todayOf } from '../../services/sessions/sessionGuards';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';

export const kpisHelp = `Usage: mrb kpis <file.mrb> [--previous <prev.mrb>] [--as-of YYYY-MM-DD] [--json]

The programme KPIs of the cycle, each with its definition: inventory coverage, tiering
completion, review SLA (median days from import to decision), monitoring coverage,
overdue exceptions and remediation cycle time. Each KPI shows its value last cycle when
the predecessor's file is given with --previous or lies beside the workspace under the
name recorded when the cycle was started. Reads only.`;

function show(k: Kpi, value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  return k.unit === 'share' ? `${(value * 100).toFixed(1)}%` : `${value.toFixed(1)} days`;
}

export function runKpis(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { previous: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('kpis takes exactly one workspace file.', 'kpis');
  const asOf = values['as-of'] ?? todayOf(undefined);
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a date as YYYY-MM-DD, not "${asOf}".`, 'kpis');
  const ws = Workspace.open(path.resolve(positionals[0] as string), { readonly: true });
  let report;
  try {
    report = kpisWithPrevious(ws, asOf, values.previous === undefined ? undefined : path.resolve(values.previous));
  } finally {
    ws.close();
  }
  if (values.json) {
    io.out(JSON.stringify(report, null, 2));
    return EXIT.ok;
  }
  io.out(`KPIs of "${report.cycleName}" as of ${report.asOf}${report.previousCycleName ? `, beside "${report.previousCycleName}"` : ''}:`);
  for (const k of report.kpis) {
    const count = k.numerator !== null && k.denominator !== null ? ` (${k.numerator} of ${k.denominator})` : k.denominator !== null ? ` (over ${k.denominator})` : '';
    const before = report.previousCycleName ? `; last cycle ${show(k, k.previous)}` : '';
    io.out(`${k.label.padEnd(24)}${show(k, k.value)}${count}${before}`);
    io.out(`${''.padEnd(24)}${k.definition}`);
  }
  return EXIT.ok;
}
