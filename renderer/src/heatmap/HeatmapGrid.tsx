import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatMoment } from '../format/dates';
import { flushSync } from 'react-dom';
import { select, transition, type Selection } from 'd3';
import type { HeatmapRow } from '../../../shared/contract/calls';
import type { Dimension } from '../../../shared/domain/taxonomy';
import { riskSwatch, tierSwatch, UNSCORED_SWATCH, type PaletteName, type Swatch } from '../../../shared/scoring/colourScale';
import { coverageWords, tierWord } from '../../../shared/scoring/tier';
import { cellLabel, cellValue, type CellPosition } from './cells';

export const ROW_H = 24;
const HEADER_H = 132;
const NAME_W = 232;
const TIER_W = 76;
const CELL_W = 44;
/** How far a wide window lets the name column and the cells grow: more of each name, larger cells. */
const NAME_MAX = 400;
const CELL_MAX = 72;
const HEAT_W = 84;
/** The coverage column (issue 13 §5): dimensions scored of those that count, e.g. "8/11". */
const COVER_W = 52;
const OVERSCAN = 12;
const HATCH_ID = 'mrb-unscored-hatch';

interface Props {
  rows: readonly HeatmapRow[];
  dimensions: readonly Dimension[];
  palette: PaletteName;
  showValues: boolean;
  /** Model ids whose cells changed in the last live update: only they animate. */
  changed: ReadonlySet<string>;
  focus: CellPosition | null;
  onFocus(p: CellPosition): void;
  onOpen(p: CellPosition): void;
  readOnly: boolean;
}

/** Where a tooltip stands in the window: fixed, so no scrolling box or card clips it. */
interface Tip {
  x: number;
  y: number;
  /** Drawn above the cell when below it would run off the window. */
  above: boolean;
  row: HeatmapRow;
  column: number;
}

type RowSel = Selection<SVGGElement, HeatmapRow, SVGGElement, unknown>;

const swatches = new Map<string, Swatch>();

/**
 * The name column's and a cell's width in a box `room` px wide: the narrow layout's
 * widths at least (the box scrolls below that), and on a wide window the spare width
 * shared between the names (up to what the longest needs, `nameNeed`, and NAME_MAX) and
 * the cells (up to CELL_MAX), so the map fills the screen rather than leaving half of it
 * empty, without a gap after short names.
 */
export function gridLayout(room: number, dimensions: number, nameNeed = NAME_MAX): { nameW: number; cellW: number } {
  const fixed = TIER_W + HEAT_W + COVER_W + 8;
  const spare = Math.max(0, room - fixed - NAME_W - dimensions * CELL_W);
  const nameGrowth = Math.min(NAME_MAX, Math.max(NAME_W, Math.ceil(nameNeed))) - NAME_W;
  const half = Math.min(nameGrowth, Math.floor(spare / 2));
  const cellW = dimensions === 0 ? CELL_W : Math.min(CELL_MAX, CELL_W + Math.floor((spare - half) / dimensions));
  // What the cells leave (once they are as large as they get) goes to the names too.
  const nameW = NAME_W + Math.min(nameGrowth, spare - dimensions * (cellW - CELL_W));
  return { nameW, cellW };
}

/**
 * The name column the longest name needs: its text (bold and marked in the top quartile)
 * between the left margin and the gap before the tier chip. Measured on a canvas, in the
 * grid's own font; where there is no canvas, the names may take all they are allowed.
 */
function nameNeedOf(rows: readonly HeatmapRow[]): number {
  // The page's font is set once by its stylesheet; asking again on every live update made the
  // page recompute its styles in the middle of the update.
  family ??= getComputedStyle(document.documentElement).fontFamily;
  const regular = widthsIn(`12.5px ${family}`);
  const bold = widthsIn(`600 12.5px ${family}`);
  let widest = 0;
  for (const r of rows) {
    const width = r.topQuartile ? nameWidth(bold, `▲ ${r.model.name}`) : nameWidth(regular, r.model.name);
    if (width === null) return NAME_MAX;
    widest = Math.max(widest, width);
  }
  return widest + 8 + 10;
}

