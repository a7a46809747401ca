/**
 * Where the analyst is, as the address's hash says it: `#/<place>[/<object>[/chair]][?<list query>]`.
 * The hash (not the path) carries it so the same address works on the app:// protocol and on the
 * loopback host, and so the host's token in the page's own query string is never touched.
 */

/** A list's filters as the address's query holds them: a key per filter, absent when at its default. */
export type Query = Readonly<Record<string, string>>;

/** The places that have a rail entry of their own. */
export type Place = 'overview' | 'inventory' | 'heatmap' | 'sessions' | 'registers' | 'evidence' | 'packets' | 'audit' | 'settings';

export type Route =
  | { place: 'overview' | 'inventory' | 'heatmap' | 'matrix' | 'registers' | 'packets' | 'audit' | 'settings'; query?: Query }
  | { place: 'sessions'; sessionId?: string; chair?: boolean; query?: Query }
  | { place: 'evidence'; bundle?: string; query?: Query }
  | { place: 'models'; modelId: string; query?: Query };

const SIMPLE = ['overview', 'inventory', 'heatmap', 'matrix', 'registers', 'packets', 'audit', 'settings'] as const;
const SHA256 = /^[0-9a-f]{64}$/;

export const OVERVIEW: Route = { place: 'overview' };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The route a hash names, or null when it names none (the caller lands on the Overview and
 * says so). An empty hash is the Overview: the address an app opens with.
 */
export function parseRoute(hash: string): Route | null {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text === '' || text === '/') return OVERVIEW;
  if (!text.startsWith('/')) return null;
  const mark = text.indexOf('?');
  const path = mark < 0 ? text.slice(1) : text.slice(1, mark);
  const params = new URLSearchParams(mark < 0 ? '' : text.slice(mark + 1));
  const query: Record<string, string> = {};
  params.forEach((value, key) => {
    query[key] = value;
  });
  const withQuery = <R extends Route>(route: R): R => (Object.keys(query).length === 0 ? route : { ...route, query });
  const raw = path.split('/');
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  const segments = raw.map(decode);
  if (segments.some((s) => s === null || s === '')) return null;
  const [place, id, tail, ...rest] = segments as string[];
  if (rest.length > 0) return null;

  if ((SIMPLE as readonly string[]).includes(place ?? '')) return id === undefined ? withQuery({ place: place as (typeof SIMPLE)[number] }) : null;
  if (place === 'sessions') {
    if (id === undefined) return withQuery({ place });
    if (tail === undefined) return withQuery({ place, sessionId: id });
    return tail === 'chair' ? withQuery({ place, sessionId: id, chair: true }) : null;
  }
  if (place === 'evidence' && tail === undefined) {
    if (id === undefined) return withQuery({ place });
    return SHA256.test(id) ? withQuery({ place, bundle: id }) : null;
  }
  if (place === 'models' && id !== undefined && tail === undefined) return withQuery({ place, modelId: id });
  return null;
}

/** The hash for a route; parseRoute(formatRoute(r)) gives r back. */
export function formatRoute(route: Route): string {
  const parts: string[] = [route.place];
  if (route.place === 'sessions' && route.sessionId !== undefined) {
    parts.push(encodeURIComponent(route.sessionId));
    if (route.chair) parts.push('chair');
  }
  if (route.place === 'evidence' && route.bundle !== undefined) parts.push(route.bundle);
  if (route.place === 'models') parts.push(encodeURIComponent(route.modelId));
  const query = new URLSearchParams(Object.entries(route.query ?? {})).toString();
  return `#/${parts.join('/')}${query ? `?${query}` : ''}`;
}

/** The rail entry a route lies under: the matrix is the heatmap's other view, a model is a row of the inventory. */
export function placeOf(route: Route): Place {
  if (route.place === 'matrix') return 'heatmap';
  if (route.place === 'models') return 'inventory';
  return route.place;
}

/** A list's filters: each a string, '' for "all" unless the list's defaults say otherwise. */
export type FilterSet<F> = { [K in keyof F]: string };

/**
 * A list's filters read from the query: each key of the defaults (behind the prefix, when two
 * lists share a page), the query's value when it has one. Keys the list does not know are
 * ignored, so an old or hand-edited link still opens.
 */
export function readFilters<F extends FilterSet<F>>(query: Query | undefined, defaults: F, prefix = ''): F {
  const out = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof F & string)[]) {
    const value = query?.[prefix + key];
    if (value !== undefined) out[key] = value as F[typeof key];
  }
  return out;
}

/** The query for a list's filters: only those that differ from their default, so an unfiltered list has a bare address. */
export function writeFilters<F extends FilterSet<F>>(filters: Partial<F>, defaults: F, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(defaults) as (keyof F & string)[]) {
    const value = filters[key];
    if (value !== undefined && value !== defaults[key]) out[prefix + key] = value;
  }
  return out;
}

/** The query with one list's filters replaced, the keys of the page's other lists (behind other prefixes) kept. */
export function withFilters<F extends FilterSet<F>>(query: Query | undefined, filters: F, defaults: F, prefix = ''): Record<string, string> {
  const out: Record<string, string> = { ...query };
  for (const key of Object.keys(defaults)) delete out[prefix + key];
  return { ...out, ...writeFilters(filters, defaults, prefix) };
}
