import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storedChainHash } from '../../../electron/services/store/auditChain';
import { modelImage, upsertModel } from '../../../electron/services/store/modelTable';
import { besideCounts, CLAIM_EVENTS, claimBounds, claimsOf, MIN_EVENTS_BESIDE, stopWalkBeside, type BesideOptions } from '../../../electron/services/store/walkBeside';
import { Workspace } from '../../../electron/services/store/workspace';
import type { Model } from '../../../shared/domain/model';
import { runMrb } from '../../helpers/runMrb';
import { tempDir } from '../../helpers/tempDir';
import { modelFixture, newWorkspace } from '../../helpers/workspaces';

/*
 * A long log's verify walks it on a worker thread (the bundled one, built by `npm run build`)
 * from the newest end, a claim at a time, while this thread compares the tables and then takes
 * claims from the oldest end. The newest claim is always the worker's; where the two meet
 * depends on their speeds. Every report must be the one the single walk gives: a worker that
 * vouched for a broken stretch, or read another snapshot than this thread's, would turn these
 * reports into "ok".
 */

const WORKER = path.resolve(__dirname, '../../../dist/electron/auditVerifyWorker.cjs');
const ON_WORKER: BesideOptions = { script: WORKER };
const EVENTS = MIN_EVENTS_BESIDE + 2_000;

let pristine = '';
beforeAll(() => {
  // One long log, copied for each test (its folder outlives each test's): 2 seed events, 300 models created, then updates.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-long-log-')), 'cycle.mrb');
  const ws = Workspace.create(file, { name: 'Q3 2026 review', actor: 'analyst@test' });
  const models: Model[] = Array.from({ length: 300 }, (_, i) => modelFixture(`model-${String(i).padStart(3, '0')}`));
  ws.transaction((tx) => {
    for (const m of models) {
      upsertModel(tx.db, m);
      tx.audit({ action: 'model.create', entity: 'model', entityId: m.id, before: null, after: modelImage(m) });
    }
  });
  let events = 2 + models.length;
  while (events < EVENTS) {
    ws.transaction((tx) => {
      for (let k = 0; k < 1_000 && events < EVENTS; k += 1, events += 1) {
        const i = (events * 31) % models.length;
        const before = models[i] as Model;
        const after = { ...before, owner: `owner-${events}@example.com`, updatedAt: tx.now };
        upsertModel(tx.db, after);
        models[i] = after;
        tx.audit({ action: 'model.update', entity: 'model', entityId: after.id, before: modelImage(before), after: modelImage(after) });
      }
    });
  }
  ws.close();
  pristine = file;
}, 60_000);

afterAll(() => {
  stopWalkBeside();
  fs.rmSync(path.dirname(pristine), { recursive: true, force: true });
});

const handles: { close(): void }[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
});

function copy(): string {
  const file = path.join(tempDir(), 'cycle.mrb');
  fs.copyFileSync(pristine, file);
  return file;
}

/** A connection of someone editing the file behind the app. */
function behind(file: string): Database.Database {
  const db = new Database(file);
  handles.push(db);
  return db;
}

function opened(file: string): Workspace {
  const ws = Workspace.open(file, { readonly: true });
  handles.push(ws);
  return ws;
}

/** The report of the walk on this thread alone (no worker there), on a handle of its own. */
function alone(file: string): ReturnType<Workspace['verifyAudit']> {
  return opened(file).verifyAudit('full', { beside: { script: path.join(tempDir(), 'absent.cjs') } });
}

/** The verify on the worker, and what the walk beside came to. */
function beside(file: string, options: BesideOptions = ON_WORKER): { report: ReturnType<Workspace['verifyAudit']>; counts: typeof besideCounts } {
  const before = { ...besideCounts };
  const report = opened(file).verifyAudit('full', { beside: options });
  const counts = Object.fromEntries(Object.entries(besideCounts).map(([k, v]) => [k, v - before[k as keyof typeof besideCounts]])) as typeof besideCounts;
  return { report, counts };
}

/** The first event of the newest claim, always the worker's: the events after it are walked there. */
const WORKERS = EVENTS - CLAIM_EVENTS + 1;