let family: string | undefined;
let measuring: CanvasRenderingContext2D | null | undefined;
/** The widths measured in each font, by text. */
const nameWidths = new Map<string, { font: string; widths: Map<string, number> }>();

function widthsIn(font: string): { font: string; widths: Map<string, number> } {
  let measured = nameWidths.get(font);
  if (measured === undefined) {
    measured = { font, widths: new Map() };
    nameWidths.set(font, measured);
  }
  return measured;
}

/**
 * A name's width in a font, measured once: every live update re-ranks the rows, and measuring
 * the thousand names again was a third of the work between a score's arrival and its paint.
 * Null where there is no canvas to measure on.
 */
function nameWidth(measured: { font: string; widths: Map<string, number> }, text: string): number | null {
  let width = measured.widths.get(text);
  if (width === undefined) {
    measuring ??= document.createElement('canvas').getContext('2d');
    if (!measuring) return null;
    measuring.font = measured.font;
    width = measuring.measureText(text).width;
    measured.widths.set(text, width);
  }
  return width;
}

const fittedNames = new Map<string, string>();

/** What each row element was last drawn from: its row object and a key of its place, the grid's looks and its focus. */
const drawnFrom = new WeakMap<SVGGElement, { row: HeatmapRow; drawing: string }>();

/**
 * Writes a model's name into its cell, cut with an ellipsis where it would run under the
 * tier chip; the whole name stays in the element's <title> (hover, screen readers). The
 * cut is measured once per name and weight, not on every live update.
 */
function writeName(el: SVGTextElement, name: string, top: boolean, nameW: number): void {
  // Room for the name: from its left margin to a gap before the tier chip.
  const room = nameW - 8 - 10;
  // Top-quartile rows are marked and set in bold (.hm-top), so they are measured apart.
  const full = `${top ? '▲ ' : ''}${name}`;
  const key = `${top}|${room}|${name}`;
  if (el.getAttribute('data-name') === key) return;
  el.setAttribute('data-name', key);
  let shown = fittedNames.get(key);
  if (shown === undefined) {
    el.textContent = full;
    if (el.getComputedTextLength() <= room) {
      shown = full;
    } else {
      let lo = 0;
      let hi = full.length;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        el.textContent = `${full.slice(0, mid).trimEnd()}…`;
        if (el.getComputedTextLength() <= room) lo = mid;
        else hi = mid - 1;
      }
      shown = `${full.slice(0, lo).trimEnd()}…`;
    }
    if (fittedNames.size > 5000) fittedNames.clear();
    fittedNames.set(key, shown);
  }
  el.textContent = shown;
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.textContent = name;
  el.appendChild(title);
}

/** Scores repeat (1..5, a few heats): their swatches are computed once per palette. */
function swatchOf(value: number | null, palette: PaletteName): Swatch {
  const key = `${palette}|${value}`;
  let s = swatches.get(key);
  if (!s) {
    s = riskSwatch(value, palette);
    if (swatches.size > 5000) swatches.clear();
    swatches.set(key, s);
  }
  return s;
}

/**
 * The heatmap grid, drawn by d3 into one SVG. Only the rows in view (plus a margin) are
 * in the DOM, keyed by model id, and each cell by its column: a live update re-joins the
 * same elements, so only cells whose value changed get a new fill (with a short
 * transition) and rows that moved slide to their new place.
 */
