import { randomUUID } from 'node:crypto';
import type { CallProgress, CallResult, ParsedArgs } from '../../../shared/contract/calls';
import { UserError } from '../../../shared/contract/errors';
import type { ExportRun } from './packetCalls';

/**
 * The packet exports under way, by the exportId their caller chose: each reports its
 * phases to the listeners (the pages) and can be cancelled until its record commits.
 */
export class ExportRuns {
  private readonly running = new Map<string, AbortController>();
  private readonly listeners = new Set<(progress: CallProgress) => void>();

  /** packetWorker: the bundled packet worker to lay out and sign in; null keeps that work in this thread. */
  constructor(private readonly packetWorker: string | null) {}

  onProgress(listener: (progress: CallProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async run(a: ParsedArgs<'packets.export'>, exportWith: (run: ExportRun) => Promise<CallResult<'packets.export'>>): Promise<CallResult<'packets.export'>> {
    const id = a.exportId ?? randomUUID();
    if (this.running.has(id)) throw new UserError('already_exists', `An export named ${id} is already running; give this one another exportId.`, 'exportId');
    const controller = new AbortController();
    this.running.set(id, controller);
    try {
      return await exportWith({
        signal: controller.signal,
        packetWorker: this.packetWorker,
        onPhase: (phase) => {
          for (const l of this.listeners) l({ call: 'packets.export', id, phase });
        },
      });
    } finally {
      this.running.delete(id);
    }
  }

  cancel(exportId: string): CallResult<'packets.cancelExport'> {
    const controller = this.running.get(exportId);
    controller?.abort();
    return { cancelled: controller !== undefined };
  }
}
