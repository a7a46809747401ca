import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/contract/errors';
import { prepareImport } from '../../services/bundles/prepareImport';
import { storeImport } from '../../services/bundles/importService';
import { readTolerance } from '../../services/settings';
import { EXIT, UsageError, type CliIo } from '../io';
import { openToWrite, type Who } from '../who';
import { formatReport } from './validate';

export const importHelp = `Usage: mrb import <file.mrb> <bundle>... [--json]

Checks, validates and stores each bundle (folder or .zip) in the workspace, one
transaction each: its files, the model from its manifest, the metrics, claim checks and
findings, with an audit event. A bundle already imported is recognised and not stored
again; a refused bundle changes nothing.
Exit code: the worst over the bundles (0 all pass, 1 a high or critical finding,
2 a bundle refused).`;

export async function runImport(argv: string[], io: CliIo, who: Who): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length < 2) throw new UsageError('import takes a workspace file and at least one bundle.', 'import');
  const [file, ...bundles] = positionals as [string, ...string[]];
  const ws = openToWrite(path.resolve(file), 'mrb import', who);
  const results: unknown[] = [];
  let exit: number = EXIT.ok;
  try {
    const tolerance = readTolerance(ws);
    for (const bundle of bundles) {
      try {
        const prepared = await prepareImport(path.resolve(bundle), { tolerance });
        const outcome = storeImport(ws, prepared);
        const code = prepared.report.ok ? EXIT.ok : EXIT.failed;
        exit = Math.max(exit, code);
        results.push({ bundle, status: outcome.status, exit: code, report: prepared.report });
        if (!values.json) {
          io.out(`${bundle}: ${outcome.status === 'imported' ? 'imported' : 'already in the cycle, not stored again'} (model ${outcome.modelId} ${outcome.version}).`);
          io.out(formatReport(prepared.report, bundle));
          io.out('');
        }
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        exit = EXIT.refused;
        results.push({ bundle, status: 'refused', exit: EXIT.refused, message: err.message });
        io.err(`mrb import: ${bundle} refused: ${err.message}`);
      }
    }
  } finally {
    ws.close();
  }
  if (values.json) io.out(JSON.stringify(results, null, 2));
  return exit;
}
