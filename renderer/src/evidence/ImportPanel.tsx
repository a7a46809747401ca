import { useState, type DragEvent, type FormEvent } from 'react';
import type { ImportJob } from '../../../shared/contract/calls';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Field, FormError } from '../forms/Field';
import { formatCount } from '../format/numbers';
import { useImportJobs } from './useImportJobs';
import { plural } from '../../../shared/text/plural';
import { Icon } from '../frame/icons';

const STATUS_TEXT: Record<ImportJob['status'], string> = {
  queued: 'Waiting',
  running: 'Checking and validating',
  imported: 'Imported',
  already_imported: 'Already in the cycle',
  refused: 'Refused',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

function JobRow({ job, onCancel, onRetry }: { job: ImportJob; onCancel(): void; onRetry(): void }) {
  const fraction = job.totalBytes > 0 ? Math.min(1, job.bytes / job.totalBytes) : 0;
  const active = job.status === 'queued' || job.status === 'running';
  const label = `${job.source}: ${STATUS_TEXT[job.status]}`;
  return (
    <li className={`job job-${job.status}`}>
      <div className="job-head">
        <span className="job-name">{job.source}</span>
        <span className="job-status">
          {STATUS_TEXT[job.status]}
          {job.status === 'running' && job.phase === 'reading' && ` · ${formatCount(job.rows)} rows`}
          {job.outcome && ` · model ${job.outcome.modelId} ${job.outcome.version} · ${job.outcome.ok ? 'passes' : `${plural(job.outcome.findings, 'finding')}, some high`}`}
        </span>
        {active && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        {(job.status === 'refused' || job.status === 'failed' || job.status === 'cancelled') && (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
      {active && <progress aria-label={label} max={1} value={job.status === 'queued' ? undefined : fraction} />}
      {job.message && (
        <p className={job.status === 'refused' || job.status === 'failed' ? 'field-error' : 'muted'} role={job.status === 'refused' ? 'alert' : undefined}>
          {job.message}
        </p>
      )}
    </li>
  );
}

/** Import by dialog (desktop) or by path (browser), with a progress bar per bundle. */
export function ImportPanel() {
  const { client, desktop, pathForDrop } = useApi();
  const jobs = useImportJobs();
  const [dragging, setDragging] = useState(false);
  const [paths, setPaths] = useState('');
  const [error, setError] = useState<string | null>(null);

  const start = async (list: string[]) => {
    setError(null);
    try {
      await client.call('bundles.import', { paths: list });
      setPaths('');
    } catch (err) {
      setError(asCallError(err).message);
    }
  };

  async function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    try {
      const paths = await Promise.all(files.map((f) => pathForDrop(f)));
      if (paths.length > 0) await start(paths);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (desktop) {
      const chosen = await desktop.chooseBundlePaths();
      if (chosen.length > 0) await start(chosen);
      return;
    }
    await start(paths.split(/[\n,]/).map((p) => p.trim()).filter((p) => p !== ''));
  }

  return (
    <section
      className={`card drop-zone${dragging ? ' dragging' : ''}`}
      aria-labelledby="import-title"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => void drop(e)}
    >
      <h2 id="import-title">Import bundles</h2>
      <p className="muted small">{desktop ? 'Drop bundle folders or .zip files here, or choose them.' : 'Drop bundle .zip files here, or give the paths of folders or zips.'}</p>
      <form onSubmit={(e) => void submit(e)}>
        {!desktop && (
          <Field
            label="Bundle paths"
            value={paths}
            onValue={setPaths}
            placeholder="bundles/credit-default-scorer"
            hint="Folders or .zip files on the machine running mrb serve; separate several with commas. Each is checked, validated and stored on its own."
          />
        )}
        <FormError message={error} />
        <button type="submit" className="primary">
          <Icon name="upload" />
          {desktop ? 'Choose bundles…' : 'Import'}
        </button>
      </form>
      {jobs.length > 0 && (
        <ul className="jobs" aria-label="Imports">
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} onCancel={() => void client.call('bundles.cancelImport', { id: job.id })} onRetry={() => void start([job.origin])} />
          ))}
        </ul>
      )}
    </section>
  );
}
