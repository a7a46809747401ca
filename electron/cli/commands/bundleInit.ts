import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { shownName, UserError } from '../../../shared/contract/errors';
import { initBundle, LABEL_NAMES, SCORE_NAMES } from '../../services/bundles/bundleInit';
import { importReport } from '../../services/bundles/prepareImport';
import { EXIT, UsageError, type CliIo } from '../io';
import { formatReport, parseTolerance } from './validate';
import { systemClock } from '../../services/clock';
import { writeUserFile } from '../../services/userFiles';

export const bundleInitHelp = `Usage: mrb bundle init <dir> --model-id ID [--task binary_classification|regression]
                       [--threshold X] [--sensitive a,b] [--name N] [--version V] [--owner O]
                       [--tolerance X] [--force]

Writes <dir>/bundle.json for a folder as a team has it: the predictions file is the CSV
or Parquet file with a label column (${LABEL_NAMES.join(', ')}) and a score column
(${SCORE_NAMES.join(', ')}, in that order of preference); other names are mapped in the
manifest's "columns". reference/current (or train/baseline and production/serving)
samples are drift samples; a model card (Hugging Face, Model Card Toolkit, CycloneDX) and
OpenLineage events get their roles; every other file (MLflow metrics, Evidently reports)
is listed as evidence, its claims lifted when the bundle is read. Hashes and sizes are
filled in, each choice is printed, and the bundle is then validated as by mrb validate.
Exit 0: written and passes. 1: written, with a high or critical finding.
2: refused, nothing written (the message says what could not be mapped).`;

export async function runBundleInit(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'model-id': { type: 'string' },
      task: { type: 'string' },
      threshold: { type: 'string' },
      sensitive: { type: 'string' },
      name: { type: 'string' },
      version: { type: 'string' },
      owner: { type: 'string' },
      tolerance: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const command = 'bundle init';
  if (positionals.length !== 1) throw new UsageError('bundle init takes exactly one folder.', command);
  const modelId = values['model-id'];
  if (modelId === undefined || modelId.trim() === '') throw new UsageError('--model-id is required: the model\'s stable id (letters, digits, ".", "_" or "-").', command);
  const task = values.task;
  if (task !== undefined && task !== 'binary_classification' && task !== 'regression') throw new UsageError(`--task must be binary_classification or regression, not "${task}".`, command);
  let threshold: number | undefined;
  if (values.threshold !== undefined) {
    threshold = Number(values.threshold);
    if (values.threshold.trim() === '' || !(threshold >= 0 && threshold <= 1)) throw new UsageError(`--threshold must be a number from 0 to 1, not "${values.threshold}".`, command);
  }
  const sensitive = (values.sensitive ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const tolerance = parseTolerance(values.tolerance, command);
  const dir = path.resolve(positionals[0] as string);

  const init = await initBundle(dir, { modelId, task, threshold, sensitive, name: values.name, version: values.version, owner: values.owner, force: values.force, clock: systemClock });
  const before = fs.existsSync(init.manifestPath) ? fs.readFileSync(init.manifestPath) : null;
  // The team's own file, for their CI and repository: readable as their other files are.
  writeUserFile(init.manifestPath, `${JSON.stringify(init.manifest, null, 2)}\n`, 'dir', 0o666);
  let report;
  try {
    report = await importReport(dir, { tolerance });
  } catch (err) {
    // A bundle the validator refuses is not left behind half made: the folder is as it was.
    if (before === null) fs.rmSync(init.manifestPath, { force: true });
    else fs.writeFileSync(init.manifestPath, before);
    if (err instanceof UserError) throw new UserError(err.code, `${err.message} Nothing was written.`, err.field);
    throw err;
  }
  io.out([...init.stated, `Wrote ${shownName(path.relative(process.cwd(), init.manifestPath) || init.manifestPath)}.`, '', formatReport(report, positionals[0] as string)].join('\n'));
  return report.ok ? EXIT.ok : EXIT.failed;
}
