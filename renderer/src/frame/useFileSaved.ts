import { useCallback } from 'react';
import { useApi } from '../api/ApiContext';
import { useNotify } from './Notices';

/**
 * Says where a file the app just handed to the download went: the browser puts it in its
 * downloads without a word on some systems, the desktop asks where first.
 */
export function useFileSaved(): (name: string) => void {
  const notify = useNotify();
  const { desktop } = useApi();
  return useCallback((name: string) => notify(desktop ? `Saved ${name}.` : `Saved ${name} to the browser's downloads.`), [notify, desktop]);
}
