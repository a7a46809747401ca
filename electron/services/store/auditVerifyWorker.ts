import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { ChainWalker } from './auditChain';
import { walkAuditChain } from './auditLogTable';
import { CANCEL, fileIdentity, POSTED, PROGRESS, splitOf, type BesideAnswer, type BesideRequest } from './walkBeside';

/**
 * Worker thread: walks the newer part of a workspace's audit chain for a verify on the
 * thread that asked (walkBeside.ts), in a read transaction of its own connection, and says
 * only whether that stretch holds. Answers go to the port given at start and are signalled
 * through the request's shared memory, because the asking thread waits for them without
 * returning to its event loop (a verify is synchronous).
 */
const answers = (workerData as { answers: MessagePort }).answers;

function walk(request: BesideRequest, flags: Int32Array, answer: (a: BesideAnswer) => void): void {
  const before = fileIdentity(request.file);
  const db = new Database(request.file, { readonly: true, fileMustExist: true, nativeBinding: request.nativeBinding });
  try {
    db.exec('BEGIN');
    // The first read of the transaction takes its snapshot.
    const lastSeq = (db.prepare('SELECT max(seq) AS n FROM audit_events').get() as { n: number | null }).n ?? 0;
    // The path named this file before and after it was opened: the connection reads it.
    const after = fileIdentity(request.file);
    const split = splitOf(request.afterSeq, lastSeq, request.share);
    answer({ id: request.id, kind: 'snapshot', file: before !== null && before === after ? before : 'moved', split });
    const prevHash = (db.prepare('SELECT prev_hash FROM audit_events WHERE seq = ?').pluck().get(split + 1) as unknown) ?? null;
    if (typeof prevHash !== 'string' || lastSeq <= split) {
      answer({ id: request.id, kind: 'walked', holds: false, afterSeq: split, prevHash: '', lastSeq, head: '' });
      return;
    }
    const walker = new ChainWalker({ seq: split, hash: prevHash });
    let cancelled = false;
    walkAuditChain(db, walker, split, lastSeq, (walked) => {
      cancelled = Atomics.load(flags, CANCEL) !== 0;
      Atomics.store(flags, PROGRESS, walked);
      return !cancelled;
    });
    if (cancelled) return;
    const holds = walker.firstProblem === null && walker.lastSeq === lastSeq;
    answer({ id: request.id, kind: 'walked', holds, afterSeq: split, prevHash, lastSeq, head: walker.head ?? '' });
  } finally {
    db.close();
  }
}

parentPort?.on('message', (request: BesideRequest) => {
  const flags = new Int32Array(request.signal);
  const answer = (a: BesideAnswer) => {
    answers.postMessage(a);
    Atomics.add(flags, POSTED, 1);
    Atomics.notify(flags, POSTED);
  };
  try {
    walk(request, flags, answer);
  } catch {
    // The asking thread walks the stretch itself.
    answer({ id: request.id, kind: 'failed' });
  }
});
