import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startNextCycle } from '../../../electron/services/cycles/nextCycle';
import { Workspace } from '../../../electron/services/store/workspace';
import { firstCycle } from './chain';

/*
 * A second cycle's carried records (follow-ups, findings, each model's history and prior
 * scores) are compared with what their events logged, most of them by JSON.stringify of an
 * image built with its keys in order. Each edit an attacker could make behind the app, a
 * field set where it was null, cleared where it was set, or a number JCS refuses in place of
 * a null, is named as an edit of that record.
 */
async function secondCycle(): Promise<string> {
  const { dir, ws: q3 } = await firstCycle();
  const file = path.join(dir, 'q4-2026.mrb');
  startNextCycle(q3, { path: file, name: 'Q4 2026', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
  q3.close();
  return file;
}

function behindTheApp(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  db.close();
}

function verify(file: string) {
  const ws = Workspace.open(file, { actor: 'auditor@test' });
  try {
    return ws.verifyAudit();
  } finally {
    ws.close();
  }
}

describe('the carried records of a second cycle, edited behind the app', () => {
  it('hold as carried, then name each edit', async () => {
    const file = await secondCycle();
    expect(verify(file)).toMatchObject({ ok: true, problem: null });
    const db = new Database(file, { readonly: true });
    const followUp = db.prepare('SELECT id FROM carried_followups WHERE status_note IS NULL ORDER BY id LIMIT 1').pluck().get() as string;
    const ruled = db.prepare('SELECT id FROM carried_followups WHERE rule IS NOT NULL ORDER BY id LIMIT 1').pluck().get() as string;
    const finding = db.prepare('SELECT id FROM register_findings WHERE closed_on IS NULL ORDER BY id LIMIT 1').pluck().get() as string;
    const history = db.prepare('SELECT model_id FROM model_history WHERE heat IS NULL ORDER BY model_id LIMIT 1').pluck().get() as string;
    const prior = db.prepare('SELECT model_id FROM prior_scores ORDER BY model_id LIMIT 1').pluck().get() as string;
    db.close();
    expect([followUp, ruled, finding, history, prior].every((id) => typeof id === 'string')).toBe(true);

    const edits: [sql: string, reason: RegExp][] = [
      [`UPDATE carried_followups SET status_note = 'looked at' WHERE id = '${followUp}'`, new RegExp(`The followup ${followUp} was edited behind the app`)],
      [`UPDATE carried_followups SET rule = NULL WHERE id = '${ruled}'`, new RegExp(`The followup ${ruled} was edited behind the app`)],
      [`UPDATE register_findings SET closed_on = '2026-10-02' WHERE id = '${finding}'`, new RegExp(`The finding ${finding} was edited behind the app`)],
      [`UPDATE register_findings SET severity = 'low' WHERE id = '${finding}'`, new RegExp(`The finding ${finding} was edited behind the app`)],
      // An infinity in place of the logged null, which JSON.stringify would write as null.
      [`UPDATE model_history SET heat = 9e999 WHERE model_id = '${history}'`, new RegExp(`The history ${history} was edited behind the app`)],
      [`UPDATE prior_scores SET value = value % 5 + 1 WHERE model_id = '${prior}'`, new RegExp(`The history ${prior} was edited behind the app`)],
    ];
    for (const [i, [sql, reason]] of edits.entries()) {
      const copy = `${file}.${i}`;
      behindTheApp(file, `VACUUM INTO '${copy.replace(/'/g, "''")}'`);
      behindTheApp(copy, sql);
      expect(verify(copy), sql).toMatchObject({ ok: false, problem: { reason: expect.stringMatching(reason) } });
    }
  }, 60_000);
});
