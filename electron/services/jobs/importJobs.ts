import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ImportJob } from '../../../shared/contract/calls';
import { shownName, UserError } from '../../../shared/contract/errors';
import { storeImport } from '../bundles/importService';
import { makeSpoolFolder } from '../bundles/importSpool';
import { logInternalError } from '../errorLog';
import type { SourceLimits } from '../bundles/bundleSource';
import type { WorkspaceSession } from '../workspaceSession';
import type { WorkerMessage, WorkerRequest } from './importProtocol';

export interface ImportJobsOptions {
  /** The bundled worker script (dist/electron/importWorker.cjs). */
  workerPath: string;
  tolerance: () => number;
  limits?: SourceLimits;
  /** Where each job makes the folder for its spool; the system temp folder by default. */
  spoolRoot?: string;
}

/**
 * Bundle imports as background jobs: each one reads and validates in its own worker
 * thread, reports progress, and is stored in one transaction when it is done. Jobs run
 * one after another (bundles can be large; two cores), queued in the order given.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly workers = new Map<string, Worker>();
  private readonly spools = new Map<string, string>();
  private readonly queue: string[] = [];
  private readonly listeners = new Set<(job: ImportJob) => void>();
  private running: string | null = null;

  constructor(
    private readonly session: WorkspaceSession,
    private readonly options: ImportJobsOptions,
  ) {}

  onEvent(listener: (job: ImportJob) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): ImportJob[] {
    return [...this.jobs.values()];
  }

  start(origins: string[]): ImportJob[] {
    this.session.require();
    const started = origins.map((origin) => {
      const job: ImportJob = {
        id: randomUUID(),
        source: path.basename(origin),
        origin,
        status: 'queued',
        phase: null,
        file: null,
        bytes: 0,
        totalBytes: 0,
        rows: 0,
        message: null,
        outcome: null,
      };
      this.jobs.set(job.id, job);
      this.queue.push(job.id);
      this.emit(job);
      return job;
    });
    this.next();
    return started;
  }

  cancel(id: string): ImportJob {
    const job = this.jobs.get(id);
    if (!job) throw new UserError('not_found', 'There is no such import.');
    if (job.status !== 'queued' && job.status !== 'running') return job;
    const index = this.queue.indexOf(id);
    if (index >= 0) this.queue.splice(index, 1);
    void this.workers.get(id)?.terminate();
    this.workers.delete(id);
    this.removeSpool(id);
    this.update(job, { status: 'cancelled', message: 'Cancelled; nothing was stored.' });
    if (this.running === id) {
      this.running = null;
      this.next();
    }
    return job;
  }

  private next(): void {
    if (this.running !== null) return;
    const id = this.queue.shift();
    if (id === undefined) return;
    const job = this.jobs.get(id) as ImportJob;
    this.running = id;
    this.update(job, { status: 'running' });
    const spoolDir = makeSpoolFolder(this.options.spoolRoot);
    this.spools.set(id, spoolDir);
    const request: WorkerRequest = { origin: job.origin, tolerance: this.options.tolerance(), limits: this.options.limits, spoolRoot: spoolDir };
    const worker = new Worker(this.options.workerPath, { workerData: request });
    this.workers.set(id, worker);
    const finish = (changes: Partial<ImportJob>) => {
      if (this.running !== id) return;
      this.workers.delete(id);
      void worker.terminate();
      this.removeSpool(id);
      this.running = null;
      this.update(job, changes);
      this.next();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') {
        this.update(job, { phase: m.phase, file: m.file, bytes: m.bytes, totalBytes: m.totalBytes, rows: m.rows });
      } else if (m.type === 'refused') {
        finish({ status: 'refused', message: m.message });
      } else if (m.type === 'failed') {
        finish({ status: 'failed', message: failedMessage(job, m.message) });
      } else {
        try {
          const outcome = storeImport(this.session.require(), m.prepared);
          const findings = m.prepared.report.findings;
          finish({
            status: outcome.status,
            message: outcome.status === 'already_imported' ? 'This bundle is already in the cycle; nothing was stored again.' : null,
            outcome: { sha256: outcome.sha256, modelId: outcome.modelId, version: outcome.version, ok: m.prepared.report.ok, findings: findings.length },
          });
        } catch (err) {
          if (err instanceof UserError) finish({ status: 'refused', message: err.message });
          else finish({ status: 'failed', message: failedMessage(job, err) });
        }
      }
    });
    worker.on('error', (err) => finish({ status: 'failed', message: failedMessage(job, err) }));
    worker.on('exit', (code) => finish({ status: 'failed', message: `The import stopped unexpectedly (worker exit ${code}).` }));
  }

  /** A job's spool folder, with whatever its worker left there (a terminated worker cleans up nothing). */
  private removeSpool(id: string): void {
    const dir = this.spools.get(id);
    if (dir === undefined) return;
    this.spools.delete(id);
    fs.rmSync(dir, { recursive: true, force: true });
  }

  private update(job: ImportJob, changes: Partial<ImportJob>): void {
    Object.assign(job, changes);
    this.emit(job);
  }

  private emit(job: ImportJob): void {
    for (const l of this.listeners) l({ ...job });
  }

  dispose(): void {
    for (const w of this.workers.values()) void w.terminate();
    this.workers.clear();
    for (const id of [...this.spools.keys()]) this.removeSpool(id);
    this.queue.length = 0;
    this.listeners.clear();
  }
}

/** A job's message for an internal failure: one sentence and where the stack was logged, never the stack. */
function failedMessage(job: ImportJob, err: unknown): string {
  const log = logInternalError('import', err, { source: job.source, origin: job.origin });
  return log === null
    ? `The import of ${shownName(job.source)} failed unexpectedly (a bug, not a fault of the bundle); nothing was stored.`
    : `The import of ${shownName(job.source)} failed unexpectedly (a bug, not a fault of the bundle); nothing was stored, and the details are in ${log}.`;
}
