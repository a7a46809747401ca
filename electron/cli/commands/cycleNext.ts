import path from 'node:path';
import { parseArgs } from 'node:util';
import { cycleInfo } from '../../services/cycles/cycleService';
import { startNextCycle } from '../../services/cycles/nextCycle';
import { cycleLineage } from '../../services/cycles/lineageService';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';
import { actorOf, type Who } from '../who';

export const cycleNextHelp = `Usage: mrb cycle next <from.mrb> <to.mrb> --name "<cycle>" --period-start YYYY-MM-DD --period-end YYYY-MM-DD [--json]

Starts the next review cycle from <from.mrb> in the new file <to.mrb>. Carried forward:
the model inventory with each model's tier and last decision, the latest bundle of each
model with its files, report and findings; the taxonomy (as the new cycle's first version)
and the settings; every open condition and mitigation, every risk acceptance still in play
(active, or expired and not yet resolved by a new decision), every open finding, each
with the cycle it was born in; the scores, as prior scores. The new cycle's first audit
event records the predecessor's id, file name and audit chain head (check it later with
\`mrb audit verify <to.mrb> --previous <from.mrb>\`). <from.mrb> is not changed.
Refused, nothing written, when <to.mrb> exists, the predecessor's audit chain does not
hold, or the new period starts before the predecessor's ends.`;

export function runCycleNext(argv: string[], io: CliIo, who: Who): number {
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
  if (positionals.length !== 2) throw new UsageError('cycle next takes the workspace to start from and the new file to create.', 'cycle next');
  if (values.name === undefined) throw new UsageError('cycle next needs --name "<cycle name>".', 'cycle next');
  if (values['period-start'] === undefined || values['period-end'] === undefined) {
    throw new UsageError('cycle next needs --period-start and --period-end (YYYY-MM-DD).', 'cycle next');
  }
  const fromFile = path.resolve(positionals[0] as string);
  const from = Workspace.open(fromFile, { readonly: true, actor: actorOf(who, fromFile) });
  let file: string;
  try {
    // The new cycle carries this roster, so its first events name the person as this one's roster has them.
    file = startNextCycle(from, { path: positionals[1] as string, name: values.name, periodStart: values['period-start'], periodEnd: values['period-end'] }, { actor: from.actor });
  } finally {
    from.close();
  }
  const next = Workspace.open(file, { readonly: true });
  try {
    const info = cycleInfo(next);
    const lineage = cycleLineage(next);
    if (values.json) io.out(JSON.stringify({ ...info, lineage }, null, 2));
    else {
      const c = lineage.carried;
      io.out(`Started "${info.name}" in ${info.path}, following "${lineage.predecessor?.name}" (audit head ${lineage.predecessor?.head.slice(0, 16)}…, event #${lineage.predecessor?.headSeq}).`);
      io.out(
        `Carried: ${c.models} models, ${c.bundles} bundles, ${c.conditions} conditions, ${c.mitigations} mitigations, ${c.acceptances} risk acceptances, ${c.findings} open findings, ${c.priorScores} prior scores.`,
      );
    }
  } finally {
    next.close();
  }
  return EXIT.ok;
}
