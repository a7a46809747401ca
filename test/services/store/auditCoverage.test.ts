import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/services/store/workspace';
import { bundleImage } from '../../../electron/services/store/bundleTable';
import { canonicalJson, chainHash, type Json, type StoredAuditRow } from '../../../electron/services/store/auditChain';
import { BundleCopy } from '../../helpers/bundleCopies';
import { EXAMPLE_BUNDLE } from '../../helpers/exampleBundle';
import { runMrb } from '../../helpers/runMrb';
import { tempDir } from '../../helpers/tempDir';

let template = '';
let templateDir = '';

/** A cycle with the example bundle and a second version of it imported through the CLI, once for the file. */
beforeAll(() => {
  templateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-audit-'));
  template = path.join(templateDir, 'template.mrb');
  expect(runMrb(['init', template, '--name', 'Q3']).code).toBe(0);
  // The example bundle has high findings, so import reports them with exit 1.
  expect(runMrb(['import', template, EXAMPLE_BUNDLE]).code).toBe(1);
  const v2 = new BundleCopy(templateDir).editManifest((m) => {
    (m.model as { version: string }).version = '2.0.0';
  });
  expect(runMrb(['import', template, v2.dir]).code).toBe(1);
});
afterAll(() => fs.rmSync(templateDir, { recursive: true, force: true }));

/** A copy of the template cycle for one test, which an "attacker" then edits. */
function cycleWithBundles(): string {
  const file = path.join(tempDir(), 'q3.mrb');
  fs.copyFileSync(template, file);
  return file;
}

function verify(file: string, rehashFiles = false) {
  const ws = Workspace.open(file, { readonly: true });
  try {
    return ws.verifyAudit('full', { rehashFiles });
  } finally {
    ws.close();
  }
}

const attackers: Database.Database[] = [];
afterEach(() => {
  for (const db of attackers.splice(0)) db.close();
});

/** A connection as the sqlite3 shell gives one: foreign keys off, no triggers of ours in the way. */
function shell(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('foreign_keys = OFF');
  attackers.push(db);
  return db;
}

function firstFinding(db: Database.Database): { id: number; bundle_sha256: string } {
  return db.prepare('SELECT id, bundle_sha256 FROM findings ORDER BY id LIMIT 1').get() as { id: number; bundle_sha256: string };
}

