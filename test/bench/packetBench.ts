import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { exportPacket } from '../../electron/services/packets/exportPacket';
import { recordDecision } from '../../electron/services/sessions/decisionService';
import { addAttendee, buildAgenda, closeSession, createSession, takeAttendance } from '../../electron/services/sessions/sessionService';
import { createIdentity } from '../../electron/services/signing/identity';
import { modelImage, upsertModel } from '../../electron/services/store/modelTable';
import { putScore, scoreEntityId, scoreImage } from '../../electron/services/store/scoreTable';
import { Workspace } from '../../electron/services/store/workspace';
import { taxonomyVersion, updateTaxonomy } from '../../electron/services/taxonomy/taxonomyService';
import type { BenchRow } from './heatmapBench';
import { benchModel } from './benchModels';
import { clockOnDay } from '../../electron/services/clock';

const MODELS = 200;
const today = '2026-09-15';
const clock = clockOnDay(today);

/** 200 models scored on 12 dimensions, a closed session deciding every one: over 2,000 audit events. */
function buildCycle(file: string): string {
  const ws = Workspace.create(file, { name: 'Packet benchmark', actor: 'bench', clock });
  const first = taxonomyVersion(ws);
  const t = updateTaxonomy(ws, {
    thresholds: first.thresholds,
    dimensions: [...first.dimensions, { key: 'third_party', label: 'Third-party dependency', description: 'Vendors and upstream models', axis: 'likelihood', weight: 1, rules: [] }],
  });
  ws.transaction((tx) => {
    for (let i = 0; i < MODELS; i++) {
      const m = benchModel(i, 3);
      upsertModel(tx.db, m);
      tx.audit({ action: 'model.create', entity: 'model', entityId: m.id, before: null, after: modelImage(m) });
      t.dimensions.forEach((d, j) => {
        const value = 1 + ((i * 7 + j * 3) % 5);
        const score = { modelId: m.id, dimension: d.key, value, lo: value, hi: value, source: 'analyst' as const, rationale: 'bench rationale for the score', taxonomyVersion: t.version, scoredBy: 'bench', scoredAt: tx.now, evidence: null };
        putScore(tx.db, score);
        tx.audit({ action: 'score.set', entity: 'score', entityId: scoreEntityId(m.id, d.key), before: null, after: scoreImage(score) });
      });
    }
  });
  let s = createSession(ws, { title: 'Benchmark board', date: today, location: 'Room 1', chair: 'Chair' });
  const sessionId = s.session.id;
  for (const name of ['Chair', 'Member A', 'Member B']) s = addAttendee(ws, { sessionId, name, role: 'member', voting: true });
  s = takeAttendance(ws, { sessionId, marks: s.attendees.map((a) => ({ attendeeId: a.id, present: true })) });
  s = buildAgenda(ws, { sessionId });
  const votes = s.attendees.map((a) => ({ attendeeId: a.id, vote: 'for' as const }));
  for (const item of s.items) {
    recordDecision(ws, { sessionId, itemId: item.id, outcome: 'approved_with_conditions', rationale: `Approved ${item.modelName} with a follow-up.`, votes, conditions: [{ text: 'Re-validate next quarter.', due: '2026-12-15', owner: 'owner' }] });
  }
  closeSession(ws, { sessionId });
  ws.close();
  return sessionId;
}

/** Builds the benchmark cycle (`--packet-cycle <dir>`), in a process apart from the export. */
export function childPacketCycle(dir: string): void {
  process.stdout.write(buildCycle(path.join(dir, 'packet-bench.mrb')));
}

/** One export in a process of its own, so its peak memory is the export's (`--packet <dir> <session>`). */
export async function childPacket(dir: string, sessionId: string): Promise<void> {
  const file = path.join(dir, 'packet-bench.mrb');
  const { identity } = createIdentity({ name: 'Bench Signer', email: 'bench@example.com', organisation: 'Bench' }, new Date());
  const ws = Workspace.open(file, { actor: 'bench' });
  const events = ws.verifyAudit().events;
  const t0 = process.hrtime.bigint();
  const packet = await exportPacket(ws, { sessionId, identity, out: path.join(dir, 'packet.pdf') });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  ws.close();
  process.stdout.write(JSON.stringify({ ms, pages: packet.pages, bytes: packet.bytes, events, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

export function benchPacket(dir: string, self: string): BenchRow[] {
  const cycle = spawnSync(process.execPath, [self, '--packet-cycle', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (cycle.status !== 0) throw new Error(`packet bench cycle failed: ${cycle.stderr}`);
  const child = spawnSync(process.execPath, [self, '--packet', dir, cycle.stdout.trim()], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`packet bench failed: ${child.stderr}`);
  const r = JSON.parse(child.stdout) as { ms: number; pages: number; bytes: number; events: number; maxRssMiB: number };
  console.log(`packet: ${MODELS} models x 12 dimensions, ${r.events} audit events, ${r.pages} pages, ${(r.bytes / 1024).toFixed(0)} KiB`);
  return [
    { name: `packet build + sign (${MODELS} models, ${r.events} events, ${r.pages} pages)`, value: r.ms, unit: 'ms', target: { op: '<', value: 5_000 } },
    { name: 'packet size', value: r.bytes / 1024 / 1024, unit: 'MiB' },
    { name: 'packet export peak memory (process max RSS)', value: r.maxRssMiB, unit: 'MiB', target: { op: '<', value: 500 } },
  ];
}