describe('the claims of a walk on two threads', () => {
  it('cut the events into whole claims from the newest end, with no gap and no overlap, however the two threads take them', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(20 * CLAIM_EVENTS), fc.nat(), (afterSeq, length, workerTakes) => {
        const lastSeq = afterSeq + length;
        const claims = claimsOf(afterSeq, lastSeq);
        // The worker takes the newest claims, this thread the oldest, as many as are left.
        const byWorker = claims === 0 ? 0 : 1 + (workerTakes % claims);
        const mine = Array.from({ length: claims - byWorker }, (_, k) => claimBounds(afterSeq, lastSeq, claims - 1 - k));
        const theirs = Array.from({ length: byWorker }, (_, i) => claimBounds(afterSeq, lastSeq, i)).reverse();
        let at = afterSeq;
        for (const { from, to } of [...mine, ...theirs]) {
          expect(from).toBe(at);
          expect(to).toBeGreaterThan(from);
          expect(to - from).toBeLessThanOrEqual(CLAIM_EVENTS);
          at = to;
        }
        expect(at).toBe(lastSeq);
        if (claims > 1) expect(claimBounds(afterSeq, lastSeq, 0).from).toBe(lastSeq - CLAIM_EVENTS);
      }),
    );
  });
});

describe('audit verify with the newer events walked on a worker thread', () => {
  it('takes the worker for a long log that holds, with the report of the single walk', () => {
    expect(fs.existsSync(WORKER)).toBe(true);
    const file = copy();
    const { report, counts } = beside(file);
    expect(counts).toMatchObject({ started: 1, held: 1, broken: 0, otherSnapshot: 0, failed: 0 });
    expect(report).toEqual({ ok: true, events: EVENTS, head: expect.stringMatching(/^[0-9a-f]{64}$/), problem: null });
    expect(report).toEqual(alone(file));
    // The worker is kept for the next verify, which holds as well.
    expect(beside(file).counts).toMatchObject({ started: 1, held: 1 });
  });

  it('gives the connection its page cache back after a long walk, whether the chain holds or not', () => {
    // The walk shrinks SQLite's cache while it streams the log; left shrunk, every later read
    // of the app would go to the disk.
    const file = copy();
    const ws = opened(file);
    const usual = ws.reader.pragma('cache_size', { simple: true });
    expect(usual).not.toBe(-256);
    expect(ws.verifyAudit('full', { beside: { script: path.join(tempDir(), 'absent.cjs') } }).ok).toBe(true);
    expect(ws.reader.pragma('cache_size', { simple: true })).toBe(usual);

    const edited = copy();
    behind(edited).prepare("UPDATE audit_events SET actor = 'mallory@test' WHERE seq = 50").run();
    const broken = opened(edited);
    expect(broken.verifyAudit('full', { beside: ON_WORKER }).problem?.seq).toBe(50);
    expect(broken.reader.pragma('cache_size', { simple: true })).toBe(usual);
  });

  it('leaves a short log to this thread', () => {
    const { ws, file } = newWorkspace();
    ws.close();
    const { report, counts } = beside(file);
    expect(counts.started).toBe(0);
    expect(report).toMatchObject({ ok: true, events: 2 });
  });

  it('names an event edited in the worker\'s part as the single walk does', () => {
    const file = copy();
    const edited = EVENTS - 700;
    expect(edited).toBeGreaterThan(WORKERS);
    behind(file).prepare("UPDATE audit_events SET actor = 'mallory@test' WHERE seq = ?").run(edited);
    const { report, counts } = beside(file);
    expect(counts).toMatchObject({ started: 1, held: 0, broken: 1 });
    expect(report).toMatchObject({ ok: false, problem: { seq: edited } });
    expect(report.problem?.reason).toMatch(new RegExp(`^event #${edited} \\(model.update model model-\\d+, .*\\) was edited: its content no longer matches its hash\\.$`));
    expect(report).toEqual(alone(file));
  });

  it('names an event deleted on either side of a seam between claims as the single walk does', () => {
    // The seam below the worker's newest claim, and one further down, where either thread may stand.
    const seams = [WORKERS - 1, claimBounds(0, EVENTS, 3).to];
    expect(seams[1]).toBeLessThan(EVENTS - 2 * CLAIM_EVENTS);
    for (const deleted of seams.flatMap((seam) => [seam, seam + 1])) {
      const file = copy();
      behind(file).prepare('DELETE FROM audit_events WHERE seq = ?').run(deleted);
      const { report } = beside(file);
      expect(report).toMatchObject({ ok: false, problem: { seq: deleted, reason: `event #${deleted} is missing: it was deleted (the log jumps to #${deleted + 1}).` } });
      expect(report).toEqual(alone(file));
    }
  });

  it('names two events swapped, and an event slipped in with a hash that follows, in the worker\'s part', () => {
    const swapped = copy();
    const k = WORKERS + 300;
    const db = behind(swapped);
    db.transaction(() => {
      db.prepare('UPDATE audit_events SET seq = -1 WHERE seq = ?').run(k);
      db.prepare('UPDATE audit_events SET seq = ? WHERE seq = ?').run(k, k + 1);
      db.prepare('UPDATE audit_events SET seq = ? WHERE seq = -1').run(k + 1);
    })();
    const one = beside(swapped);
    expect(one.counts).toMatchObject({ held: 0, broken: 1 });
    expect(one.report).toMatchObject({ ok: false, problem: { seq: k } });
    expect(one.report).toEqual(alone(swapped));

    // Everything after k moved up one, and a forged event hashed onto event k in its place.
    const inserted = copy();
    const forger = behind(inserted);
    forger.transaction(() => {
      forger.prepare('UPDATE audit_events SET seq = -seq WHERE seq > ?').run(k);
      forger.prepare('UPDATE audit_events SET seq = 1 - seq WHERE seq < 0').run();
      const prev = (forger.prepare('SELECT hash FROM audit_events WHERE seq = ?').get(k) as { hash: string }).hash;
      const fields = [k + 1, '2026-07-02T00:00:00.000Z', 'mallory@test', 'model.delete', 'model', 'model-007', null, null] as const;
      forger
        .prepare('INSERT INTO audit_events (seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(...fields, prev, storedChainHash(prev, [...fields]));
    })();
    const two = beside(inserted);
    expect(two.counts).toMatchObject({ held: 0, broken: 1 });
    expect(two.report).toMatchObject({ ok: false, problem: { seq: k + 2 } });
    expect(two.report.problem?.reason).toMatch(/ does not follow event #\d+: its prev_hash is not that event's hash/);
    expect(two.report).toEqual(alone(inserted));
  });

  it('names a record edited behind the app while the chain holds on both threads', () => {
    const file = copy();
    behind(file).prepare("UPDATE models SET owner = 'mallory@test' WHERE id = 'model-123'").run();
    const { report, counts } = beside(file);
    expect(counts).toMatchObject({ held: 1, broken: 0 });
    expect(report).toMatchObject({ ok: false, problem: { reason: expect.stringMatching(/^The model model-123 was edited behind the app: it no longer matches event #\d+\.$/) } });
    expect(report).toEqual(alone(file));
  });

  it('never vouches with the worker\'s snapshot when a commit lands before this thread takes its own', () => {
    // An edit behind the app lands after the worker's snapshot (which still holds the event as
    // written) and before this thread's: the report must be about the file as it now is.
    const file = copy();
    const edited = EVENTS - 10;
    const attacker = behind(file);
    const raced = beside(file, { ...ON_WORKER, afterSnapshot: () => attacker.prepare("UPDATE audit_events SET action = 'model.delete' WHERE seq = ?").run(edited) });
    expect(raced.counts).toMatchObject({ started: 1, otherSnapshot: 1, held: 0 });
    expect(raced.report).toMatchObject({ ok: false, problem: { seq: edited } });
    expect(raced.report).toEqual(alone(file));

    // The app's own write racing the verify is no problem: the report counts it.
    const clean = copy();
    const writer = Workspace.open(clean);
    handles.push(writer);
    const model = modelFixture('model-new');
    const legit = beside(clean, {
      ...ON_WORKER,
      afterSnapshot: () =>
        writer.transaction((tx) => {
          upsertModel(tx.db, model);
          tx.audit({ action: 'model.create', entity: 'model', entityId: model.id, before: null, after: modelImage(model) });
        }),
    });
    expect(legit.counts).toMatchObject({ otherSnapshot: 1 });
    expect(legit.report).toMatchObject({ ok: true, events: EVENTS + 1, problem: null });
  });

  it('walks alone, with the same report, where the worker file is not there', () => {
    const file = copy();
    behind(file).prepare("UPDATE audit_events SET at = '2027-01-01T00:00:00.000Z' WHERE seq = ?").run(EVENTS - 1);
    const { report, counts } = beside(file, { script: path.join(tempDir(), 'absent.cjs') });
    expect(counts.started).toBe(0);
    expect(report).toMatchObject({ ok: false, problem: { seq: EVENTS - 1 } });
  });

  it('walks a long stretch of new events on the worker in the check after each change, from where the last check ended', () => {
    const file = copy();
    const writer = Workspace.open(file);
    handles.push(writer);
    expect(writer.verifyAudit('full', { beside: ON_WORKER })).toMatchObject({ ok: true, events: EVENTS });
    const added = MIN_EVENTS_BESIDE + 500;
    writer.transaction((tx) => {
      for (let i = 0; i < added; i += 1) {
        const m = modelFixture(`added-${i}`);
        upsertModel(tx.db, m);
        tx.audit({ action: 'model.create', entity: 'model', entityId: m.id, before: null, after: modelImage(m) });
      }
    });
    const before = { ...besideCounts };
    expect(writer.verifyAudit('latest', { beside: ON_WORKER })).toMatchObject({ ok: true, events: EVENTS + added, problem: null });
    expect(besideCounts.held - before.held).toBe(1);

    // An event among those added since that check, edited behind the app: the next check names it.
    const edited = EVENTS + 2 * added - 100;
    writer.transaction((tx) => {
      for (let i = 0; i < added; i += 1) {
        const m = modelFixture(`more-${i}`);
        upsertModel(tx.db, m);
        tx.audit({ action: 'model.create', entity: 'model', entityId: m.id, before: null, after: modelImage(m) });
      }
    });
    behind(file).prepare("UPDATE audit_events SET actor = 'mallory@test' WHERE seq = ?").run(edited);
    const beforeEdit = { ...besideCounts };
    const report = writer.verifyAudit('latest', { beside: ON_WORKER });
    expect(besideCounts.broken - beforeEdit.broken).toBe(1);
    expect(report).toMatchObject({ ok: false, problem: { seq: edited } });
    expect(report).toEqual(alone(file));
  });

  it('walks alone when the worker never answers, and does not try that worker again', () => {
    const silent = path.join(tempDir(), 'silent.cjs');
    // A worker that starts and keeps running without reading its requests.
    fs.writeFileSync(silent, 'setInterval(() => {}, 1_000);');
    const file = copy();
    behind(file).prepare("UPDATE audit_events SET actor = 'mallory@test' WHERE seq = ?").run(EVENTS - 2);
    const first = beside(file, { script: silent });
    expect(first.counts).toMatchObject({ started: 1, failed: 1 });
    expect(first.report).toMatchObject({ ok: false, problem: { seq: EVENTS - 2 } });
    expect(first.report).toEqual(alone(file));
    const second = beside(file, { script: silent });
    expect(second.counts.started).toBe(0);
    expect(second.report).toEqual(first.report);
  });

  it('is the path `mrb audit verify` takes, with the worker found beside the CLI\'s bundle', () => {
    // A probe loaded before the CLI notes every worker thread it starts.
    const dir = tempDir();
    const started = path.join(dir, 'workers.txt');
    const probe = path.join(dir, 'probe.cjs');
    fs.writeFileSync(
      probe,
      `const wt = require('node:worker_threads');
const fs = require('node:fs');
const Worker = wt.Worker;
wt.Worker = class extends Worker { constructor(file, options) { super(file, options); fs.appendFileSync(${JSON.stringify(started)}, String(file) + '\\n'); } };
require('node:module').syncBuiltinESMExports();`,
    );
    const env = { NODE_OPTIONS: `--require ${probe}` };
    const file = copy();
    const holds = runMrb(['audit', 'verify', file, '--json'], { env });
    expect(holds.code).toBe(0);
    expect(JSON.parse(holds.stdout)).toMatchObject({ ok: true, events: EVENTS, problem: null });
    expect(fs.readFileSync(started, 'utf8').trim().split('\n').map((f) => path.basename(f))).toEqual(['auditVerifyWorker.cjs']);

    // A new workspace's log is short: no worker is started for its check, ahead or otherwise.
    const { ws: small, file: smallFile } = newWorkspace();
    small.close();
    fs.rmSync(started);
    expect(runMrb(['audit', 'verify', smallFile], { env }).code).toBe(0);
    expect(fs.existsSync(started)).toBe(false);

    const edited = EVENTS - 3;
    behind(file).prepare("UPDATE audit_events SET entity_id = 'model-999' WHERE seq = ?").run(edited);
    const broken = runMrb(['audit', 'verify', file], { env });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(new RegExp(`^Audit chain broken at event #${edited}: event #${edited} \\(model.update model model-999, .*\\) was edited: its content no longer matches its hash\\.`));
  });
});
