import { render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { InventoryRow } from '../../shared/contract/calls';
import { tierSwatch } from '../../shared/scoring/colourScale';
import { inventoryColumns } from '../../renderer/src/inventory/columns';
import { model } from './fixtures';

const row = (tier: InventoryRow['tier']): InventoryRow => ({ model: model(), heat: 3.4, band: { lo: 3.1, hi: 3.7 }, tier, rank: 1, scored: 11, lastBundle: null, openFindings: 0 });

/** The colour a style attribute reads back as in the DOM (jsdom writes rgb()). */
function asDomColour(hex: string): string {
  const probe = document.createElement('span');
  probe.style.background = hex;
  return probe.style.background;
}

function tierCell(palette: 'standard' | 'colourVisionSafe', r: InventoryRow): ReactNode {
  const column = inventoryColumns(() => undefined, 11, palette).find((c) => c.def.id === 'tier');
  // The cell is called with the one part of tanstack's cell context it reads.
  const cell = column?.def.cell as unknown as ((c: { row: { original: InventoryRow } }) => ReactNode) | undefined;
  if (!cell) throw new Error('the inventory has a tier column');
  return cell({ row: { original: r } });
}

describe('the inventory tier chip', () => {
  it('colours a tier in the palette chosen for the heatmap (one TierChip for every place)', () => {
    render(<>{tierCell('colourVisionSafe', row('high'))}</>);
    const chip = screen.getByText('High');
    expect(chip.style.background).toBe(asDomColour(tierSwatch('high', 'colourVisionSafe').fill));
    expect(chip.style.background).not.toBe(asDomColour(tierSwatch('high', 'standard').fill));
  });

  it('sorts incomplete and unscored below every heat tier', () => {
    const sortKey = inventoryColumns(() => undefined, 11, 'standard').find((c) => c.def.id === 'tier')?.def as unknown as { accessorFn: (r: InventoryRow) => number };
    expect([null, 'incomplete', 'low', 'critical'].map((t) => sortKey.accessorFn(row(t as InventoryRow['tier'])))).toEqual([0, 0, 1, 4]);
  });
});
