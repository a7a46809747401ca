import { describe, expect, it } from 'vitest';
import { railRoute } from '../../renderer/src/filters/sharedFilters';

describe('the inventory and the heatmap share their filters', () => {
  it('the rail from the inventory to the heatmap keeps the five model filters, not the search', () => {
    expect(railRoute({ place: 'inventory', query: { tier: 'high', owner: 'ana@x', q: 'credit' } }, 'heatmap')).toEqual({ place: 'heatmap', query: { tier: 'high', owner: 'ana@x' } });
  });

  it('back from the matrix or a model drawer to the inventory too', () => {
    expect(railRoute({ place: 'matrix', query: { region: 'EU' } }, 'inventory')).toEqual({ place: 'inventory', query: { region: 'EU' } });
    expect(railRoute({ place: 'models', modelId: 'm1', query: { deployment: 'internal' } }, 'heatmap')).toEqual({ place: 'heatmap', query: { deployment: 'internal' } });
  });

  it('any other move opens the place as it is, and the rail on the same place clears its filters', () => {
    expect(railRoute({ place: 'inventory', query: { tier: 'high' } }, 'sessions')).toEqual({ place: 'sessions' });
    expect(railRoute({ place: 'registers', query: { tier: 'high' } }, 'heatmap')).toEqual({ place: 'heatmap' });
    expect(railRoute({ place: 'heatmap', query: { tier: 'high' } }, 'heatmap')).toEqual({ place: 'heatmap' });
    expect(railRoute({ place: 'inventory' }, 'heatmap')).toEqual({ place: 'heatmap' });
  });
});
