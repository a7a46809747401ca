import path from 'node:path';
import { parseArgs } from 'node:util';
import { calls } from '../../../shared/contract/calls';
import { describeIssues, rawPath } from '../../../shared/contract/errors';
import { PALETTE_NAMES, type PaletteName } from '../../../shared/scoring/colourScale';
import { heatmapSvg } from '../../../shared/scoring/heatmapSvg';
import { readCycle } from '../../services/store/cycleTable';
import { heatmap } from '../../services/scoring/scoreService';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';
import { systemClock } from '../../services/clock';
import { checkReplaceableFile, writeUserFile } from '../../services/userFiles';

export const heatmapHelp = `Usage: mrb heatmap <file.mrb> --svg out.svg [--as-of ISO-TIME] [--palette standard|colourVisionSafe]

Draws the cycle's heatmap as an SVG file: models in heatmap order (heat, then impact),
the taxonomy's dimensions and the heat with its band, in the same colour scale as the app
and the decision packet. With --as-of, the map as it stood at that moment, rebuilt from
the audit log. Reads only; works while the app has the workspace open.`;

export function runHeatmap(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { svg: { type: 'string' }, 'as-of': { type: 'string' }, palette: { type: 'string', default: 'standard' } },
  });
  if (positionals.length !== 1) throw new UsageError('heatmap takes exactly one workspace file.', 'heatmap');
  if (values.svg === undefined) throw new UsageError('heatmap needs --svg FILE, the drawing to write.', 'heatmap');
  const palette = values.palette as PaletteName;
  if (!PALETTE_NAMES.includes(palette)) throw new UsageError(`--palette must be one of ${PALETTE_NAMES.join(', ')}, not "${values.palette}".`, 'heatmap');
  const args = calls['heatmap.get'].args.safeParse(values['as-of'] === undefined ? {} : { asOf: values['as-of'] });
  if (!args.success) throw new UsageError(describeIssues(args.error.issues, rawPath).message.replace(/^asOf:/, '--as-of:'), 'heatmap');
  const out = path.resolve(values.svg);
  checkReplaceableFile(out, 'svg');
  const ws = Workspace.open(path.resolve(positionals[0] as string), { readonly: true });
  try {
    const map = heatmap(ws, args.data);
    const cycle = readCycle(ws.reader);
    const when = map.asOf === null ? `now (${systemClock.now().toISOString()})` : `as of ${map.asOf}, rebuilt from the audit log`;
    const svg = heatmapSvg(map.rows, {
      dimensions: map.taxonomy.dimensions,
      thresholds: map.taxonomy.thresholds,
      palette,
      title: `${cycle?.name ?? 'Review cycle'}: risk heatmap`,
      subtitle: `${map.rows.length} model${map.rows.length === 1 ? '' : 's'} · taxonomy v${map.taxonomyVersion} · ${when}`,
    });
    writeUserFile(out, svg, 'svg');
    io.out(`Wrote the heatmap of ${map.rows.length} model${map.rows.length === 1 ? '' : 's'} (taxonomy v${map.taxonomyVersion}, ${when}) to ${out}.`);
  } finally {
    ws.close();
  }
  return EXIT.ok;
}
