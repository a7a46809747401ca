import { PRESENTER_QUERY, TOKEN_QUERY } from '../../../shared/contract/transport';
import { TOKEN_STORAGE_KEY } from '../api/token';

const [VIEW_KEY, VIEW_VALUE] = PRESENTER_QUERY.split('=') as [string, string];

/** Whether this page was opened as the presenter view (`?view=presenter`, on app:// and the loopback host alike). */
export function isPresenterView(search: string): boolean {
  return new URLSearchParams(search).get(VIEW_KEY) === VIEW_VALUE;
}

/**
 * The presenter's address on the loopback host. A tab opened with noopener starts with an
 * empty sessionStorage, so the token this tab keeps there rides along in the address;
 * the new tab's token code takes it out of the address again, as for the first page.
 */
export function presenterUrl(location: Pick<Location, 'origin' | 'pathname'>, storage: Pick<Storage, 'getItem'>): string {
  const params = new URLSearchParams();
  const token = storage.getItem(TOKEN_STORAGE_KEY);
  if (token) params.set(TOKEN_QUERY, token);
  params.set(VIEW_KEY, VIEW_VALUE);
  return `${location.origin}${location.pathname}?${params.toString()}`;
}