export function HeatmapGrid({ rows, dimensions, palette, showValues, changed, focus, onFocus, onOpen, readOnly }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<SVGGElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(640);
  const [tip, setTip] = useState<Tip | null>(null);
  // The box's width, unknown until it is measured (below): the grid is drawn once it is, not
  // before, as a first drawing at a guessed width would be thrown away in the same frame.
  const [room, setRoom] = useState<number | null>(null);
  const columns = dimensions.length + 1;
  const nameNeed = useMemo(() => nameNeedOf(rows), [rows]);
  const { nameW, cellW } = gridLayout(room ?? 0, dimensions.length, nameNeed);
  const width = nameW + TIER_W + dimensions.length * cellW + HEAT_W + COVER_W + 8;
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_H) + OVERSCAN);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return undefined;
    setViewport(el.clientHeight);
    setRoom(el.clientWidth);
    // The map's width follows its box: a window made wider (or a rail that folds away) re-lays the columns.
    const observer = new ResizeObserver(() => setRoom(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Printing draws every row (the page is as long as the map, not as the window), drawn before the print is laid out.
  useEffect(() => {
    const whole = () => flushSync(() => {
      setScrollTop(0);
      setViewport(rows.length * ROW_H);
    });
    const onScreen = () => setViewport(scroller.current?.clientHeight ?? 640);
    window.addEventListener('beforeprint', whole);
    window.addEventListener('afterprint', onScreen);
    return () => {
      window.removeEventListener('beforeprint', whole);
      window.removeEventListener('afterprint', onScreen);
    };
  }, [rows.length]);

  useLayoutEffect(() => {
    if (!body.current || room === null) return;
    const visible = rows.slice(first, last).map((row, i) => ({ row, index: first + i }));
    const indexOf = new Map(visible.map((v) => [v.row.model.id, v.index]));
    const all = select(body.current)
      .selectAll<SVGGElement, HeatmapRow>('g.hm-row')
      .data(
        visible.map((v) => v.row),
        (d) => d.model.id,
      )
      .join((enter) => {
        const row = enter.append('g').attr('class', 'hm-row').attr('role', 'row');
        row.append('text').attr('class', 'hm-name').attr('x', 8).attr('y', ROW_H / 2 + 4);
        row.append('rect').attr('class', 'hm-tier').attr('y', 4).attr('width', TIER_W - 10).attr('height', ROW_H - 8).attr('rx', 3);
        row.append('text').attr('class', 'hm-tier-word').attr('y', ROW_H / 2 + 4).attr('text-anchor', 'middle');
        row.append('text').attr('class', 'hm-coverage').attr('y', ROW_H / 2 + 4).attr('text-anchor', 'end');
        return row;
      }) as RowSel;
    // A row drawn from the same row object, at the same place, with the same looks and focus, is
    // left alone: a live update redraws the changed and moved rows, not every row in view.
    const looks = `${palette}|${showValues}|${nameW}|${cellW}|${dimensions.map((d) => d.key).join(',')}`;
    const drawing = (d: HeatmapRow) => `${indexOf.get(d.model.id) ?? 0}|${looks}|${focus ? (focus.modelId === d.model.id ? focus.column : -1) : d === rows[0] ? 0 : -1}`;
    // The rows kept are drawn below, so what they are drawn from is recorded as they are chosen.
    const g = all.filter(function (d) {
      const last = drawnFrom.get(this);
      const now = drawing(d);
      if (last !== undefined && last.row === d && last.drawing === now) return false;
      drawnFrom.set(this, { row: d, drawing: now });
      return true;
    });
    g.attr('transform', (d) => `translate(0 ${(indexOf.get(d.model.id) ?? 0) * ROW_H})`)
      .attr('aria-rowindex', (d) => (indexOf.get(d.model.id) ?? 0) + 2)
      .classed('hm-top', (d) => d.topQuartile);
    g.select<SVGTextElement>('text.hm-name').each(function (d) {
      writeName(this, d.model.name, d.topQuartile, nameW);
    });
    g.select<SVGRectElement>('rect.hm-tier').attr('x', nameW).attr('fill', (d) => tierSwatch(d.tier, palette).fill).attr('class', (d) => `hm-tier${d.tier === null ? ' hm-unscored-chip' : ''}`);
    g.select<SVGTextElement>('text.hm-tier-word')
      .attr('x', nameW + (TIER_W - 10) / 2)
      .text((d) => tierWord(d.tier))
      .attr('fill', (d) => tierSwatch(d.tier, palette).text);
    g.select<SVGTextElement>('text.hm-coverage')
      .attr('x', nameW + TIER_W + dimensions.length * cellW + HEAT_W + COVER_W - 6)
      .attr('aria-label', (d) => coverageWords(d.coverage))
      .text((d) => `${d.coverage.scored}/${d.coverage.total}`);

    const cells = g
      .selectAll<SVGGElement, number>('g.hm-cell')
      .data(
        () => Array.from({ length: columns }, (_, c) => c),
        (c) => String(c),
      )
      .join((enter) => {
        const cell = enter.append('g').attr('class', 'hm-cell').attr('role', 'gridcell');
        cell.append('rect').attr('class', 'hm-fill').attr('y', 1).attr('height', ROW_H - 2);
        cell.append('rect').attr('class', 'hm-hatch').attr('y', 1).attr('height', ROW_H - 2).attr('fill', `url(#${HATCH_ID})`);
        cell.append('line').attr('class', 'hm-band');
        cell.append('text').attr('class', 'hm-value').attr('text-anchor', 'middle');
        return cell;
      });
    // One transition for all cells changed by this update, so they recolour together.
    const recolour = changed.size > 0 ? transition().duration(240) : null;
    cells.each(function (c) {
      const rowData = select(this.parentNode as SVGGElement).datum() as HeatmapRow;
      const isHeat = c === dimensions.length;
      const value = cellValue(rowData, dimensions, c);
      const focused = focus ? focus.modelId === rowData.model.id && focus.column === c : rowData === rows[0] && c === 0;
      // A cell whose drawing inputs are unchanged is left alone: a live update touches
      // the changed model's cells, not the thousand others in view.
      const band = isHeat && rowData.band ? `${rowData.band.lo},${rowData.band.hi}` : '';
      const signature = `${value}|${band}|${palette}|${showValues}|${focused}|${cellLabel(rowData, dimensions, c)}|${dimensions.length}|${nameW}|${cellW}`;
      if (this.getAttribute('data-sig') === signature) return;
      this.setAttribute('data-sig', signature);
      const x = nameW + TIER_W + c * cellW;
      const w = (isHeat ? HEAT_W : cellW) - 2;
      const swatch = swatchOf(value, palette);
      const cell = select(this);
      cell
        .attr('data-model', rowData.model.id)
        .attr('data-column', isHeat ? 'heat' : (dimensions[c]?.key ?? ''))
        .attr('data-fill', swatch.fill)
        .attr('aria-label', cellLabel(rowData, dimensions, c))
        // Roving tabindex: the focused cell, or before any, the first cell is the grid's one tab stop.
        .attr('tabindex', focused ? 0 : -1);
      const fill = cell.select<SVGRectElement>('rect.hm-fill').attr('x', x).attr('width', w);
      // Only a changed cell animates; everything else takes its colour at once.
      if (recolour && changed.has(rowData.model.id) && fill.attr('fill') !== swatch.fill && fill.attr('fill') !== null) {
        fill.transition(recolour).attr('fill', swatch.fill);
      } else if (fill.attr('fill') !== swatch.fill) {
        fill.interrupt().attr('fill', swatch.fill);
      }
      cell.select('rect.hm-hatch').attr('x', x).attr('width', w).attr('display', value === null ? null : 'none');
      const showText = showValues || isHeat;
      cell
        .select('text.hm-value')
        .attr('x', x + w / 2)
        .attr('y', isHeat && rowData.band ? ROW_H / 2 + 2 : ROW_H / 2 + 4)
        .attr('fill', swatch.text)
        .text(showText ? (value === null ? '–' : isHeat ? value.toFixed(2) : String(value)) : '');
      const bandLine = cell.select('line.hm-band');
      if (isHeat && rowData.band && rowData.heat !== null) {
        const bx = (v: number) => x + 4 + ((v - 1) / 4) * (w - 8);
        bandLine.attr('display', null).attr('x1', bx(rowData.band.lo)).attr('x2', bx(rowData.band.hi)).attr('y1', ROW_H - 5).attr('y2', ROW_H - 5).attr('stroke', swatch.text);
      } else {
        bandLine.attr('display', 'none');
      }
    });
  }, [rows, dimensions, palette, showValues, changed, focus, first, last, columns, nameW, cellW, room]);

  // Keep the focused cell in view and focused, as arrow keys move it.
  useEffect(() => {
    if (!focus || !scroller.current) return;
    const index = rows.findIndex((r) => r.model.id === focus.modelId);
    if (index < 0) return;
    const el = scroller.current;
    const top = index * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + el.clientHeight - HEADER_H) el.scrollTop = top + ROW_H - el.clientHeight + HEADER_H;
    requestAnimationFrame(() => {
      const cell = body.current?.querySelector<SVGGElement>(`g.hm-cell[tabindex="0"]`);
      if (cell && scroller.current?.contains(document.activeElement)) cell.focus({ preventScroll: true });
    });
  }, [focus, rows]);

  const move = (dRow: number, dCol: number, absolute?: { row?: number; col?: number }) => {
    if (rows.length === 0) return;
    const current = focus ? rows.findIndex((r) => r.model.id === focus.modelId) : 0;
    const row = Math.min(rows.length - 1, Math.max(0, absolute?.row ?? Math.max(0, current) + dRow));
    const col = Math.min(columns - 1, Math.max(0, absolute?.col ?? (focus?.column ?? 0) + dCol));
    onFocus({ modelId: (rows[row] as HeatmapRow).model.id, column: col });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const page = Math.max(1, Math.floor(viewport / ROW_H) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(1, 0),
      ArrowUp: () => move(-1, 0),
      ArrowRight: () => move(0, 1),
      ArrowLeft: () => move(0, -1),
      PageDown: () => move(page, 0),
      PageUp: () => move(-page, 0),
      Home: () => (e.ctrlKey ? move(0, 0, { row: 0, col: 0 }) : move(0, 0, { col: 0 })),
      End: () => (e.ctrlKey ? move(0, 0, { row: rows.length - 1, col: columns - 1 }) : move(0, 0, { col: columns - 1 })),
      Enter: () => focus && focus.column < dimensions.length && !readOnly && onOpen(focus),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const cellAt = (target: EventTarget | null): { row: HeatmapRow; column: number; el: SVGGElement } | null => {
    const el = (target as Element | null)?.closest?.('g.hm-cell') as SVGGElement | null;
    if (!el) return null;
    const row = rows.find((r) => r.model.id === el.getAttribute('data-model'));
    const key = el.getAttribute('data-column');
    const column = key === 'heat' ? dimensions.length : dimensions.findIndex((d) => d.key === key);
    return row && column >= 0 ? { row, column, el } : null;
  };

  const showTip = (target: EventTarget | null) => {
    const hit = cellAt(target);
    if (!hit) return setTip(null);
    const r = hit.el.getBoundingClientRect();
    // Half the tooltip's widest (360 px) and a height it rarely passes keep it inside the window.
    const half = Math.min(TIP_HALF_W, window.innerWidth / 2);
    const above = r.bottom + TIP_ROOM_H > window.innerHeight && r.top > TIP_ROOM_H;
    setTip({ x: Math.min(window.innerWidth - half, Math.max(half, r.left + r.width / 2)), y: above ? r.top - 4 : r.bottom + 4, above, row: hit.row, column: hit.column });
  };

  // A tooltip belongs to the cell under the pointer or the focus: it closes when the rows change (filters, a new
  // score), when the map scrolls and when the focus leaves the grid, so it never describes a cell no longer there.
  useEffect(() => setTip(null), [rows, dimensions]);

  return (
    <div className="hm-scroll" ref={scroller} onScroll={(e) => { setTip(null); setScrollTop(e.currentTarget.scrollTop); setViewport(e.currentTarget.clientHeight); }}>
      <svg
        className="hm"
        width={width}
        height={HEADER_H + rows.length * ROW_H}
        role="grid"
        aria-label="Risk heatmap: models by dimension, then heat"
        aria-rowcount={rows.length + 1}
        aria-colcount={columns + 2}
        aria-readonly={readOnly}
        onKeyDown={onKeyDown}
        onMouseOver={(e) => showTip(e.target)}
        onMouseLeave={() => setTip(null)}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setTip(null);
        }}
        onFocus={(e) => {
          showTip(e.target);
          const hit = cellAt(e.target);
          if (hit && (focus?.modelId !== hit.row.model.id || focus.column !== hit.column)) onFocus({ modelId: hit.row.model.id, column: hit.column });
        }}
        onClick={(e) => {
          const hit = cellAt(e.target);
          if (!hit) return;
          onFocus({ modelId: hit.row.model.id, column: hit.column });
          if (hit.column < dimensions.length && !readOnly) onOpen({ modelId: hit.row.model.id, column: hit.column });
        }}
      >
        <defs>
          <pattern id={HATCH_ID} patternUnits="userSpaceOnUse" width={UNSCORED_SWATCH.hatch?.spacing ?? 6} height={UNSCORED_SWATCH.hatch?.spacing ?? 6} patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2={UNSCORED_SWATCH.hatch?.spacing ?? 6} stroke={UNSCORED_SWATCH.hatch?.stroke} strokeWidth="1.5" />
          </pattern>
        </defs>
        <g ref={body} transform={`translate(0 ${HEADER_H})`} />
        <g className="hm-head" role="row" aria-rowindex={1} transform={`translate(0 ${scrollTop})`}>
          <rect className="hm-head-bg" x="0" y="0" width={width} height={HEADER_H} />
          <text role="columnheader" x="8" y={HEADER_H - 10} className="hm-head-label">
            Model
          </text>
          <text role="columnheader" x={nameW} y={HEADER_H - 10} className="hm-head-label">
            Tier
          </text>
          {dimensions.map((d, i) => (
            <text role="columnheader" key={d.key} className="hm-dim-label" transform={`translate(${nameW + TIER_W + i * cellW + cellW / 2} ${HEADER_H - 10}) rotate(-50)`}>
              <title>{`${d.label} (${d.axis}, weight ${d.weight})`}</title>
              {d.label.length > 24 ? `${d.label.slice(0, 23)}…` : d.label}
            </text>
          ))}
          <text role="columnheader" x={nameW + TIER_W + dimensions.length * cellW + 6} y={HEADER_H - 10} className="hm-head-label">
            Heat
          </text>
          <text role="columnheader" x={nameW + TIER_W + dimensions.length * cellW + HEAT_W + COVER_W - 6} y={HEADER_H - 10} className="hm-head-label" textAnchor="end">
            <title>Dimensions scored of those with a weight; below the taxonomy&apos;s minimum the tier is Incomplete</title>
            Scored
          </text>
        </g>
      </svg>
      {tip && <CellTip tip={tip} dimensions={dimensions} />}
    </div>
  );
}

