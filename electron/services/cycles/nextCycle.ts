import fs from 'node:fs';
import { insertPerson, listPeople, personImage } from '../store/rosterTable';
import path from 'node:path';
import type { z } from 'zod';
import { UserError } from '../../../shared/contract/errors';
import { CycleNextArgsSchema, type Predecessor, type PriorScore } from '../../../shared/cycles/lineage';
import { isOpenStatus } from '../../../shared/cycles/findings';
import type { Json } from '../store/auditChain';
import { bundleImage, bundleReport, insertBundle, putContent, storedPieces, type StoredFile } from '../store/bundleTable';
import { readCycle } from '../store/cycleTable';
import { decisionsInForce } from '../store/decisionTable';
import { carriedImage, insertCarried, listCarried, type CarriedFollowUp } from '../store/followupTable';
import { findingImage, insertRegisterFinding, listRegisterFindings } from '../store/findingTable';
import { historyImage, insertHistory, insertPredecessor, predecessorImage, type StoredHistory } from '../store/lineageTable';
import { listModels, modelImage, upsertModel } from '../store/modelTable';
import { listScores } from '../store/scoreTable';
import { allSettingImages, writeSetting } from '../store/settingsTable';
import { Workspace, type WriteTx } from '../store/workspace';
import { parse } from '../sessions/sessionGuards';
import { currentTaxonomy } from './cycleService';
import { standings } from './standing';

export type CycleNextArgs = z.input<typeof CycleNextArgsSchema>;

interface CarriedBundle {
  sha256: string;
  record: Parameters<typeof insertBundle>[1];
  report: NonNullable<ReturnType<typeof bundleReport>>;
  /** The files' contents, copied piece by piece from the predecessor when the cycle is made. */
  contents: { sha256: string; bytes: number }[];
}

/**
 * Starts the next cycle from `from` (issue 11, section 1) in a new file: everything the
 * board still owes or relies on is carried, each record keeping the cycle it was born in;
 * what is finished (done actions, superseded acceptances, closed findings, sessions) stays
 * behind in the predecessor, which the new cycle names with its audit chain head.
 * Refused with a sentence, nothing written, when the target exists, the predecessor's
 * chain does not hold, or the new period starts before the predecessor's has ended.
 */
