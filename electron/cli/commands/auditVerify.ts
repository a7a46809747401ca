import { parseArgs } from 'node:util';
import { verifyPrevious, type PreviousReport } from '../../services/cycles/lineageCheck';
import { startWalkBesideEarly } from '../../services/store/walkBeside';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';

export const auditVerifyHelp = `Usage: mrb audit verify <file.mrb> [--full] [--previous <prev.mrb>] [--json]

Re-computes the audit log's hash chain and checks that the workspace's records still
match their last audited state: cycle, models, taxonomy, settings, scores, bundles with
their reports, findings and stored file lists, sessions, decisions, packets and the
roster, and what the cycle carried in (its lineage, follow-ups, findings register, model
history and prior scores, rule checks). Exit 0 when the chain holds; exit 1 naming the
first event that does not (a row edited, deleted or inserted behind the app's back).

By default a stored bundle file is checked for presence and size, not re-read.
  --full   also re-hash every stored bundle file (SHA-256 of its content must be the
           hash it is stored under); reads all stored bytes, so it takes longer.
  --previous <prev.mrb>
           also check the link to the cycle this one was started from: <prev.mrb> is
           that cycle, its own chain holds, and it passed through the audit head this
           cycle recorded at the hand-over (so a run of cycle files is one chain).
  --json   print the report as JSON.`;

export function runAuditVerify(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false }, full: { type: 'boolean', default: false }, previous: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('audit verify takes exactly one workspace file.', 'audit verify');
  startWalkBesideEarly(positionals[0] as string);
  const ws = Workspace.open(positionals[0] as string, { readonly: true });
  let report;
  let previous: PreviousReport | undefined;
  try {
    report = ws.verifyAudit('full', { rehashFiles: values.full });
    if (values.previous !== undefined) {
      const prev = Workspace.open(values.previous, { readonly: true });
      try {
        previous = verifyPrevious(ws, prev);
      } finally {
        prev.close();
      }
    }
  } finally {
    ws.close();
  }
  const linked = previous === undefined || previous.ok;
  if (values.json) {
    io.out(JSON.stringify(previous === undefined ? report : { ...report, previous }, null, 2));
  } else if (report.ok) {
    io.out(`Audit chain holds: ${report.events} events, head ${report.head ?? '(empty)'}.`);
    io.out(values.full ? 'Every stored bundle file was re-hashed.' : 'Stored bundle files were checked for presence and size; --full re-hashes them.');
  } else {
    io.err(`Audit chain broken${report.problem?.seq ? ` at event #${report.problem.seq}` : ''}: ${report.problem?.reason ?? 'unknown problem'}`);
  }
  if (previous !== undefined && !values.json) {
    if (previous.ok) io.out(`The link to "${previous.predecessor?.name}" holds: it passed through the recorded head ${previous.predecessor?.head.slice(0, 16)}… (event #${previous.predecessor?.headSeq}).`);
    else io.err(`The link to the previous cycle does not hold: ${previous.problem}`);
  }
  return report.ok && linked ? EXIT.ok : EXIT.failed;
}
