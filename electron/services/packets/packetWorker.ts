import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../../../shared/contract/errors';
import forge from 'node-forge';
import { clockAt } from '../clock';
import { signPdf } from '../signing/signPdf';
import { Workspace } from '../store/workspace';
import { packetPages, recordFacts, renderPages, type PacketJob, type PacketPages } from './exportPacket';

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

function pagesOf(job: PacketJob): PacketPages {
  const ws = Workspace.open(job.workspace, { readonly: true, clock: clockAt(job.at), ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
  try {
    return packetPages(ws, job);
  } finally {
    ws.close();
  }
}

async function run(): Promise<PacketWorkerMessage> {
  const pages = pagesOf(given.job);
  post({ type: 'phase', phase: 'pages' });
  const pdf = await renderPages(pages.record, pages.recordBytes, pages.recordSha256, pages.at);
  post({ type: 'phase', phase: 'sign' });
  const [certificate, ...chain] = given.certificatePems.map((pem) => forge.pki.certificateFromPem(pem));
  if (!certificate) throw new Error('the packet worker was given no certificate');
  const signed = await signPdf(pdf, { key: forge.pki.privateKeyFromPem(given.keyPem) as forge.pki.rsa.PrivateKey, certificate, chain }, pages.sign);
  return { type: 'done', pdf: signed, ...recordFacts(pages) };
}

run().then(post, (err: unknown) => {
  if (err instanceof UserError) post({ type: 'refused', code: err.code, message: err.message, field: err.field });
  else post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
});
