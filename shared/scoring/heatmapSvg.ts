import type { TierThresholds } from '../domain/taxonomy';
import { gradientStops, riskSwatch, tierSwatch, UNSCORED_SWATCH, type PaletteName } from './colourScale';
import type { Tier } from './tier';

/** What one row of a drawn heatmap needs; the contract's HeatmapRow has all of it. */
export interface SvgRow {
  model: { id: string; name: string };
  scores: Readonly<Record<string, { value: number } | undefined>>;
  heat: number | null;
  band: { lo: number; hi: number } | null;
  tier: Tier | null;
  topQuartile: boolean;
}

export interface SvgOptions {
  dimensions: readonly { key: string; label: string }[];
  thresholds: TierThresholds;
  palette: PaletteName;
  title: string;
  subtitle?: string;
}

const CELL_W = 34;
const CELL_H = 22;
const HEAT_W = 64;
const NAME_W = 200;
const TIER_W = 64;
const HEADER_H = 120;
const TITLE_H = 44;
const LEGEND_H = 70;
const FONT = 'Helvetica, Arial, sans-serif';
const INK = '#1f2328';
const FAINT = '#6e7781';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const n = (v: number): string => String(Math.round(v * 100) / 100);

/**
 * Diagonal lines across a cell: the unscored hatch drawn as plain lines, because PDF
 * converters handle SVG patterns unevenly and the mark must survive every renderer.
 */
function hatchLines(x: number, y: number, w: number, h: number): string {
  const { stroke, spacing } = UNSCORED_SWATCH.hatch ?? { stroke: FAINT, spacing: 6 };
  const lines: string[] = [];
  for (let d = spacing; d < w + h; d += spacing) {
    const x1 = x + Math.max(0, d - h);
    const y1 = y + Math.min(h, d);
    const x2 = x + Math.min(w, d);
    const y2 = y + Math.max(0, d - w);
    lines.push(`<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="0.75"/>`);
  }
  return lines.join('');
}

function cell(x: number, y: number, w: number, value: number | null, palette: PaletteName, label: string, textY = y + CELL_H / 2 + 2): string {
  const swatch = riskSwatch(value, palette);
  const parts = [`<rect x="${x}" y="${y}" width="${w - 2}" height="${CELL_H - 2}" fill="${swatch.fill}"/>`];
  if (value === null) parts.push(hatchLines(x, y, w - 2, CELL_H - 2));
  parts.push(
    `<text x="${x + (w - 2) / 2}" y="${textY}" font-family="${FONT}" font-size="9" text-anchor="middle" fill="${swatch.text}">${esc(label)}</text>`,
  );
  return parts.join('');
}

/**
 * The heatmap as a standalone SVG: the same order, colours, tiers and band as the app,
 * drawn with plain rectangles, lines and text so the CLI's file and the PDF packet show
 * exactly what the analyst saw. The band is a bar under the heat value from lo to hi on
 * the 1..5 scale.
 */
