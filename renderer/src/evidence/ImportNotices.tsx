import { useEffect, useRef } from 'react';
import type { ImportJob } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';
import { useNotify } from '../frame/Notices';

/** What a notice says when an import ends; null while it runs. A refusal or failure names its reason. */
export function importEndWords(job: ImportJob): { text: string; tone: 'done' | 'failed' } | null {
  switch (job.status) {
    case 'imported':
      return { text: `Imported ${job.source}${job.outcome ? `: model ${job.outcome.modelId} ${job.outcome.version}` : ''}.`, tone: 'done' };
    case 'already_imported':
      return { text: `${job.source} was already in the cycle; nothing changed.`, tone: 'done' };
    case 'refused':
    case 'failed':
      return { text: `Import of ${job.source} ${job.status === 'refused' ? 'refused' : 'failed'}${job.message ? `: ${job.message}` : '.'} Retry it in Evidence.`, tone: 'failed' };
    default:
      return null;
  }
}

/**
 * Imports run in the background and the analyst may have moved on: each one that ends
 * says so in a notice, wherever the analyst is. Renders nothing itself.
 */
export function ImportNotices() {
  const { client } = useApi();
  const notify = useNotify();
  const told = useRef(new Set<string>());
  useEffect(
    () =>
      client.onJob((job) => {
        const words = importEndWords(job);
        if (!words || told.current.has(job.id)) return;
        told.current.add(job.id);
        notify(words.text, words.tone);
      }),
    [client, notify],
  );
  return null;
}
