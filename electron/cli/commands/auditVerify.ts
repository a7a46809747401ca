import { parseArgs } from 'node:util';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';

export const auditVerifyHelp = `Usage: mrb audit verify <file.mrb> [--json]

Re-computes the audit log's hash chain and checks that the workspace's records still
match their last audited state. Exit 0 when the chain holds; exit 1 naming the first
event that does not (a row edited, deleted or inserted behind the app's back).`;

export function runAuditVerify(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('audit verify takes exactly one workspace file.', 'audit verify');
  const ws = Workspace.open(positionals[0] as string, { readonly: true });
  let report;
  try {
    report = ws.verifyAudit();
  } finally {
    ws.close();
  }
  if (values.json) {
    io.out(JSON.stringify(report, null, 2));
  } else if (report.ok) {
    io.out(`Audit chain holds: ${report.events} events, head ${report.head ?? '(empty)'}.`);
  } else {
    io.err(`Audit chain broken${report.problem?.seq ? ` at event #${report.problem.seq}` : ''}: ${report.problem?.reason ?? 'unknown problem'}`);
  }
  return report.ok ? EXIT.ok : EXIT.failed;
}
