import { describe, expect, it } from 'vitest';
import { gridLayout } from '../../renderer/src/heatmap/HeatmapGrid';

/** The heatmap's width for a layout: name, tier chip (76), the cells, heat (84), scored (52) and a margin (8). */
const widthOf = (l: { nameW: number; cellW: number }, dimensions: number) => l.nameW + 76 + dimensions * l.cellW + 84 + 52 + 8;

describe('the heatmap uses the width it has', () => {
  it('keeps the narrow layout where the box is narrower than it (the box scrolls)', () => {
    expect(gridLayout(0, 11)).toEqual({ nameW: 232, cellW: 44 });
    expect(gridLayout(640, 11)).toEqual({ nameW: 232, cellW: 44 });
  });

  it('fills a 1280 px window exactly, and a 1920 px one up to the largest cells', () => {
    // The heatmap's box beside the rail: 1280 - 184 - 2 × 24 - 2 borders.
    const at1280 = gridLayout(1046, 11);
    expect(widthOf(at1280, 11)).toBeLessThanOrEqual(1046);
    expect(widthOf(at1280, 11)).toBeGreaterThan(1046 - 11);
    const at1920 = gridLayout(1686, 11);
    expect(at1920).toEqual({ nameW: 400, cellW: 72 });
    expect(widthOf(at1920, 11)).toBeLessThanOrEqual(1686);
  });

  it('gives the names no more than the longest needs: short names leave no gap before the tier', () => {
    expect(gridLayout(1686, 11, 180)).toEqual({ nameW: 232, cellW: 72 });
    expect(gridLayout(1686, 11, 300)).toEqual({ nameW: 300, cellW: 72 });
    // On a narrow box the cells still get their share first.
    expect(gridLayout(1046, 11, 300).cellW).toBeGreaterThan(44);
  });

  it('never draws wider than its box once the box holds the narrow layout', () => {
    for (let room = 936; room < 3000; room += 7) {
      for (const dimensions of [1, 5, 11, 20]) {
        const l = gridLayout(room, dimensions);
        if (room >= widthOf({ nameW: 232, cellW: 44 }, dimensions)) expect(widthOf(l, dimensions)).toBeLessThanOrEqual(room);
        expect(l.cellW).toBeLessThanOrEqual(72);
        expect(l.nameW).toBeLessThanOrEqual(400);
      }
    }
  });
});
