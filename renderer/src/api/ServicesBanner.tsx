import { useEffect, useState } from 'react';
import type { ServicesNotice } from '../../../shared/contract/calls';
import { useApi } from './ApiContext';

/**
 * Says that the app's services were started again after a crash (and whether the workspace
 * is open again), or that they stopped for good. It stays until dismissed, over the start
 * screen too: it is why a change may not have been saved, or why nothing answers any more.
 */
export function ServicesBanner() {
  const { client } = useApi();
  const [notice, setNotice] = useState<ServicesNotice | null>(null);
  useEffect(() => client.onServices(setNotice), [client]);
  if (notice === null) return null;
  return (
    <div className="services-banner notice notice-warn no-print" role="alert">
      <span>{notice.message}</span>
      <button type="button" className="quiet" onClick={() => setNotice(null)}>
        Dismiss
      </button>
    </div>
  );
}
