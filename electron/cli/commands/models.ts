import path from 'node:path';
import { parseArgs } from 'node:util';
import { tierWord } from '../../../shared/scoring/tier';
import { heatmap } from '../../services/scoring/scoreService';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';

export const modelsHelp = `Usage: mrb models <file.mrb> [--json]

Lists the cycle's models in heatmap order: rank, id, heat with its band, tier, owner.
Reads only; works while the app has the workspace open.`;

function fixed(v: number | null): string {
  return v === null ? '—' : v.toFixed(2);
}

export function runModels(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('models takes exactly one workspace file.', 'models');
  const ws = Workspace.open(path.resolve(positionals[0] as string), { readonly: true });
  try {
    const map = heatmap(ws);
    if (values.json) {
      io.out(JSON.stringify(map.rows, null, 2));
    } else if (map.rows.length === 0) {
      io.out('No models yet: they arrive with evaluation bundles (mrb import).');
    } else {
      const width = Math.max(...map.rows.map((r) => r.model.id.length), 5);
      io.out(`${'#'.padStart(3)}  ${'model'.padEnd(width)}  ${'heat'.padStart(5)}  ${'band'.padEnd(11)}  ${'tier'.padEnd(8)}  owner`);
      for (const r of map.rows) {
        const band = r.band ? `[${fixed(r.band.lo)}, ${fixed(r.band.hi)}]` : '—';
        io.out(`${String(r.rank).padStart(3)}  ${r.model.id.padEnd(width)}  ${fixed(r.heat).padStart(5)}  ${band.padEnd(11)}  ${tierWord(r.tier).padEnd(8)}  ${r.model.owner}${r.topQuartile ? '  (top quartile)' : ''}`);
      }
    }
  } finally {
    ws.close();
  }
  return EXIT.ok;
}