export function startNextCycle(from: Workspace, args: CycleNextArgs, options: { actor?: string; nativeBinding?: string } = {}): string {
  const a = parse(CycleNextArgsSchema, args);
  const target = path.resolve(a.path);
  if (fs.existsSync(target)) throw new UserError('already_exists', `${target} already exists; the next cycle needs a new file. Choose another name.`, 'path');
  if (target === path.resolve(from.path)) throw new UserError('invalid_argument', 'The next cycle must be a new file, not the cycle it follows.', 'path');
  const db = from.reader;
  const cycle = readCycle(db);
  if (!cycle) throw new UserError('workspace_refused', `${from.path} holds no review cycle.`);
  const audit = from.verifyAudit('full');
  if (!audit.ok || audit.head === null) {
    throw new UserError(
      'workspace_refused',
      `The audit chain of ${path.basename(from.path)} does not hold (${audit.problem?.reason ?? 'it is empty'}); a cycle cannot follow from it. Nothing was written.`,
    );
  }
  if (cycle.period_end && a.periodStart <= cycle.period_end) {
    throw new UserError(
      'invalid_argument',
      `The new period starts ${a.periodStart}, before ${cycle.name} ends (${cycle.period_end}); start it after ${cycle.period_end}. Nothing was written.`,
      'periodStart',
    );
  }
  const born = { bornCycleId: cycle.id, bornCycleName: cycle.name };
  const predecessor: Predecessor = {
    cycleId: cycle.id,
    name: cycle.name,
    file: path.basename(from.path),
    periodEnd: cycle.period_end,
    head: audit.head,
    headSeq: audit.events,
    carriedAt: from.clock.now().toISOString(),
  };
  const taxonomy = currentTaxonomy(from);
  // The taxonomy goes over whole (whatever a version holds: floors, minimum coverage, mappings),
  // as a copy; only its version, date and origin are the new cycle's own.
  const { version: _version, createdAt: _createdAt, carriedFrom: _carriedFrom, ...carriedTaxonomy } = structuredClone(taxonomy);
  const models = listModels(db);
  const stand = standings(from);

  // Latest bundle of each model with its files, report and findings: the evidence re-verifies here.
  const bundles: CarriedBundle[] = [];
  const latest = db
    .prepare('SELECT b.* FROM bundles b WHERE b.sha256 = (SELECT b2.sha256 FROM bundles b2 WHERE b2.model_id = b.model_id ORDER BY b2.imported_at DESC, b2.sha256 LIMIT 1) ORDER BY b.model_id')
    .all() as { sha256: string; model_id: string; model_version: string; task: 'binary_classification' | 'regression'; created_at: string; producer: string; source_name: string; imported_at: string; imported_by: string }[];
  const filesOf = db.prepare('SELECT path, role, sha256, bytes, listed FROM bundle_files WHERE bundle_sha256 = ? ORDER BY path');
  for (const b of latest) {
    const files = (filesOf.all(b.sha256) as (Omit<StoredFile, 'listed'> & { listed: number })[]).map((f) => ({ ...f, listed: f.listed === 1 }));
    const report = bundleReport(db, b.sha256);
    if (!report) continue;
    bundles.push({
      sha256: b.sha256,
      record: {
        sha256: b.sha256,
        modelId: b.model_id,
        modelVersion: b.model_version,
        task: b.task,
        createdAt: b.created_at,
        producer: b.producer,
        sourceName: b.source_name,
        importedAt: b.imported_at,
        importedBy: b.imported_by,
        files,
      },
      report,
      contents: files.map((f) => ({ sha256: f.sha256, bytes: f.bytes })),
    });
  }

  // Each model's history: the earlier cycles' rows, and this cycle's standing at its end.
  const priorScores = new Map<string, PriorScore[]>();
  for (const s of listScores(db)) {
    const { evidence: _evidence, ...score } = s;
    priorScores.set(s.modelId, [...(priorScores.get(s.modelId) ?? []), { ...score, cycleId: cycle.id, cycleName: cycle.name }]);
  }
  const history = new Map<string, StoredHistory[]>();
  for (const m of models) {
    const st = stand.get(m.id);
    const earlier = st?.history ?? [];
    const decided = st?.decided ?? null;
    history.set(m.id, [
      ...earlier.map((e, position) => ({ ...e, position })),
      {
        cycleId: cycle.id,
        cycleName: cycle.name,
        periodEnd: cycle.period_end,
        position: earlier.length,
        tier: st?.row.tier ?? null,
        heat: st?.row.heat ?? null,
        outcome: decided?.decision.outcome ?? null,
        decisionId: decided?.decision.id ?? null,
        decisionDate: decided?.decision.decisionDate ?? null,
        modelVersion: decided ? (st?.last?.modelVersion ?? null) : null,
        predictionsSha256: decided ? (st?.last?.predictionsSha256 ?? null) : null,
      },
    ]);
  }

  // Follow-ups still in play: open actions of decisions in force, acceptances of each model's
  // latest decision (active or expired: an expired one is unresolved until the board decides
  // again), and what this cycle itself carried and has not closed or superseded.
  const followUps: CarriedFollowUp[] = [];
  const inForce = decisionsInForce(db);
  const decidedHere = new Set(inForce.map((x) => x.modelId));
  for (const x of inForce) {
    const d = x.decision;
    const base = { ...born, modelId: x.modelId, decisionId: d.id, sessionId: d.sessionId, sessionNumber: x.sessionNumber, sessionDate: x.sessionDate };
    for (const c of d.conditions) {
      if (c.status === 'open') {
        followUps.push({ ...base, id: c.id, kind: 'condition', text: c.text, owner: c.owner.trim() === '' ? x.modelOwner : c.owner, due: c.due, detail: null, rule: c.rule ?? null, status: 'open', statusNote: c.statusNote, statusAt: c.statusAt, statusBy: c.statusBy });
      }
    }
    for (const m of d.mitigations) {
      if (m.status === 'open') {
        followUps.push({ ...base, id: m.id, kind: 'mitigation', text: m.action, owner: m.owner, due: m.due, detail: m.successCriteria, rule: null, status: 'open', statusNote: m.statusNote, statusAt: m.statusAt, statusBy: m.statusBy });
      }
    }
    if (stand.get(x.modelId)?.decided?.decision.id === d.id) {
      for (const acc of d.acceptances) {
        followUps.push({ ...base, id: acc.id, kind: 'acceptance', text: acc.risk, owner: acc.approver, due: acc.expiry, detail: acc.compensatingControls, rule: null, status: 'open', statusNote: null, statusAt: null, statusBy: null });
      }
    }
  }
  for (const f of listCarried(db)) {
    if (f.kind === 'acceptance' ? !decidedHere.has(f.modelId) : f.status === 'open') followUps.push(f);
  }
  const findings = listRegisterFindings(db).filter((f) => isOpenStatus(f.status));
  const settings = allSettingImages(db);
  // The board sits on: its roster carries over, and people are changed in the new cycle as needed.
  const people = listPeople(db);

  const link = (tx: WriteTx) => {
    insertPredecessor(tx.db, predecessor);
    tx.audit({ action: 'cycle.follow', entity: 'lineage', entityId: predecessor.cycleId, before: null, after: predecessorImage(predecessor) });
  };
  const carry = (tx: WriteTx) => {
    for (const [key, image] of settings) {
      const value = (image as { value: Json }).value;
      writeSetting(tx.db, key, value);
      tx.audit({ action: 'setting.carry', entity: 'setting', entityId: key, before: null, after: image });
    }
    for (const p of people) {
      insertPerson(tx.db, p);
      tx.audit({ action: 'person.carry', entity: 'person', entityId: p.id, before: null, after: personImage(p) });
    }
    for (const m of models) {
      upsertModel(tx.db, m);
      tx.audit({ action: 'model.carry', entity: 'model', entityId: m.id, before: null, after: modelImage(m) });
    }
    // A carried bundle is imported into the new cycle at the hand-over, by whoever starts it:
    // the audit pins every bundle's import time and importer to its import event.
    for (const b of bundles) {
      for (const c of b.contents) putContent(tx.db, c.sha256, c.bytes, () => storedPieces(db, c.sha256));
      insertBundle(tx.db, { ...b.record, importedAt: tx.now, importedBy: tx.actor }, b.report);
      tx.audit({ action: 'bundle.import', entity: 'bundle', entityId: b.sha256, before: null, after: bundleImage(tx.db, b.sha256) });
    }
    for (const m of models) {
      const h = history.get(m.id) ?? [];
      const p = priorScores.get(m.id) ?? [];
      insertHistory(tx.db, m.id, h, p);
      tx.audit({ action: 'history.carry', entity: 'history', entityId: m.id, before: null, after: historyImage(h, p) });
    }
    for (const f of followUps) {
      insertCarried(tx.db, f);
      tx.audit({ action: `${f.kind}.carry`, entity: 'followup', entityId: f.id, before: null, after: carriedImage(f) });
    }
    for (const f of findings) {
      insertRegisterFinding(tx.db, f);
      tx.audit({ action: 'finding.carry', entity: 'finding', entityId: f.id, before: null, after: findingImage(f) });
    }
  };
  const next = Workspace.create(target, {
    name: a.name,
    periodStart: a.periodStart,
    periodEnd: a.periodEnd,
    actor: options.actor ?? from.actor,
    nativeBinding: options.nativeBinding,
    clock: from.clock,
    successor: {
      link,
      taxonomy: { ...carriedTaxonomy, carriedFrom: { cycleId: cycle.id, cycleName: cycle.name, version: taxonomy.version } },
      carry,
    },
  });
  next.close();
  return target;
}

