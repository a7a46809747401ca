import forge from 'node-forge';
import { UserError } from '../../../shared/contract/errors';
import { runWorker } from '../jobs/workerRun';
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
  return (job, onPhase, signal) => {
    const given: PacketWorkerJob = {
      job,
      keyPem: forge.pki.privateKeyToPem(identity.key),
      certificatePems: [identity.certificate, ...identity.chain].map(certificatePem),
    };
    return runWorker<PacketWorkerMessage, MadePacket>(workerPath, given, {
      signal,
      aborted: exportCancelled,
      stopped: (code) => new Error(`the packet worker stopped (exit code ${code}) before it answered`),
      answer: (m) => {
        if (m.type === 'phase') {
          onPhase(m.phase);
          return null;
        }
        if (m.type === 'done') return { value: { pdf: Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength), packetId: m.packetId, recordSha256: m.recordSha256, chainHead: m.chainHead } };
        if (m.type === 'refused') return { error: new UserError(m.code, m.message, m.field) };
        return { error: new Error(`the packet worker failed: ${m.message}`) };
      },
    });
  };
}
