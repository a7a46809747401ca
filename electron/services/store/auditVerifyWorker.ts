import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { ChainWalker } from './auditChain';
import { withStretchWalk } from './auditLogTable';
import { CANCEL, claimBounds, claimsOf, fileIdentity, POSTED, PROGRESS, takeClaim, type BesideAnswer, type BesideRequest } from './walkBeside';

/**
 * Worker thread: walks a workspace's audit chain from its newest end, a claim at a time, for
 * a verify on the thread that asked (walkBeside.ts), in a read transaction of its own
 * connection, and says only whether the stretch it walked holds. Answers go to the port given
 * at start and are signalled through the request's shared memory, because the asking thread
 * waits for them without returning to its event loop (a verify is synchronous).
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
    const claims = claimsOf(request.afterSeq, lastSeq);
    // The newest claim is this thread's before the asking thread can take any.
    let claimed = takeClaim(flags, claims);
    answer({ id: request.id, kind: 'snapshot', file: before !== null && before === after ? before : 'moved', lastSeq });
    const prevHashOf = db.prepare('SELECT prev_hash FROM audit_events WHERE seq = ?').pluck();
    // The stretch walked so far: after `low` (whose hash is `lowPrev`) through lastSeq, ending at `head`.
    let low = lastSeq;
    let lowPrev = '';
    let head = '';
    let holds = true;
    let walked = 0;
    let cancelled = false;
    withStretchWalk(db, (walkStretch) => {
      for (let taken = 0; !cancelled && claimed; taken += 1, claimed = takeClaim(flags, claims)) {
        const { from, to } = claimBounds(request.afterSeq, lastSeq, taken);
        const prevHash = prevHashOf.get(from + 1) as unknown;
        if (typeof prevHash !== 'string') {
          holds = false;
          return;
        }
        const walker = new ChainWalker({ seq: from, hash: prevHash });
        walkStretch(walker, from, to, (n) => {
          cancelled = Atomics.load(flags, CANCEL) !== 0;
          Atomics.store(flags, PROGRESS, walked + n);
          return !cancelled;
        });
        walked += to - from;
        // The claim holds, ends where the one after it (walked before it) begins, and is whole.
        if (cancelled || walker.firstProblem !== null || walker.lastSeq !== to || (taken > 0 && walker.head !== lowPrev)) {
          holds = false;
          return;
        }
        if (taken === 0) head = walker.head ?? '';
        low = from;
        lowPrev = prevHash;
      }
    });
    if (cancelled) return;
    answer({ id: request.id, kind: 'walked', holds, afterSeq: low, prevHash: lowPrev, lastSeq, head });
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
