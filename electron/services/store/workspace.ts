import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { UserError } from '../../../shared/contract/errors';
import type { AuditReport, ChangeEvent, Score } from '../../../shared/contract/calls';
import { DEFAULT_DIMENSIONS, DEFAULT_THRESHOLDS, type Taxonomy } from '../../../shared/domain/taxonomy';
import { ChainWalker, canonicalJson, GENESIS_HASH, storedChainHash, type Json } from './auditChain';
import { walkAuditChain, withStretchWalk } from './auditLogTable';
import { fileIdentity, startWalkBeside, type Beside, type BesideOptions } from './walkBeside';
import { cycleImage, insertCycle, type CycleRow } from './cycleTable';
import { evidenceProblem } from './evidenceState';
import { recordProblem } from './recordState';
import { scoreFromImage } from './scoreTable';
import { migrations, SCHEMA_VERSION } from './migrations';
import { insertTaxonomy, taxonomyImage } from './taxonomyTable';
import { APPLICATION_ID, inspectWorkspaceFile } from './workspaceFile';
import { WriterLock } from './writerLock';
import { systemClock, type Clock } from '../clock';
import type { ReadDb, WriteDb } from './handles';
import { openOwnerOnly } from '../ownerOnly';

/**
 * Who the audit log names, read from the workspace itself at each write: the person chosen
 * on this machine is named as the roster of this cycle has them (a rename follows).
 */
export type ActorOf = (db: ReadDb) => string;

export interface WorkspaceOptions {
  /** Who the audit log names for changes made through this handle: fixed, or read at each write. */
  actor?: string | ActorOf;
  /** Path of a better-sqlite3 addon built for another ABI (the Electron main process). */
  nativeBinding?: string;
  /** Names the holder in "open elsewhere" messages. */
  app?: string;
  /** The time every audit event of this handle is stamped with (the services' one clock; tests stop it). */
  clock?: Clock;
  /** Open without the writer lock; every write is then refused. */
  readonly?: boolean;
}

export interface AuditEntry {
  action: string;
  entity: ChangeEvent['entity'];
  entityId: string;
  before: Json;
  after: Json;
}

/** The only handle that may write: every change made through it is audited. */
export interface WriteTx {
  readonly db: WriteDb;
  readonly now: string;
  readonly actor: string;
  audit(entry: AuditEntry): void;
}

type ChangeListener = (event: ChangeEvent) => void;

/** One audited write of a commit, as the change event reports it. */
interface ChangeEntry {
  entity: ChangeEvent['entity'];
  id: string;
  seq: number;
  score: Score | undefined;
}

/** The operating-system account: named when nobody from the roster is chosen. */
export function defaultActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** What `fn` returns or throws, to be looked at later. */
function attempt<T>(fn: () => T): { problem: T } | { error: unknown } {
  try {
    return { problem: fn() };
  } catch (error) {
    return { error };
  }
}

function migrate(db: Database.Database, from: number): void {
  for (const m of migrations.slice(from)) db.exec(m.sql);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

/**
 * The page size of a new workspace file. An audit event with its two model images is about
 * 900 bytes, so SQLite's default 4 KiB pages hold four; a walk over the log read 12,600
 * pages for the bench's 50,000 events, each a read of its own. With 16 KiB pages the same
 * walk reads a quarter as many: a full verify took 98–100 ms against 115–122 ms (the same
 * log copied at each size), and a plain scan of the log's rows 15 against 35–40 ms. A commit
 * writes whole pages to the write-ahead log, so a small save writes more bytes (a score
 * save touches a handful of pages); 64 KiB pages were no faster for the verify. Files made
 * before keep their 4 KiB pages: the size can change only by rewriting the whole file.
 */
const PAGE_SIZE = 16_384;

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // WAL + NORMAL is durable across application crashes; a power loss may drop the last
  // commit but never corrupts the file.
  db.pragma('synchronous = NORMAL');
}

export interface CreateOptions extends WorkspaceOptions {
  name: string;
  periodStart?: string | null;
  periodEnd?: string | null;
  /**
   * A cycle started from another (issue 11), built in the same transaction as the new
   * file so a failure leaves no half-carried workspace: `link` records the predecessor
   * (the cycle's first audit event), the taxonomy replaces the default one, and `carry`
   * brings the records over once the cycle exists.
   */
  successor?: {
    link(tx: WriteTx): void;
    taxonomy: Omit<Taxonomy, 'version' | 'createdAt'>;
    carry(tx: WriteTx): void;
  };
}