const TIP_HALF_W = 184;
const TIP_ROOM_H = 180;

function tipStyle(tip: Tip): React.CSSProperties {
  return { position: 'fixed', left: tip.x, top: tip.y, transform: tip.above ? 'translate(-50%, -100%)' : 'translateX(-50%)', zIndex: 20 };
}

function CellTip({ tip, dimensions }: { tip: Tip; dimensions: readonly Dimension[] }) {
  const dim = dimensions[tip.column];
  const { row } = tip;
  if (!dim) {
    return (
      <div className="hm-tip" role="tooltip" style={tipStyle(tip)}>
        <strong>{row.model.name}</strong>
        <div>
          Heat {row.heat === null ? 'not scored' : row.heat.toFixed(2)}
          {row.band && row.band.lo !== row.band.hi && ` (band ${row.band.lo.toFixed(2)} to ${row.band.hi.toFixed(2)})`} · {tierWord(row.tier)}
        </div>
        <div>
          {dimensions.filter((d) => row.scores[d.key]).length} of {dimensions.length} dimensions scored
        </div>
        <div className="muted">
          Likelihood {row.likelihood?.toFixed(2) ?? '—'} · impact {row.impact?.toFixed(2) ?? '—'} · rank {row.rank}
          {row.topQuartile ? ' · top quartile' : ''}
        </div>
      </div>
    );
  }
  const s = row.scores[dim.key];
  return (
    <div className="hm-tip" role="tooltip" style={tipStyle(tip)}>
      <strong>
        {row.model.name} · {dim.label}
      </strong>
      {s ? (
        <>
          <div>
            Score {s.value}
            {s.lo !== s.hi && ` (band ${s.lo} to ${s.hi})`} · {s.source === 'rule' ? `rule: ${s.evidence?.rule ?? ''}` : 'analyst'}
          </div>
          {s.rationale && <div className="hm-tip-rationale">{s.rationale}</div>}
          <div className="muted">
            {s.scoredBy} · <time dateTime={s.scoredAt} title={s.scoredAt}>{formatMoment(s.scoredAt)}</time> · taxonomy v{s.taxonomyVersion}
          </div>
        </>
      ) : (
        <div className="muted">Not scored yet. Enter or click to score.</div>
      )}
    </div>
  );
}
