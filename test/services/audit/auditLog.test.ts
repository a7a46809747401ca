import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../../electron/services/audit/auditLog';
import { setScore } from '../../../electron/services/scoring/scoreService';
import { Workspace } from '../../../electron/services/store/workspace';
import { calls } from '../../../shared/contract/calls';
import { addModels, modelFixture, newWorkspace } from '../../helpers/workspaces';

const open: Workspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.close();
});

const args = (a: unknown) => calls['audit.events'].args.parse(a);

/** A cycle with two models, three scores by two people. */
function scoredCycle() {
  const { ws, file } = newWorkspace();
  open.push(ws);
  addModels(ws, [modelFixture('m1'), modelFixture('m2')]);
  setScore(ws, calls['scores.set'].args.parse({ modelId: 'm1', dimension: 'fairness_bias', value: 2, rationale: 'first look' }));
  setScore(ws, calls['scores.set'].args.parse({ modelId: 'm1', dimension: 'fairness_bias', value: 4, rationale: 'second look' }));
  ws.close();
  open.pop();
  const bo = Workspace.open(file, { actor: 'bo@test' });
  open.push(bo);
  setScore(bo, calls['scores.set'].args.parse({ modelId: 'm2', dimension: 'fairness_bias', value: 3, rationale: 'bo' }));
  return { ws: bo, file };
}

describe('the audit log as the Audit place reads it', () => {
  it('lists every event newest first with its before and after, and the chain holds at each', () => {
    const { ws } = scoredCycle();
    const log = auditLog(ws, args({}));
    expect(log.matching).toBe(log.events.length);
    expect(log.events.map((e) => e.seq)).toEqual([...log.events.map((e) => e.seq)].sort((a, b) => b - a));
    expect(log.events[0]).toMatchObject({ actor: 'bo@test', action: 'score.set', entity: 'score', entityId: 'm2/fairness_bias', before: null, chain: 'holds' });
    expect(log.events.every((e) => e.chain === 'holds')).toBe(true);
    expect(log.chainProblem).toBeNull();
    expect(log.facets.actors).toEqual(['analyst@test', 'bo@test']);
  });

  it('filters to one record: a score’s history shows the value before and after each change', () => {
    const { ws } = scoredCycle();
    const log = auditLog(ws, args({ entity: 'score', entityId: 'm1/fairness_bias' }));
    expect(log.events.map((e) => [(e.before as { value?: number } | null)?.value ?? null, (e.after as { value: number }).value])).toEqual([
      [2, 4],
      [null, 2],
    ]);
    expect(auditLog(ws, args({ actor: 'bo@test' })).events.map((e) => e.entityId)).toEqual(['m2/fairness_bias']);
    expect(auditLog(ws, args({ action: 'model.create' })).matching).toBe(2);
  });

  it('filters by period: a day with no events shows none, today shows them all', () => {
    const { ws } = scoredCycle();
    expect(auditLog(ws, args({ to: '2000-01-01' })).events).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(auditLog(ws, args({ from: today, to: today })).matching).toBe(auditLog(ws, args({})).matching);
  });

  it('pages with `before`: the pages together are the whole log, once each', () => {
    const { ws } = scoredCycle();
    const all = auditLog(ws, args({})).events.map((e) => e.seq);
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = auditLog(ws, args({ limit: 2, ...(before === undefined ? {} : { before }) }));
      seen.push(...page.events.map((e) => e.seq));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual(all);
  });

  it('each exported line is the canonical event: sha256(prev_hash + line without the hashes) is its hash', () => {
    const { ws } = scoredCycle();
    for (const e of auditLog(ws, args({})).events) {
      const parsed = JSON.parse(e.line) as Record<string, unknown>;
      expect(parsed).toMatchObject({ seq: e.seq, entity_id: e.entityId, hash: e.hash, prev_hash: e.prevHash });
      const body = e.line.replace(`,"hash":${JSON.stringify(e.hash)}`, '').replace(`,"prev_hash":${JSON.stringify(e.prevHash)}`, '');
      expect(createHash('sha256').update(e.prevHash + body, 'utf8').digest('hex')).toBe(e.hash);
    }
  });

  it('an event edited behind the app is broken, the ones after it unverified, the ones before hold', () => {
    const { ws, file } = scoredCycle();
    ws.close();
    open.pop();
    const db = new Database(file);
    db.exec("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3");
    db.close();
    const reopened = Workspace.open(file, { actor: 'auditor@test', readonly: true });
    open.push(reopened);
    const log = auditLog(reopened, args({}));
    const status = new Map(log.events.map((e) => [e.seq, e.chain]));
    expect(status.get(2)).toBe('holds');
    expect(status.get(3)).toBe('broken');
    expect(status.get(4)).toBe('unverified');
    expect(log.chainProblem?.reason).toMatch(/event #3 .* was edited/);
  });

  it('an edit behind the app while the workspace is open is seen on the next page, though the chain was walked before', () => {
    const { ws, file } = scoredCycle();
    expect(auditLog(ws, args({})).events.every((e) => e.chain === 'holds')).toBe(true);
    const db = new Database(file);
    db.exec("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3");
    db.close();
    const status = new Map(auditLog(ws, args({})).events.map((e) => [e.seq, e.chain]));
    expect([status.get(2), status.get(3), status.get(4)]).toEqual(['holds', 'broken', 'unverified']);
  });

  it('a page of old events after a walk still says the chain holds at each', () => {
    const { ws } = scoredCycle();
    auditLog(ws, args({}));
    const older = auditLog(ws, args({ before: 3 }));
    expect(older.events.map((e) => [e.seq, e.chain])).toEqual([
      [2, 'holds'],
      [1, 'holds'],
    ]);
    expect(older.chainProblem).toBeNull();
  });

  it('refuses a period that ends before it starts, naming the field', () => {
    const parsed = calls['audit.events'].args.safeParse({ from: '2026-08-02', to: '2026-08-01' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['to']);
  });
});