describe('the audit covers the evidence a decision relies on', () => {
  it('holds on an untouched cycle, in the default and the full pass', () => {
    const file = cycleWithBundles();
    expect(verify(file)).toMatchObject({ ok: true, problem: null });
    expect(verify(file, true)).toMatchObject({ ok: true, problem: null });
  });

  it('sees a finding deleted behind the app', () => {
    const file = cycleWithBundles();
    const db = shell(file);
    const f = firstFinding(db);
    db.prepare('DELETE FROM findings WHERE id = ?').run(f.id);
    db.close();
    expect(verify(file).problem?.reason).toMatch(new RegExp(`bundle ${f.bundle_sha256.slice(0, 12)} .*1 of its findings were deleted`));
  });

  it('sees a finding edited behind the app (severity lowered)', () => {
    const file = cycleWithBundles();
    const db = shell(file);
    const f = db.prepare("SELECT id FROM findings WHERE severity = 'high' ORDER BY id LIMIT 1").pluck().get() as number;
    db.prepare("UPDATE findings SET severity = 'info' WHERE id = ?").run(f);
    db.close();
    expect(verify(file).problem?.reason).toMatch(new RegExp(`Finding #${f} of bundle .* was edited behind the app`));
  });

  it('sees the findings of a bundle renumbered, which would change what a decision names', () => {
    const file = cycleWithBundles();
    const db = shell(file);
    db.exec('UPDATE findings SET id = id + 1000');
    db.close();
    expect(verify(file).problem?.reason).toMatch(/Finding #1001 of bundle .* was renumbered behind the app: it should be finding #1/);
  });

  it('sees a finding added behind the app to a bundle that was never imported', () => {
    const file = cycleWithBundles();
    const db = shell(file);
    db.prepare("INSERT INTO findings (bundle_sha256, model_id, severity, category, message, evidence) VALUES (?, 'credit-default-scorer', 'low', 'drift', 'x', '{}')").run(
      'f'.repeat(64),
    );
    db.close();
    expect(verify(file).problem?.reason).toMatch(/Finding #\d+ was inserted behind the app: its bundle ffffffffffff has no import event/);
  });

  it('sees a stored report edited, even together with its findings', () => {
    const file = cycleWithBundles();
    const db = shell(file);
    const f = db.prepare("SELECT id, bundle_sha256 FROM findings WHERE severity = 'high' ORDER BY id LIMIT 1").get() as { id: number; bundle_sha256: string };
    const report = JSON.parse(db.prepare('SELECT report FROM bundles WHERE sha256 = ?').pluck().get(f.bundle_sha256) as string) as {
      ok: boolean;
      findings: { severity: string }[];
    };
    // The edit an attacker would make: the high finding becomes info, in the report and the table, so they agree.
    const first = db.prepare('SELECT min(id) FROM findings WHERE bundle_sha256 = ?').pluck().get(f.bundle_sha256) as number;
    (report.findings[f.id - first] as { severity: string }).severity = 'info';
    report.ok = true;
    db.prepare('UPDATE bundles SET report = ? WHERE sha256 = ?').run(JSON.stringify(report), f.bundle_sha256);
    db.prepare("UPDATE findings SET severity = 'info' WHERE id = ?").run(f.id);
    db.close();
    expect(verify(file).problem?.reason).toMatch(new RegExp(`The bundle ${f.bundle_sha256} was edited behind the app: it no longer matches event #\\d+`));
  });

  it('sees the import time edited, which decides the latest bundle of a model', () => {
    const file = cycleWithBundles();
    const db = shell(file);
    db.exec("UPDATE bundles SET imported_at = '2099-01-01T00:00:00.000Z' WHERE rowid = (SELECT min(rowid) FROM bundles)");
    db.close();
    expect(verify(file).problem?.reason).toMatch(/bundle .* was edited behind the app: its import time or importer no longer matches event #\d+/);
  });

  it('sees a stored file removed, and one resized, without re-hashing', () => {
    const removed = cycleWithBundles();
    let db = shell(removed);
    const sha = db.prepare("SELECT sha256 FROM bundle_files WHERE path = 'reference.csv' LIMIT 1").pluck().get() as string;
    db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha);
    db.close();
    expect(verify(removed).problem?.reason).toMatch(/The stored content of reference\.csv in bundle .* is missing/);

    const resized = cycleWithBundles();
    db = shell(resized);
    db.prepare("UPDATE blob_chunks SET data = CAST('x' AS BLOB) WHERE sha256 = (SELECT sha256 FROM bundle_files WHERE path = 'model_card.md' LIMIT 1)").run();
    db.close();
    expect(verify(resized).problem?.reason).toMatch(/The stored content of model_card\.md in bundle .* is 1 bytes, not the \d+ its import recorded/);

    const chunkLost = cycleWithBundles();
    db = shell(chunkLost);
    db.prepare("DELETE FROM blob_chunks WHERE sha256 = (SELECT sha256 FROM bundle_files WHERE path = 'reference.csv' LIMIT 1)").run();
    db.close();
    expect(verify(chunkLost).problem?.reason).toMatch(/The stored content of reference\.csv in bundle .* is 0 bytes, not the \d+ its import recorded/);
  });

  it('sees a stored file replaced under the same hash key and size in the full pass only', () => {
    const file = cycleWithBundles();
    const db = shell(file);
    const row = db.prepare("SELECT sha256, data FROM blob_chunks WHERE sha256 = (SELECT sha256 FROM bundle_files WHERE path = 'reference.csv' LIMIT 1) AND seq = 0").get() as {
      sha256: string;
      data: Buffer;
    };
    const forged = Buffer.from(row.data);
    forged[forged.length - 2] = forged[forged.length - 2] === 0x31 ? 0x32 : 0x31;
    db.prepare('UPDATE blob_chunks SET data = ? WHERE sha256 = ? AND seq = 0').run(forged, row.sha256);
    db.close();
    expect(verify(file).ok).toBe(true);
    const full = verify(file, true);
    expect(full.ok).toBe(false);
    expect(full.problem?.reason).toMatch(
      new RegExp(`The stored content of reference\\.csv in bundle .* was replaced behind the app: its SHA-256 is [0-9a-f]{12}…, not the ${row.sha256.slice(0, 12)}…`),
    );
  });
});

describe('workspaces whose bundles were logged before the report digest', () => {
  /**
   * A cycle whose last import event carries the bundle image as earlier builds logged it
   * (without report_sha256): the chain is re-computed from that event on, as they wrote it.
   */
  function legacyCycle(): string {
    const file = cycleWithBundles();
    const db = shell(file);
    const sha = db.prepare("SELECT entity_id FROM audit_events WHERE action = 'bundle.import' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    const legacy = bundleImage(db, sha) as { [key: string]: Json };
    delete legacy.report_sha256;
    const rows = db.prepare('SELECT * FROM audit_events WHERE seq >= (SELECT seq FROM audit_events WHERE entity_id = ?) ORDER BY seq').all(sha) as StoredAuditRow[];
    let prev = rows[0]!.prev_hash;
    const update = db.prepare('UPDATE audit_events SET after = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    db.transaction(() => {
      for (const r of rows) {
        const after = r.entity_id === sha ? legacy : r.after === null ? null : (JSON.parse(r.after) as Json);
        const before = r.before === null ? null : (JSON.parse(r.before) as Json);
        const hash = chainHash(prev, { seq: r.seq, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, before, after });
        update.run(after === null ? null : canonicalJson(after), prev, hash, r.seq);
        prev = hash;
      }
      db.prepare('UPDATE audit_anchor SET hash = ? WHERE id = 1').run(prev);
    })();
    db.close();
    return file;
  }

  it('still hold, and their findings are still checked against the stored report', () => {
    const file = legacyCycle();
    expect(verify(file)).toMatchObject({ ok: true, problem: null });
    const db = shell(file);
    db.exec('DELETE FROM findings WHERE id = (SELECT max(id) FROM findings)');
    db.close();
    expect(verify(file).problem?.reason).toMatch(/1 of its findings were deleted/);
  });
});
