import type { TierThresholds } from '../../../shared/domain/taxonomy';
import { gradientStops, UNSCORED_SWATCH, type PaletteName } from '../../../shared/scoring/colourScale';

const W = 280;

/** The scale 1..5 with the tier thresholds marked, and what an unscored cell looks like. */
export function Legend({ thresholds, palette }: { thresholds: TierThresholds; palette: PaletteName }) {
  const at = (v: number) => 8 + ((v - 1) / 4) * W;
  const id = `legend-${palette}`;
  return (
    <figure className="legend" aria-label={`Colour scale 1 to 5; medium from ${thresholds.medium}, high from ${thresholds.high}, critical from ${thresholds.critical}`}>
      <svg width={W + 150} height={44} aria-hidden="true">
        <defs>
          <linearGradient id={id} x1="0" x2="1" y1="0" y2="0">
            {gradientStops(palette).map((s) => (
              <stop key={s.offset} offset={s.offset} stopColor={s.colour} />
            ))}
          </linearGradient>
          <pattern id="legend-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" stroke={UNSCORED_SWATCH.hatch?.stroke} strokeWidth="1.5" />
          </pattern>
        </defs>
        <rect x={8} y={4} width={W} height={12} fill={`url(#${id})`} />
        {[1, 2, 3, 4, 5].map((v) => (
          <text key={v} x={at(v)} y={28} textAnchor="middle" className="legend-tick">
            {v}
          </text>
        ))}
        {(['medium', 'high', 'critical'] as const).map((t) => (
          <g key={t}>
            <line x1={at(thresholds[t])} x2={at(thresholds[t])} y1={1} y2={19} className="legend-threshold" />
            <text x={at(thresholds[t])} y={40} textAnchor="middle" className="legend-tick">
              {t} ≥ {thresholds[t]}
            </text>
          </g>
        ))}
        <rect x={W + 28} y={4} width={22} height={12} fill={UNSCORED_SWATCH.fill} />
        <rect x={W + 28} y={4} width={22} height={12} fill="url(#legend-hatch)" />
        <text x={W + 56} y={14} className="legend-tick">
          unscored
        </text>
        <text x={W + 28} y={34} className="legend-tick">
          ▲ top quartile
        </text>
      </svg>
    </figure>
  );
}
