import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../../../shared/contract/errors';
import forge from 'node-forge';
import { signPdf } from '../signing/signPdf';
import { renderPages, type PacketPages } from './exportPacket';

/**
 * Runs in a worker thread: lays out and signs one packet's pages, the seconds of an
 * export, so that the services' thread answers other calls meanwhile. The identity comes
 * as PEM (forge's objects do not cross threads), already opened with its passphrase by
 * the export. Nothing here writes: the file and its audited record are written by the
 * export, after this has answered.
 */
export interface PacketWorkerJob {
  pages: PacketPages;
  keyPem: string;
  /** The signer's certificate first, then the rest of its chain. */
  certificatePems: string[];
}

export type PacketWorkerMessage =
  | { type: 'signing' }
  | { type: 'done'; pdf: Uint8Array }
  | { type: 'refused'; code: UserError['code']; message: string; field: string | undefined }
  | { type: 'failed'; message: string };

const job = workerData as PacketWorkerJob;
const post = (message: PacketWorkerMessage) => parentPort?.postMessage(message);

async function run(): Promise<Uint8Array> {
  const { pages } = job;
  const pdf = await renderPages(pages.record, pages.recordBytes, pages.recordSha256, pages.at);
  post({ type: 'signing' });
  const [certificate, ...chain] = job.certificatePems.map((pem) => forge.pki.certificateFromPem(pem));
  if (!certificate) throw new Error('the packet worker was given no certificate');
  return signPdf(pdf, { key: forge.pki.privateKeyFromPem(job.keyPem) as forge.pki.rsa.PrivateKey, certificate, chain }, pages.sign);
}

run().then(
  (pdf) => post({ type: 'done', pdf }),
  (err: unknown) => {
    if (err instanceof UserError) post({ type: 'refused', code: err.code, message: err.message, field: err.field });
    else post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  },
);
