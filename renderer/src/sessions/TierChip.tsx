import { tierSwatch, type PaletteName } from '../../../shared/scoring/colourScale';
import type { Tier } from '../../../shared/scoring/tier';

/**
 * A tier's word on its colour chip, in the palette the analyst chose for the heatmap, so
 * the agenda, chairing and the presenter colour a tier as the map beside them does.
 */
export function TierChip({ tier, palette, className }: { tier: Tier | null; palette: PaletteName; className?: string }) {
  const s = tierSwatch(tier, palette);
  return (
    <span
      className={`tier-chip${tier === null ? ' tier-unscored' : ''}${className ? ` ${className}` : ''}`}
      style={tier === null ? undefined : { background: s.fill, color: s.text }}
    >
      {s.word}
    </span>
  );
}
