import { parseArgs } from 'node:util';
import type { CycleInfo } from '../../../shared/contract/calls';
import { cycleInfo } from '../../services/cycles/cycleService';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';

export const infoHelp = `Usage: mrb info <file.mrb> [--json]

Shows the review cycle in a workspace: name, period, counts, taxonomy and whether the
audit chain holds. Stored bundle files are checked for presence and size, not re-hashed:
mrb audit verify --full does that. Reads only; works while the app has the workspace open.`;

function formatInfo(info: CycleInfo): string {
  const period = info.periodStart || info.periodEnd ? `${info.periodStart ?? '…'} to ${info.periodEnd ?? '…'}` : 'not set';
  const lines: [string, string][] = [
    ['Cycle', info.name],
    ['File', info.path],
    ['Period', period],
    ['Created', `${info.createdAt} by ${info.createdBy}`],
    ['Schema', `version ${info.schemaVersion}`],
    ['Models', String(info.counts.models)],
    ['Bundles', String(info.counts.bundles)],
    ['Sessions', String(info.counts.sessions)],
    ['Taxonomy', `v${info.taxonomy.version}: ${info.taxonomy.dimensions} dimensions (${info.taxonomy.likelihood} likelihood, ${info.taxonomy.impact} impact)`],
    [
      'Audit',
      info.audit.ok
        ? `chain holds, ${info.audit.events} events, head ${info.audit.head ?? '-'} (stored files checked by size; mrb audit verify --full re-hashes them)`
        : `BROKEN: ${info.audit.problem?.reason ?? ''}`,
    ],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  return lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

export function runInfo(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('info takes exactly one workspace file.', 'info');
  const ws = Workspace.open(positionals[0] as string, { readonly: true });
  try {
    const info = cycleInfo(ws);
    io.out(values.json ? JSON.stringify(info, null, 2) : formatInfo(info));
  } finally {
    ws.close();
  }
  return EXIT.ok;
}
