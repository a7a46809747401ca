import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/contract/errors';
import { DEFAULT_TOLERANCE } from '../../../shared/validation/claims';
import type { ValidationReport } from '../../../shared/validation/report';
import { validateBundleAt } from '../../services/bundles/prepareImport';
import { EXIT, UsageError, type CliIo } from '../io';

export const validateHelp = `Usage: mrb validate <bundle> [--json] [--tolerance X]

Checks an evaluation bundle (a folder or a .zip) without any workspace: the manifest,
every file's size and SHA-256, every data row; then recomputes the metrics and compares
each claim (default tolerance ${DEFAULT_TOLERANCE} absolute). For ML teams' CI.
Exit 0: well-formed, no high or critical finding. 1: a high or critical finding.
2: the bundle is refused (the message names the file, field or row).`;

function fmtValue(v: number | null): string {
  return v === null ? '—' : v.toFixed(4);
}

export function formatReport(report: ValidationReport, source: string): string {
  const lines = [`${source}: model ${report.bundle.model_id} ${report.bundle.version}, bundle ${report.bundle.sha256.slice(0, 12)}…`];
  if (report.claims.length > 0) {
    lines.push('', 'Claims:');
    const width = Math.max(...report.claims.map((c) => c.path.length));
    for (const c of report.claims) {
      const under = c.definition ? `  (${c.definition})` : '';
      lines.push(`  ${c.path.padEnd(width)}  claimed ${c.claimed.toFixed(4)}  recomputed ${fmtValue(c.recomputed)}  ${c.status.replace('_', ' ')}${under}`);
    }
  }
  lines.push('', report.findings.length === 0 ? 'No findings.' : `Findings (${report.findings.length}):`);
  for (const f of report.findings) lines.push(`  ${f.severity.toUpperCase().padEnd(8)} ${f.message}`);
  lines.push('', report.ok ? 'Result: passes (no high or critical finding).' : 'Result: FAILS (high or critical findings above).');
  return lines.join('\n');
}

export function parseTolerance(text: string | undefined, command: string): number {
  if (text === undefined) return DEFAULT_TOLERANCE;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new UsageError(`--tolerance must be a number of at least 0, not "${text}".`, command);
  return value;
}

export async function runValidate(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, tolerance: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('validate takes exactly one bundle (a folder or a .zip).', 'validate');
  const tolerance = parseTolerance(values.tolerance, 'validate');
  const origin = path.resolve(positionals[0] as string);
  try {
    const report = await validateBundleAt(origin, { tolerance });
    io.out(values.json ? JSON.stringify(report, null, 2) : formatReport(report, positionals[0] as string));
    return report.ok ? EXIT.ok : EXIT.failed;
  } catch (err) {
    if (!(err instanceof UserError) || !values.json) throw err;
    io.out(JSON.stringify({ ok: false, refused: { message: err.message, ...('location' in err ? { location: err.location } : {}) } }, null, 2));
    io.err(`mrb validate: ${err.message}`);
    return EXIT.refused;
  }
}
