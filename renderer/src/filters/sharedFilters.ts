import { readFilters, writeFilters, type Place, type Route } from '../routes/route';
import { NO_FILTERS } from './ModelFilters';

/** The places that list models through the five shared filters. */
const MODEL_LISTS: readonly Route['place'][] = ['inventory', 'models', 'heatmap', 'matrix'];

/**
 * The route the rail opens: a place as it is, except that moving between the inventory and
 * the heatmap keeps the five model filters (product line, region, owner, tier, deployment)
 * the analyst chose, so the two show the same models. The inventory's search stays its own.
 */
export function railRoute(from: Route, to: Place): Route {
  if (!MODEL_LISTS.includes(from.place) || !MODEL_LISTS.includes(to) || from.place === to) return { place: to };
  const query = writeFilters(readFilters(from.query, NO_FILTERS), NO_FILTERS);
  return Object.keys(query).length === 0 ? { place: to } : { place: to, query };
}
