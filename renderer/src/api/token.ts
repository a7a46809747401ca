import { TOKEN_QUERY } from '../../../shared/contract/transport';

export const TOKEN_STORAGE_KEY = 'mrb.token';

interface PageAddress {
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

/**
 * The loopback host's access token: taken from the address `mrb serve` printed, kept in
 * sessionStorage so reloads and in-app navigation keep it, and removed from the visible
 * address so it does not end up in bookmarks, screenshots or screen shares. A token in
 * the address wins over a stored one: it is the newest (the host makes one per run).
 */
export function takeToken(
  address: PageAddress,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  replaceAddress: (url: string) => void,
): string | null {
  const params = new URLSearchParams(address.search);
  const fromAddress = params.get(TOKEN_QUERY);
  if (fromAddress) {
    storage.setItem(TOKEN_STORAGE_KEY, fromAddress);
    params.delete(TOKEN_QUERY);
    const rest = params.toString();
    replaceAddress(`${address.pathname}${rest ? `?${rest}` : ''}${address.hash}`);
    return fromAddress;
  }
  return storage.getItem(TOKEN_STORAGE_KEY) || null;
}

/** Forgets a token the host refused, so the page asks for the printed address again. */
export function forgetToken(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(TOKEN_STORAGE_KEY);
}
