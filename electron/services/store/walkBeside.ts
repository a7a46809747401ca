import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ReadDb } from './handles';

/**
 * The second core's share of a verify: a worker thread (auditVerifyWorker.ts) opens the
 * workspace read-only and walks the chain from its newest end while this thread compares the
 * tables with the log and then walks it from its oldest end. The events are cut into claims of
 * CLAIM_EVENTS, which the two threads take from either end until none is left, so neither
 * waits for the other whatever each one's speed (a fixed share was off by 20 to 40 ms one way
 * or the other as the machine's speed swung). The worker only says whether its stretch
 * holds; anything else (it does not hold, the worker failed, stalled or is not there, or its
 * snapshot may not be this thread's) sends this thread to walk the stretch itself, so every
 * verdict and sentence stays the single walk's.
 *
 * Sameness of the two snapshots, which a verify promises ("the events, the recorded head and
 * the tables are one snapshot"): this thread reads PRAGMA data_version before the worker
 * begins, the worker takes its snapshot, and only then does this thread begin its own read
 * transaction and read data_version again. data_version changes on this connection when any
 * other connection has committed since it last looked (in WAL mode a commit changes the WAL
 * index header, which a new read transaction compares; in rollback mode the file change
 * counter), and this thread writes nothing in between. Equal values therefore mean no commit
 * landed between the first read and this thread's snapshot, and the worker's snapshot, taken
 * in between, is the same state. Different values (a commit raced the start) only cost
 * the speed-up: this thread walks the whole log itself, having claimed nothing. The worker
 * also names the file it opened by device and inode, checked against the file this handle
 * opened, so a file renamed over the path is never read in its place.
 */

/**
 * Below this many events the walk stays on this thread: a hand-off costs a few milliseconds
 * (tens for the thread's start), about what a second thread saves on such a walk.
 */
export const MIN_EVENTS_BESIDE = 4_096;

/**
 * Events in a claim: small enough that the thread that finishes first waits at most one claim's
 * walk for the other (about 3 ms), large enough that a claim's statement calls cost nothing.
 */
export const CLAIM_EVENTS = 1_024;

/** How many claims the events after `afterSeq` through `lastSeq` make. */
export function claimsOf(afterSeq: number, lastSeq: number): number {
  return Math.max(0, Math.ceil((lastSeq - afterSeq) / CLAIM_EVENTS));
}

/** The events of claim `i`, counted from the newest (the oldest claim may be short): after `from` through `to`. */
export function claimBounds(afterSeq: number, lastSeq: number, i: number): { from: number; to: number } {
  return { from: Math.max(afterSeq, lastSeq - (i + 1) * CLAIM_EVENTS), to: lastSeq - i * CLAIM_EVENTS };
}

/**
 * Takes the next claim for one of the two threads: each claim is counted once in the shared
 * signal, so the claims either thread takes never overlap, and once all are taken the two
 * ends meet. True when one is left. The worker takes the newest claim before it says it holds
 * its snapshot, so that claim is always its own.
 */
export function takeClaim(flags: Int32Array, claims: number): boolean {
  return Atomics.add(flags, CLAIMED, 1) < claims;
}

/** The bundled worker, beside the bundle this module is in (dist/electron); absent when run from source. */
const BUNDLED_WORKER = path.join(__dirname, 'auditVerifyWorker.cjs');

/** How long the worker may go without a sign of progress before this thread walks alone. */
const STALL_MS = 5_000;

/** Slots of the shared signal: answers posted, rows walked (progress), cancel, claims taken by either thread. */
export const POSTED = 0;
export const PROGRESS = 1;
export const CANCEL = 2;
export const CLAIMED = 3;
const SIGNAL_SLOTS = 4;

export interface BesideRequest {
  id: number;
  file: string;
  nativeBinding?: string;
  /** The verify walks events after this seq. */
  afterSeq: number;
  signal: SharedArrayBuffer;
}

export type BesideAnswer =
  | { id: number; kind: 'snapshot'; file: string; lastSeq: number }
  | { id: number; kind: 'walked'; holds: boolean; afterSeq: number; prevHash: string; lastSeq: number; head: string }
  | { id: number; kind: 'failed' };

/**
 * Events the worker walked and found to hold: after `afterSeq` (whose hash must be `prevHash`)
 * through `lastSeq`, ending at `head`. None when `afterSeq` is `lastSeq` (this thread took every claim).
 */
export interface Stretch {
  afterSeq: number;
  prevHash: string;
  lastSeq: number;
  head: string;
}

export interface BesideOptions {
  /** The worker script; the bundled one beside this module when not given. */
  script?: string;
  /** Runs once the worker holds its snapshot, before this thread takes its own: a test's commit racing the verify. */
  afterSnapshot?: () => void;
}

export interface Beside {
  /**
   * Whether this thread's snapshot, whose data_version is given, is the worker's; when not, the
   * worker is stopped and this thread walks alone.
   */
  sameSnapshot(dataVersion: number): boolean;
  /** The last event of this thread's next claim, from the oldest end; null when the claims are all taken. */
  claim(): number | null;
  /** The worker's stretch if it holds; null: walk it here. Asked once this thread's claims are done. */
  stretch(): Stretch | null;
  cancel(): void;
}

/** What the walks beside came to in this process, for tests: the path taken, not only the verdict. */
export const besideCounts = { started: 0, held: 0, broken: 0, otherSnapshot: 0, failed: 0 };

interface Thread {
  script: string;
  worker: Worker;
  answers: MessagePort;
}

let thread: Thread | null = null;
let nextId = 1;
/** Scripts whose worker went silent: not tried again in this process, so a broken install costs one wait, not one per verify. */
const silent = new Set<string>();