export function heatmapSvg(rows: readonly SvgRow[], o: SvgOptions): string {
  const dims = o.dimensions;
  const gridX = NAME_W + TIER_W;
  const heatX = gridX + dims.length * CELL_W;
  const width = Math.max(heatX + HEAT_W + 16, gridX + 460);
  const gridY = TITLE_H + HEADER_H;
  const height = gridY + rows.length * CELL_H + LEGEND_H;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="20" font-family="${FONT}" font-size="14" font-weight="bold" fill="${INK}">${esc(o.title)}</text>`,
  ];
  if (o.subtitle) out.push(`<text x="8" y="36" font-family="${FONT}" font-size="10" fill="${FAINT}">${esc(o.subtitle)}</text>`);
  const headerBase = gridY - 6;
  dims.forEach((d, i) => {
    const cx = gridX + i * CELL_W + CELL_W / 2;
    out.push(`<text transform="translate(${cx} ${headerBase}) rotate(-50)" font-family="${FONT}" font-size="9" fill="${INK}">${esc(fit(d.label, 26))}</text>`);
  });
  out.push(`<text x="${heatX + 4}" y="${headerBase}" font-family="${FONT}" font-size="10" font-weight="bold" fill="${INK}">Heat</text>`);
  out.push(`<text x="8" y="${headerBase}" font-family="${FONT}" font-size="10" font-weight="bold" fill="${INK}">Model</text>`);
  out.push(`<text x="${NAME_W}" y="${headerBase}" font-family="${FONT}" font-size="10" font-weight="bold" fill="${INK}">Tier</text>`);
  rows.forEach((r, i) => {
    const y = gridY + i * CELL_H;
    const name = `${r.topQuartile ? '• ' : ''}${fit(r.model.name, 30)}`;
    out.push(`<text x="8" y="${y + CELL_H / 2 + 3}" font-family="${FONT}" font-size="10" fill="${INK}">${esc(name)}</text>`);
    const tier = tierSwatch(r.tier, o.palette);
    out.push(`<rect x="${NAME_W}" y="${y + 3}" width="${TIER_W - 8}" height="${CELL_H - 8}" rx="2" fill="${tier.fill}"/>`);
    out.push(`<text x="${NAME_W + (TIER_W - 8) / 2}" y="${y + CELL_H / 2 + 2}" font-family="${FONT}" font-size="8" text-anchor="middle" fill="${tier.text}">${esc(tier.word)}</text>`);
    dims.forEach((d, j) => {
      const s = r.scores[d.key];
      out.push(cell(gridX + j * CELL_W, y, CELL_W, s ? s.value : null, o.palette, s ? String(s.value) : '–'));
    });
    out.push(cell(heatX, y, HEAT_W, r.heat, o.palette, r.heat === null ? '–' : r.heat.toFixed(2), r.band ? y + 11 : undefined));
    if (r.band && r.heat !== null) {
      const bx = (v: number) => heatX + 3 + ((v - 1) / 4) * (HEAT_W - 8);
      const colour = riskSwatch(r.heat, o.palette).text;
      out.push(`<line x1="${n(bx(r.band.lo))}" y1="${y + CELL_H - 6}" x2="${n(bx(r.band.hi))}" y2="${y + CELL_H - 6}" stroke="${colour}" stroke-width="2"/>`);
      out.push(`<line x1="${n(bx(r.heat))}" y1="${y + CELL_H - 9}" x2="${n(bx(r.heat))}" y2="${y + CELL_H - 3}" stroke="${colour}" stroke-width="1"/>`);
    }
  });
  out.push(legend(gridX, gridY + rows.length * CELL_H + 18, o));
  out.push('</svg>');
  return out.join('\n');
}

/** The gradient 1..5 with the tier thresholds marked, and the unscored swatch. */
function legend(x: number, y: number, o: SvgOptions): string {
  const w = 240;
  const at = (v: number) => x + ((v - 1) / 4) * w;
  const stops = gradientStops(o.palette);
  const out = [
    `<defs><linearGradient id="risk-scale" x1="0" y1="0" x2="1" y2="0">${stops
      .map((s) => `<stop offset="${n(s.offset)}" stop-color="${s.colour}"/>`)
      .join('')}</linearGradient></defs>`,
    `<text x="8" y="${y + 10}" font-family="${FONT}" font-size="9" fill="${INK}">Score / heat 1 to 5</text>`,
    `<rect x="${x}" y="${y}" width="${w}" height="12" fill="url(#risk-scale)"/>`,
  ];
  for (const v of [1, 2, 3, 4, 5]) {
    out.push(`<text x="${at(v)}" y="${y + 24}" font-family="${FONT}" font-size="8" text-anchor="middle" fill="${FAINT}">${v}</text>`);
  }
  for (const [tier, v] of [['medium', o.thresholds.medium], ['high', o.thresholds.high], ['critical', o.thresholds.critical]] as const) {
    out.push(`<line x1="${n(at(v))}" y1="${y - 3}" x2="${n(at(v))}" y2="${y + 15}" stroke="${INK}" stroke-width="1"/>`);
    out.push(`<text x="${n(at(v))}" y="${y + 36}" font-family="${FONT}" font-size="8" text-anchor="middle" fill="${INK}">${tier} ≥ ${v}</text>`);
  }
  const ux = x + w + 24;
  out.push(`<rect x="${ux}" y="${y}" width="24" height="12" fill="${UNSCORED_SWATCH.fill}"/>`, hatchLines(ux, y, 24, 12));
  out.push(`<text x="${ux + 30}" y="${y + 10}" font-family="${FONT}" font-size="9" fill="${INK}">unscored</text>`);
  out.push(`<text x="${ux}" y="${y + 30}" font-family="${FONT}" font-size="9" fill="${INK}">• top quartile</text>`);
  out.push(`<text x="${ux}" y="${y + 44}" font-family="${FONT}" font-size="9" fill="${INK}">bar in the heat cell: band lo to hi</text>`);
  return out.join('');
}
