import { useEffect, useState } from 'react';
import type { ImportJob } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';

/** Imports of this host or window, kept current from the job events. */
export function useImportJobs(): ImportJob[] {
  const { client } = useApi();
  const [jobs, setJobs] = useState<ImportJob[]>([]);
  useEffect(() => {
    let live = true;
    void client.call('bundles.jobs', {}).then((list) => {
      if (live) setJobs((seen) => (seen.length > 0 ? seen : list));
    });
    const off = client.onJob((job) =>
      setJobs((list) => {
        const i = list.findIndex((j) => j.id === job.id);
        return i < 0 ? [...list, job] : list.map((j) => (j.id === job.id ? job : j));
      }),
    );
    return () => {
      live = false;
      off();
    };
  }, [client]);
  return jobs;
}