/** Device and inode of a file, as the worker names the one it opened; null when it cannot be read. */
export function fileIdentity(file: string): string | null {
  try {
    const s = fs.statSync(file, { bigint: true });
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * The one worker of this process, started on first use and kept (unref'd, so it never holds
 * the process open) so a verify does not pay a thread start; started again if it ended.
 */
function threadFor(script: string): Thread | null {
  if (thread !== null && thread.script === script) return thread;
  stopWalkBeside();
  if (silent.has(script) || !fs.existsSync(script)) return null;
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(script, { workerData: { answers: port2 }, transferList: [port2] });
  worker.unref();
  const started: Thread = { script, worker, answers: port1 };
  const forget = () => {
    if (thread === started) thread = null;
  };
  // A failed worker is only forgotten: the verify waiting on it walks alone.
  worker.on('error', forget);
  worker.on('exit', forget);
  thread = started;
  return thread;
}

/**
 * A file smaller than this is not worth a worker started ahead: a new workspace is about
 * 1.5 MB, and an audit event with its images and hashes about 1 KB. Only the start's timing
 * hangs on it; a verify of a longer log than the size foretold starts the worker itself.
 */
const EARLY_FROM_BYTES = 4 * 1024 * 1024;

/**
 * Starts this process's worker now when `file` is large enough to hold a long log, for the
 * verify that follows its opening (the CLI's check, the app's first cycle.info). The worker's
 * start (a thread, its code compiled, SQLite's module loaded: 100 to 150 ms in a new process)
 * then overlaps the opening's integrity check instead of the verify waiting for it. A worker
 * that cannot start is left to the verify, which then walks alone.
 */
export function startWalkBesideEarly(file: string, script: string = BUNDLED_WORKER): void {
  try {
    if (fs.statSync(file).size >= EARLY_FROM_BYTES) threadFor(script);
  } catch {
    // No such file (the opening says so), or no worker: the verify walks alone.
  }
}

export function stopWalkBeside(): void {
  const ending = thread;
  thread = null;
  if (ending === null) return;
  ending.answers.close();
  void ending.worker.terminate();
}

/**
 * Waits for answer number `count` of request `id`; null when the worker stalls. Answers of
 * earlier, abandoned requests still in the port are dropped.
 */
function receive(t: Thread, flags: Int32Array, id: number, count: number): BesideAnswer | null {
  let progress = Atomics.load(flags, PROGRESS);
  let since = Date.now();
  for (;;) {
    const posted = Atomics.load(flags, POSTED);
    if (posted >= count) break;
    if (Atomics.wait(flags, POSTED, posted, 200) === 'timed-out') {
      const now = Atomics.load(flags, PROGRESS);
      if (now !== progress) {
        progress = now;
        since = Date.now();
      } else if (Date.now() - since > STALL_MS) {
        return null;
      }
    }
  }
  for (let m = receiveMessageOnPort(t.answers); m !== undefined; m = receiveMessageOnPort(t.answers)) {
    const answer = m.message as BesideAnswer;
    if (answer.id === id) return answer;
  }
  return null;
}

/**
 * Starts the worker's walk from the newest events, outside any transaction of `db`, and returns
 * once the worker holds its snapshot; null (walk alone) when the log after `afterSeq` is
 * short, the worker is not there or did not answer, or it opened another file.
 */
export function startWalkBeside(
  db: ReadDb,
  walk: { file: string; identity: string | null; nativeBinding?: string; afterSeq: number },
  options: BesideOptions = {},
): Beside | null {
  if (walk.identity === null) return null;
  // The first of the two data_version reads (see the top of this file).
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  const lastSeq = (db.prepare('SELECT max(seq) AS n FROM audit_events').get() as { n: number | null }).n ?? 0;
  if (lastSeq - walk.afterSeq < MIN_EVENTS_BESIDE) return null;
  let t: Thread | null;
  try {
    t = threadFor(options.script ?? BUNDLED_WORKER);
  } catch {
    return null;
  }
  if (t === null) return null;
  const worker = t;
  const signal = new SharedArrayBuffer(SIGNAL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const flags = new Int32Array(signal);
  const id = nextId++;
  const cancel = () => Atomics.store(flags, CANCEL, 1);
  const request: BesideRequest = { id, file: walk.file, nativeBinding: walk.nativeBinding, afterSeq: walk.afterSeq, signal };
  worker.worker.postMessage(request);
  besideCounts.started += 1;
  const snapshot = receive(worker, flags, id, 1);
  if (snapshot === null) {
    silent.add(worker.script);
    stopWalkBeside();
  }
  if (snapshot?.kind !== 'snapshot' || snapshot.file !== walk.identity) {
    cancel();
    besideCounts.failed += 1;
    return null;
  }
  options.afterSnapshot?.();
  const claims = claimsOf(walk.afterSeq, snapshot.lastSeq);
  let taken = 0;
  return {
    cancel,
    sameSnapshot(now) {
      if (now === dataVersion) return true;
      cancel();
      besideCounts.otherSnapshot += 1;
      return false;
    },
    claim() {
      if (!takeClaim(flags, claims)) return null;
      taken += 1;
      return claimBounds(walk.afterSeq, snapshot.lastSeq, claims - taken).to;
    },
    stretch() {
      const walked = receive(worker, flags, id, 2);
      cancel();
      if (walked?.kind !== 'walked') {
        besideCounts.failed += 1;
        return null;
      }
      if (!walked.holds) {
        besideCounts.broken += 1;
        return null;
      }
      besideCounts.held += 1;
      return { afterSeq: walked.afterSeq, prevHash: walked.prevHash, lastSeq: walked.lastSeq, head: walked.head };
    },
  };
}
