import { useMemo } from 'react';
import { TIERS, tierWord, type Tier } from '../../../shared/scoring/tier';
import { FilterSelect } from './FilterSelect';

/** What the model filters look at, whichever list the model comes from. */
export interface Filterable {
  productLine: string;
  regions: readonly string[];
  owner: string;
  tier: Tier | null;
  context: string;
}

export interface Filters {
  productLine: string;
  region: string;
  owner: string;
  tier: string;
  deployment: string;
}

export const NO_FILTERS: Filters = { productLine: '', region: '', owner: '', tier: '', deployment: '' };

export function keep(m: Filterable, f: Filters): boolean {
  return (
    (f.productLine === '' || m.productLine === f.productLine) &&
    (f.region === '' || m.regions.includes(f.region)) &&
    (f.owner === '' || m.owner === f.owner) &&
    (f.tier === '' || (m.tier ?? 'unscored') === f.tier) &&
    (f.deployment === '' || m.context === f.deployment)
  );
}

const distinct = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));

const plain = (values: Iterable<string>) => distinct(values).map((v) => ({ value: v, label: v }));

const TIER_OPTIONS = [...TIERS.map((t) => ({ value: t, label: tierWord(t) })), { value: 'incomplete', label: tierWord('incomplete') }, { value: 'unscored', label: tierWord(null) }];

/** The five filters the inventory and the heatmap share: product line, region, owner, tier, deployment. */
export function ModelFilters({ models, filters, onChange }: { models: readonly Filterable[]; filters: Filters; onChange(f: Filters): void }) {
  // The choices follow the models, not each render: a live score update re-renders the heatmap's filters many times a minute.
  const options = useMemo(
    () => ({
      productLine: plain(models.map((m) => m.productLine)),
      region: plain(models.flatMap((m) => m.regions)),
      owner: plain(models.map((m) => m.owner)),
      deployment: plain(models.map((m) => m.context)),
    }),
    [models],
  );
  const set = (key: keyof Filters) => (value: string) => onChange({ ...filters, [key]: value });
  return (
    <>
      <FilterSelect label="Product line" value={filters.productLine} options={options.productLine} onChange={set('productLine')} />
      <FilterSelect label="Region" value={filters.region} options={options.region} onChange={set('region')} />
      <FilterSelect label="Owner" value={filters.owner} options={options.owner} onChange={set('owner')} />
      <FilterSelect label="Tier" value={filters.tier} options={TIER_OPTIONS} onChange={set('tier')} />
      <FilterSelect label="Deployment" value={filters.deployment} options={options.deployment} onChange={set('deployment')} />
    </>
  );
}
