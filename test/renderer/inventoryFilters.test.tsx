import { screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { InventoryRow } from '../../shared/contract/calls';
import { tierWord } from '../../shared/scoring/tier';
import { Inventory } from '../../renderer/src/inventory/Inventory';
import { formatRoute, type Route } from '../../renderer/src/routes/route';
import { fakeClient } from './fakeClient';
import { model, taxonomy } from './fixtures';
import { renderWithApi } from './renderWithApi';

const row = (over: Partial<InventoryRow> & { model: InventoryRow['model'] }): InventoryRow => ({ heat: 3.4, band: { lo: 3.1, hi: 3.7 }, tier: 'high', rank: 1, scored: 11, lastBundle: null, openFindings: 0, ...over });

const ROWS: InventoryRow[] = [
  row({ model: model() }),
  row({ model: model({ id: 'card-fraud', name: 'Card fraud', owner: 'Fraud Analytics', productLine: 'Cards' }), heat: 1.8, band: { lo: 1.5, hi: 2.1 }, tier: 'low', rank: 2 }),
];

/** The Inventory at an address, which it changes as the app frame would (the filters live in the address's query). */
function openInventory(start: Route = { place: 'inventory' }) {
  const routes: Route[] = [];
  function Frame() {
    const [route, setRoute] = useState<Route>(start);
    const go = (to: Route) => {
      routes.push(to);
      setRoute(to);
    };
    return <Inventory cycleName="2026 H1" route={route} onRoute={go} onModel={go} />;
  }
  const client = fakeClient({ 'models.inventory': ROWS, 'taxonomy.get': taxonomy });
  return { ...renderWithApi(<Frame />, client), routes };
}

const shownModels = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((r) => ROWS.find((x) => r.textContent?.includes(x.model.name))?.model.name);

describe('the Inventory filters', () => {
  it('narrows the list to a tier and puts the filter in the address', async () => {
    const { user, routes } = openInventory();
    await screen.findByRole('table');
    expect(shownModels()).toEqual(['Credit PD', 'Card fraud']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tier' }), tierWord('low'));
    expect(shownModels()).toEqual(['Card fraud']);
    expect(screen.getByText('1 of 2 models')).toBeInTheDocument();
    expect(formatRoute(routes.at(-1)!)).toBe('#/inventory?tier=low');
  });

  it('opens on the list an address names', async () => {
    openInventory({ place: 'inventory', query: { owner: 'Fraud Analytics' } });
    await screen.findByRole('table');
    expect(shownModels()).toEqual(['Card fraud']);
    expect(screen.getByRole('combobox', { name: 'Owner' })).toHaveValue('Fraud Analytics');
  });

  it('says when the filters leave no model, and clears them from there', async () => {
    const { user, routes } = openInventory();
    await screen.findByRole('table');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Owner' }), 'Fraud Analytics');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Product line' }), 'Lending');
    expect(screen.getByRole('heading', { name: 'No models match these filters' })).toBeInTheDocument();
    expect(screen.getByText('The cycle has 2 models; none passes every filter chosen above.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(shownModels()).toEqual(['Credit PD', 'Card fraud']));
    expect(screen.getByRole('combobox', { name: 'Owner' })).toHaveValue('');
    expect(formatRoute(routes.at(-1)!)).toBe('#/inventory');
  });

  it('searches by name and keeps the search in the address too', async () => {
    const { user, routes } = openInventory();
    await screen.findByRole('table');
    await user.type(screen.getByPlaceholderText('Search models'), 'fraud');
    expect(shownModels()).toEqual(['Card fraud']);
    expect(formatRoute(routes.at(-1)!)).toBe('#/inventory?q=fraud');
  });
});
