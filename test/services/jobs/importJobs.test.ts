import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../../shared/contract/calls';
import { dispatch } from '../../../electron/services/dispatch';
import { EXAMPLE_BUNDLE } from '../../helpers/exampleBundle';
import { services } from '../../helpers/services';
import { fingerprint } from '../../helpers/workspaces';
import { writeLargeBundle } from '../../bench/largeBundle';

function settled(jobs: ImportJob[], id: string): boolean {
  const job = jobs.filter((j) => j.id === id).at(-1);
  return job !== undefined && !['queued', 'running'].includes(job.status);
}

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function withCycle() {
  const s = services();
  const file = path.join(s.dir, 'q3.mrb');
  const created = await dispatch(s.handlers, 'cycle.create', { path: file, name: 'Q3' });
  expect(created.ok).toBe(true);
  const events: ImportJob[] = [];
  s.imports.onEvent((j) => events.push(j));
  return { ...s, file, events };
}

describe('bundle imports in the background', () => {
  it('reads and validates in a worker, reports progress, stores once, and recognises the same bundle again', async () => {
    const { handlers, events } = await withCycle();
    const started = await dispatch(handlers, 'bundles.import', { paths: [EXAMPLE_BUNDLE] });
    expect(started.ok).toBe(true);
    const [job] = started.ok ? (started.value as ImportJob[]) : [];
    await until(() => settled(events, job!.id));
    const final = events.at(-1)!;
    expect(final).toMatchObject({ status: 'imported', outcome: { modelId: 'credit-default-scorer', version: '1.4.2', ok: false } });
    expect(events.some((e) => e.status === 'running' && e.totalBytes > 0)).toBe(true);

    const bundles = await dispatch(handlers, 'bundles.list', {});
    expect(bundles).toMatchObject({ ok: true, value: [{ modelId: 'credit-default-scorer', findings: { high: 4 } }] });
    const report = await dispatch(handlers, 'bundles.report', { sha256: final.outcome!.sha256 });
    expect(report.ok && (report.value as { claims: { path: string; status: string }[] }).claims.find((c) => c.path === 'overall.accuracy')?.status).toBe('mismatch');
    const models = await dispatch(handlers, 'models.list', {});
    expect(models).toMatchObject({ ok: true, value: [{ id: 'credit-default-scorer', owner: 'owner@example.org', regions: ['EU', 'US'] }] });
    // The cycle, its taxonomy, the model and the bundle, and each finding entered in the findings register.
    const register = await dispatch(handlers, 'findings.register', {});
    const registered = register.ok ? (register.value as unknown[]).length : Number.NaN;
    expect(registered).toBeGreaterThan(0);
    expect(await dispatch(handlers, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true, events: 4 + registered } });
    const lineage = await dispatch(handlers, 'bundles.file', { sha256: final.outcome!.sha256, path: 'lineage.json' });
    expect(lineage).toMatchObject({ ok: true, value: { role: 'lineage', bytes: 565, text: expect.stringContaining('"eventType": "COMPLETE"') } });
    expect(await dispatch(handlers, 'bundles.file', { sha256: final.outcome!.sha256, path: 'secrets.txt' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'path' },
    });

    const again = await dispatch(handlers, 'bundles.import', { paths: [EXAMPLE_BUNDLE] });
    const second = again.ok ? (again.value as ImportJob[])[0]! : null;
    await until(() => settled(events, second!.id));
    expect(events.at(-1)).toMatchObject({ status: 'already_imported' });
    expect(await dispatch(handlers, 'audit.verify', {})).toMatchObject({ value: { events: 4 + registered } });
  });

  it('a refused bundle and a cancelled import leave the workspace byte for byte as it was', async () => {
    const { handlers, events, dir, file, session } = await withCycle();
    const broken = path.join(dir, 'broken');
    fs.cpSync(EXAMPLE_BUNDLE, broken, { recursive: true });
    fs.appendFileSync(path.join(broken, 'predictions.csv'), '1,0.5,F,18-30\n');
    session.require().reader.pragma('wal_checkpoint(TRUNCATE)');
    const before = fingerprint(file);

    const refused = await dispatch(handlers, 'bundles.import', { paths: [broken, EXAMPLE_BUNDLE] });
    const [bad, good] = refused.ok ? (refused.value as ImportJob[]) : [];
    const cancelled = await dispatch(handlers, 'bundles.cancelImport', { id: good!.id });
    expect(cancelled).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    await until(() => settled(events, bad!.id));
    expect(events.filter((e) => e.id === bad!.id).at(-1)).toMatchObject({
      status: 'refused',
      message: expect.stringMatching(/^predictions.csv is 6,\d{3} bytes; bundle.json says 6,151\./),
    });
    expect(fingerprint(file)).toBe(before);
    expect(await dispatch(handlers, 'bundles.list', {})).toEqual({ ok: true, value: [] });
  });

  it('cancelling a running import stops its worker and leaves the workspace byte for byte as it was', async () => {
    const { handlers, events, dir, file, session } = await withCycle();
    const large = path.join(dir, 'large');
    writeLargeBundle(large, 'csv');
    session.require().reader.pragma('wal_checkpoint(TRUNCATE)');
    const before = fingerprint(file);
    const started = await dispatch(handlers, 'bundles.import', { paths: [large] });
    const [job] = started.ok ? (started.value as ImportJob[]) : [];
    await until(() => events.some((e) => e.id === job!.id && e.status === 'running' && e.bytes > 0));
    expect(await dispatch(handlers, 'bundles.cancelImport', { id: job!.id })).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(events.filter((e) => e.id === job!.id).at(-1)).toMatchObject({ status: 'cancelled', message: 'Cancelled; nothing was stored.' });
    expect(fingerprint(file)).toBe(before);
    expect(await dispatch(handlers, 'bundles.list', {})).toEqual({ ok: true, value: [] });
  });

  it('the workspace tolerance setting is audited and used by the next import', async () => {
    const { handlers, events } = await withCycle();
    expect(await dispatch(handlers, 'settings.get', {})).toMatchObject({ ok: true, value: { claimTolerance: 0.001, acceptanceMaxMonths: 12 } });
    expect(await dispatch(handlers, 'settings.update', { claimTolerance: -1 })).toMatchObject({ ok: false, error: { field: 'claimTolerance', message: 'Tolerance: must be at least 0.' } });
    expect(await dispatch(handlers, 'settings.update', { claimTolerance: 0.05 })).toMatchObject({ ok: true, value: { claimTolerance: 0.05, acceptanceMaxMonths: 12 } });
    const started = await dispatch(handlers, 'bundles.import', { paths: [EXAMPLE_BUNDLE] });
    const [job] = started.ok ? (started.value as ImportJob[]) : [];
    await until(() => settled(events, job!.id));
    const report = await dispatch(handlers, 'bundles.report', { sha256: events.at(-1)!.outcome!.sha256 });
    const accuracy = report.ok ? (report.value as { claims: { path: string; status: string; tolerance: number }[] }).claims.find((c) => c.path === 'overall.accuracy') : undefined;
    expect(accuracy).toMatchObject({ status: 'match', tolerance: 0.05 });
    expect(await dispatch(handlers, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('refuses to start without an open cycle', async () => {
    const { handlers } = services();
    expect(await dispatch(handlers, 'bundles.import', { paths: [EXAMPLE_BUNDLE] })).toMatchObject({ ok: false, error: { code: 'no_cycle_open' } });
  });
});
