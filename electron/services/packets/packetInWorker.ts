import { Worker } from 'node:worker_threads';
import forge from 'node-forge';
import { UserError } from '../../../shared/contract/errors';
import { certificatePem, type Identity } from '../signing/identity';
import { exportCancelled, type MadePacket, type PacketMaker } from './exportPacket';
import type { PacketWorkerJob, PacketWorkerMessage } from './packetWorker';

/**
 * The packet made in a worker thread (packetWorker.ts, bundled as
 * dist/electron/packetWorker.cjs): its record read from the workspace file, its pages laid
 * out and signed. A cancel terminates the worker at once: the export then stops before
 * anything is written.
 */
export function packetInWorker(workerPath: string, identity: Identity): PacketMaker {
  return (job, onPhase, signal) =>
    new Promise<MadePacket>((resolve, reject) => {
      const given: PacketWorkerJob = {
        job,
        keyPem: forge.pki.privateKeyToPem(identity.key),
        certificatePems: [identity.certificate, ...identity.chain].map(certificatePem),
      };
      const worker = new Worker(workerPath, { workerData: given });
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        outcome();
      };
      const onAbort = () => settle(() => reject(exportCancelled()));
      signal?.addEventListener('abort', onAbort);
      worker.on('message', (m: PacketWorkerMessage) => {
        if (m.type === 'phase') onPhase(m.phase);
        else if (m.type === 'done') settle(() => resolve({ pdf: Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength), packetId: m.packetId, recordSha256: m.recordSha256, chainHead: m.chainHead }));
        else if (m.type === 'refused') settle(() => reject(new UserError(m.code, m.message, m.field)));
        else settle(() => reject(new Error(`the packet worker failed: ${m.message}`)));
      });
      worker.on('error', (err) => settle(() => reject(err)));
      worker.on('exit', (code) => settle(() => reject(new Error(`the packet worker stopped (exit code ${code}) before it answered`))));
    });
}
