import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../../../shared/contract/errors';
import forge from 'node-forge';
import { clockAt } from '../clock';
import { Workspace } from '../store/workspace';
import { packetHere, type PacketJob } from './exportPacket';

/**
 * Runs in a worker thread: makes one packet, the seconds of an export, so that the services'
 * thread answers other calls meanwhile. It reads the workspace read-only, in one snapshot,
 * for the record (its audit walk included), then lays out and signs the pages. The
 * identity comes as PEM (forge's objects do not cross threads), already opened with its
 * passphrase by the export. Nothing here writes: the file and its audited record are
 * written by the export, after this has answered.
 */
export interface PacketWorkerJob {
  job: PacketJob;
  keyPem: string;
  /** The signer's certificate first, then the rest of its chain. */
  certificatePems: string[];
}

export type PacketWorkerMessage =
  | { type: 'phase'; phase: 'pages' | 'sign' }
  | { type: 'done'; pdf: Uint8Array; packetId: string; recordSha256: string; chainHead: string }
  | { type: 'refused'; code: UserError['code']; message: string; field: string | undefined }
  | { type: 'failed'; message: string };

const given = workerData as PacketWorkerJob;
const post = (message: PacketWorkerMessage) => parentPort?.postMessage(message);

async function run(): Promise<PacketWorkerMessage> {
  const [certificate, ...chain] = given.certificatePems.map((pem) => forge.pki.certificateFromPem(pem));
  if (!certificate) throw new Error('the packet worker was given no certificate');
  const identity = { key: forge.pki.privateKeyFromPem(given.keyPem) as forge.pki.rsa.PrivateKey, certificate, chain };
  const { job } = given;
  const ws = Workspace.open(job.workspace, { readonly: true, clock: clockAt(job.at), ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
  try {
    return { type: 'done', ...(await packetHere(ws, identity)(job, (phase) => post({ type: 'phase', phase }))) };
  } finally {
    ws.close();
  }
}

run().then(post, (err: unknown) => {
  if (err instanceof UserError) post({ type: 'refused', code: err.code, message: err.message, field: err.field });
  else post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
});