export class Workspace {
  private readonly listeners = new Set<ChangeListener>();
  private closed = false;
  private verifiedThrough: { seq: number; hash: string; dataVersion: number } | null = null;
  /** The file this handle opened, as a verify's worker must find it at the path (walkBeside.ts). */
  private readonly fileIdentity: string | null;

  private constructor(
    readonly path: string,
    private readonly db: Database.Database,
    private readonly lock: WriterLock | null,
    private readonly actorOf: string | ActorOf,
    /** The services' one clock, given where the workspace is opened: its writes are stamped by it and the services' "today" is its day. */
    readonly clock: Clock,
    /** The better-sqlite3 addon this handle was opened with (another ABI's in Electron), for the threads that read the file beside it. */
    readonly nativeBinding?: string,
  ) {
    this.fileIdentity = fileIdentity(path);
  }

  /** Who a write made now through this handle is recorded as. */
  get actor(): string {
    return typeof this.actorOf === 'string' ? this.actorOf : this.actorOf(this.db);
  }

  /**
   * Builds the new workspace in a temporary file beside the target and renames it into
   * place, so a crash never leaves a half-made workspace under the chosen name.
   */
  static create(filePath: string, options: CreateOptions): Workspace {
    const target = path.resolve(filePath);
    if (fs.existsSync(target)) {
      throw new UserError('already_exists', `${target} already exists. Open it, or choose another file name.`, 'path');
    }
    const dir = path.dirname(target);
    if (!fs.existsSync(dir)) {
      throw new UserError('not_found', `The folder ${dir} does not exist. Create it first or choose another place.`, 'path');
    }
    const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.creating`);
    const actor = options.actor ?? defaultActor();
    try {
      // Made owner-only before SQLite opens it; its journal, WAL and shared-memory files
      // take the database file's mode, and the rename keeps it.
      fs.closeSync(openOwnerOnly(temp, true));
      const db = new Database(temp, { nativeBinding: options.nativeBinding });
      try {
        db.pragma('journal_mode = DELETE');
        // Before the first table: the page size is fixed once the file has one.
        db.pragma(`page_size = ${PAGE_SIZE}`);
        db.transaction(() => {
          db.pragma(`application_id = ${APPLICATION_ID}`);
          migrate(db, 0);
        })();
        const ws = new Workspace(target, db, null, actor, options.clock ?? systemClock);
        ws.seed(options);
      } finally {
        db.close();
      }
      fs.renameSync(temp, target);
    } catch (err) {
      fs.rmSync(temp, { force: true });
      if ((err as NodeJS.ErrnoException).code === 'EACCES' || (err as { code?: string }).code === 'SQLITE_CANTOPEN') {
        throw new UserError('invalid_argument', `Cannot write in ${dir}: permission denied. Choose a folder you can write to.`, 'path');
      }
      throw err;
    }
    return Workspace.open(target, options);
  }

  static open(filePath: string, options: WorkspaceOptions = {}): Workspace {
    const target = path.resolve(filePath);
    const version = inspectWorkspaceFile(target, options.nativeBinding);
    const actor = options.actor ?? defaultActor();
    if (options.readonly) {
      const db = new Database(target, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
      return new Workspace(target, db, null, actor, options.clock ?? systemClock, options.nativeBinding);
    }
    const lock = WriterLock.acquire(target, { nativeBinding: options.nativeBinding, app: options.app ?? 'Model Review Board', clock: options.clock ?? systemClock });
    try {
      const db = new Database(target, { fileMustExist: true, nativeBinding: options.nativeBinding });
      configure(db);
      const ws = new Workspace(target, db, lock, actor, options.clock ?? systemClock, options.nativeBinding);
      if (version < SCHEMA_VERSION) ws.upgrade(version);
      return ws;
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  private seed(options: CreateOptions): void {
    this.transaction((tx) => {
      options.successor?.link(tx);
      const cycle: CycleRow = {
        id: randomUUID(),
        name: options.name,
        period_start: options.periodStart ?? null,
        period_end: options.periodEnd ?? null,
        created_at: tx.now,
        created_by: tx.actor,
      };
      insertCycle(tx.db, cycle);
      tx.audit({ action: 'cycle.create', entity: 'cycle', entityId: cycle.id, before: null, after: cycleImage(cycle) });
      const taxonomy: Taxonomy = options.successor
        ? { ...options.successor.taxonomy, version: 1, createdAt: tx.now }
        : {
            version: 1,
            createdAt: tx.now,
            thresholds: { ...DEFAULT_THRESHOLDS },
            dimensions: DEFAULT_DIMENSIONS.map((d) => ({ ...d, rules: d.rules.map((r) => ({ ...r })) })),
          };
      insertTaxonomy(tx.db, taxonomy);
      tx.audit({ action: 'taxonomy.create', entity: 'taxonomy', entityId: '1', before: null, after: taxonomyImage(taxonomy) });
      options.successor?.carry(tx);
    });
  }

  private upgrade(from: number): void {
    this.transaction((tx) => {
      migrate(tx.db, from);
      tx.audit({
        action: 'workspace.migrate',
        entity: 'workspace',
        entityId: 'schema',
        before: { schema_version: from },
        after: { schema_version: SCHEMA_VERSION },
      });
    });
  }

  /** Read access for the store's query modules: statements that cannot run a write. */
  get reader(): ReadDb {
    this.assertOpen();
    return this.db;
  }

  /** The schema version of the file: lower than this build's only for an older workspace opened read-only. */
  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  get writable(): boolean {
    return !this.db.readonly;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The one path for writes: runs `fn` in a transaction, appends its audit events to the
   * hash chain in the same transaction, and tells listeners after the commit.
   */
  transaction<T>(fn: (tx: WriteTx) => T): T {
    this.assertOpen();
    if (this.db.readonly) throw new UserError('invalid_argument', `${this.path} is open read-only here; changes are not possible.`);
    const now = this.clock.now().toISOString();
    const entries: ChangeEntry[] = [];
    const db = this.db;
    const anchor = db.prepare('SELECT seq, hash FROM audit_anchor WHERE id = 1');
    const insert = db.prepare(
      'INSERT INTO audit_events (seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const setAnchor = db.prepare('INSERT INTO audit_anchor (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash');
    // Read once, before the write: every event of one transaction names the same person.
    const actor = this.actor;
    const tx: WriteTx = {
      // The one place the write brand is put on: inside the transaction that audits it.
      db: db as WriteDb,
      now,
      actor,
      audit: (e) => {
        const head = anchor.get() as { seq: number; hash: string } | undefined;
        const seq = (head?.seq ?? 0) + 1;
        const prev = head?.hash ?? GENESIS_HASH;
        // Each image is canonicalised once: the text stored is the text hashed.
        const before = e.before === null ? null : canonicalJson(e.before);
        const after = e.after === null ? null : canonicalJson(e.after);
        const hash = storedChainHash(prev, [seq, now, actor, e.action, e.entity, e.entityId, before, after]);
        insert.run(seq, now, actor, e.action, e.entity, e.entityId, before, after, prev, hash);
        setAnchor.run(seq, hash);
        entries.push({ entity: e.entity, id: e.entityId, seq, score: e.entity === 'score' && e.after !== null ? scoreFromImage(e.after) : undefined });
      },
    };
    const result = db.transaction(() => {
      const value = fn(tx);
      if (entries.length === 0) throw new Error('a write transaction must record at least one audit event');
      return value;
    }).immediate();
    this.emit(entries);
    return result;
  }

  private emit(entries: ChangeEntry[]): void {
    const byEntity = new Map<ChangeEvent['entity'], { ids: Set<string>; seq: number; scores: Score[] }>();
    for (const e of entries) {
      const group = byEntity.get(e.entity) ?? { ids: new Set<string>(), seq: e.seq, scores: [] };
      group.ids.add(e.id);
      group.seq = Math.max(group.seq, e.seq);
      if (e.score) group.scores.push(e.score);
      byEntity.set(e.entity, group);
    }
    for (const [entity, g] of byEntity) {
      const event: ChangeEvent = g.scores.length > 0 ? { entity, ids: [...g.ids], seq: g.seq, scores: g.scores } : { entity, ids: [...g.ids], seq: g.seq };
      for (const l of this.listeners) l(event);
    }
  }

  /**
   * Re-checks the chain, its recorded head, and that every audited table still holds
   * exactly what its last event says: rows edited, deleted or inserted behind the app
   * (e.g. with the sqlite3 shell) are named. `full` walks every event; `latest` walks only
   * the events after the last successful walk of this handle (the first call is full), so
   * the status shown after every change stays cheap on a long log. `latest` also skips
   * comparing the tables with the log when no other connection has committed since the
   * last check (SQLite's data_version says so): a change behind the app needs another
   * connection, and this handle's own writes each record their event in the same commit.
   */
  verifyAudit(mode: 'full' | 'latest' = 'full', options: { rehashFiles?: boolean; beside?: BesideOptions } = {}): AuditReport {
    this.assertOpen();
    const rehashFiles = options.rehashFiles === true;
    const from = mode === 'latest' ? this.verifiedThrough : null;
    // A long walk takes the second core from the newest events (walkBeside.ts); it begins
    // before this thread's read transaction, which is how the two snapshots are shown equal.
    const beside = this.db.inTransaction
      ? null
      : startWalkBeside(this.db, { file: this.path, identity: this.fileIdentity, nativeBinding: this.nativeBinding, afterSeq: from?.seq ?? 0 }, options.beside);
    try {
      // One read transaction: the events, the recorded head and the tables are one snapshot,
      // so a writer committing meanwhile is never mistaken for deleted or inserted events.
      return this.db.transaction(() => this.verifySnapshot(from, rehashFiles, beside))();
    } finally {
      beside?.cancel();
    }
  }

  /**
   * `rehashFiles` also re-hashes every stored bundle file (reads all their bytes); without
   * it a stored file is checked for presence and size only.
   */
  private verifySnapshot(from: Workspace['verifiedThrough'], rehashFiles: boolean, beside: Beside | null): AuditReport {
    // The first read of the transaction: it takes the snapshot.
    const dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    const walker = new ChainWalker(from);
    const onlyOwnWrites = from !== null && from.dataVersion === dataVersion;
    const checkState = !(onlyOwnWrites && !rehashFiles);
    let state: { problem: AuditReport['problem'] } | { error: unknown } | null = null;
    let rest = from?.seq ?? 0;
    if (beside !== null && beside.sameSnapshot(dataVersion)) {
      // Compared while the worker walks from the newest end; kept for when the whole chain
      // holds (its problem comes first, as it did).
      if (checkState) state = attempt(() => this.stateProblem(rehashFiles));
      withStretchWalk(this.db, (walkStretch) => {
        // Claims from the oldest end until they are all taken (the worker's meet this thread's).
        while (walker.firstProblem === null) {
          const to = beside.claim();
          if (to === null) break;
          walkStretch(walker, rest, to);
          rest = to;
        }
        const stretch = walker.firstProblem === null ? beside.stretch() : null;
        if (stretch !== null && walker.join(stretch)) rest = stretch.lastSeq;
        // What the worker did not vouch for: the single walk from where this thread stands.
        if (walker.firstProblem === null) walkStretch(walker, rest, Number.MAX_SAFE_INTEGER);
      });
    } else {
      // The whole log on this thread.
      walkAuditChain(this.db, walker, rest, Number.MAX_SAFE_INTEGER);
    }
    // The walk stops at the first problem, so the total is counted apart.
    const total = (this.db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
    walker.checkAnchor(this.db.prepare('SELECT seq, hash FROM audit_anchor WHERE id = 1').get() as { seq: number; hash: string } | undefined);
    if (state !== null && 'error' in state && walker.firstProblem === null) throw state.error;
    const problem = walker.firstProblem ?? (!checkState ? null : state !== null && 'problem' in state ? state.problem : this.stateProblem(rehashFiles));
    if (problem === null && walker.head !== null) this.verifiedThrough = { seq: walker.lastSeq, hash: walker.head, dataVersion };
    if (problem !== null) this.verifiedThrough = null;
    return { ok: problem === null, events: total, head: walker.head, problem };
  }

  /** The first record that differs from its last logged image (recordState.ts), then the evidence. */
  private stateProblem(rehashFiles: boolean): AuditReport['problem'] {
    return recordProblem(this.db, this.schemaVersion < SCHEMA_VERSION) ?? evidenceProblem(this.db, rehashFiles);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    if (!this.db.readonly) {
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // A reader elsewhere may hold the WAL; it is checkpointed by the next writer.
      }
    }
    this.db.close();
    this.lock?.release();
  }

  private assertOpen(): void {
    if (this.closed) throw new UserError('no_cycle_open', 'This workspace has been closed. Open it again to continue.');
  }
}
