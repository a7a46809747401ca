import { createHash } from 'node:crypto';
import type { HeatmapRow } from '../../../shared/contract/calls';
import { UserError } from '../../../shared/contract/errors';
import type { Model } from '../../../shared/domain/model';
import type { Taxonomy } from '../../../shared/domain/taxonomy';
import type { ActionRow, AcceptanceRow, SessionDetail } from '../../../shared/sessions/session';
import type { ValidationReport } from '../../../shared/validation/report';
import { currentTaxonomy } from '../cycles/cycleService';
import { heatmap } from '../scoring/scoreService';
import { acceptanceRegister, actionRegister } from '../sessions/registers';
import { sessionDetail } from '../sessions/sessionView';
import { eventsOfEntities, type RecordedEvent } from '../store/auditHistory';
import { bundleReport, listBundles } from '../store/bundleTable';
import { readCycle } from '../store/cycleTable';
import { getModel } from '../store/modelTable';
import type { Workspace } from '../store/workspace';
import type { Predecessor } from '../../../shared/cycles/lineage';
import type { RegisterFinding } from '../../../shared/cycles/findings';
import type { KpiReport } from '../../../shared/cycles/kpis';
import { kpisWithPrevious } from '../cycles/kpis';
import { findingsRegister } from '../findings/findingsRegister';
import { listRuleChecks, type RuleCheck } from '../store/findingTable';
import { readPredecessor } from '../store/lineageTable';
import type { FrameworkCoverage } from '../../../shared/domain/regulatoryCoverage';
import { sessionCoverage } from './coveragePage';

/**
 * The machine-readable decision record a packet carries inside it: everything the pages
 * show, as data, so an auditor's script can re-check a heat or a hash without reading
 * the PDF. Built from the workspace at one moment; the same state and moment give the
 * same record, byte for byte.
 */
export interface DecisionRecord {
  format: 'mrb-decision-record';
  formatVersion: 1;
  packetId: string;
  generatedAt: string;
  signer: { name: string; email: string | null; organisation: string | null; fingerprint: string };
  cycle: { id: string; name: string; periodStart: string | null; periodEnd: string | null };
  session: SessionDetail;
  taxonomy: Taxonomy;
  items: {
    itemId: string;
    model: Model;
    heatmap: HeatmapRow | null;
    bundle: { sha256: string; version: string; importedAt: string; files: { path: string; role: string; sha256: string; bytes: number }[] } | null;
    validation: Pick<ValidationReport, 'ok' | 'claims' | 'findings'> | null;
  }[];
  actions: ActionRow[];
  acceptances: AcceptanceRow[];
  audit: { events: RecordedEvent[]; totalEvents: number; head: string };
  /** Issue 11: the cycle this one follows, with the audit head recorded at the hand-over (null for a first cycle). */
  predecessor: Predecessor | null;
  /** The findings register of the models on the agenda. */
  findings: RegisterFinding[];
  /** Each check of a condition's metric rule against a bundle, for the conditions of this session's decisions. */
  ruleChecks: RuleCheck[];
  /** The programme KPIs as of the packet's day. */
  kpis: KpiReport;
  /** Issue 13 §6: each framework's clauses and what of this session answers them, as the coverage pages print it. */
  regulatoryCoverage: FrameworkCoverage[];
}

export interface Signer {
  name: string;
  email: string | null;
  organisation: string | null;
  fingerprint: string;
}

export function buildDecisionRecord(ws: Workspace, sessionId: string, at: Date, signer: Signer): DecisionRecord {
  const today = at.toISOString().slice(0, 10);
  const detail = sessionDetail(ws, sessionId, today);
  if (detail.status !== 'closed') {
    throw new UserError('invalid_argument', `Session ${detail.session.number} ("${detail.session.title}") is still open; close it first, since a packet signs decisions that can no longer change.`, 'sessionId');
  }
  const audit = ws.verifyAudit('full');
  if (!audit.ok || audit.head === null) {
    throw new UserError('workspace_refused', `The audit chain does not hold (${audit.problem?.reason ?? 'no events'}); a packet would sign a record that cannot be trusted.`);
  }
  const cycle = readCycle(ws.reader);
  if (!cycle) throw new UserError('workspace_refused', `${ws.path} holds no review cycle.`);
  const rows = new Map(heatmap(ws).rows.map((r) => [r.model.id, r]));
  const items = detail.items.map((item) => {
    const bundle = listBundles(ws.reader, item.modelId)[0];
    const report = bundle ? bundleReport(ws.reader, bundle.sha256) : undefined;
    return {
      itemId: item.id,
      model: getModel(ws.reader, item.modelId) as Model,
      heatmap: rows.get(item.modelId) ?? null,
      bundle: bundle
        ? { sha256: bundle.sha256, version: bundle.modelVersion, importedAt: bundle.importedAt, files: bundle.files.map(({ path, role, sha256, bytes }) => ({ path, role, sha256, bytes })) }
        : null,
      validation: report ? { ok: report.ok, claims: report.claims, findings: report.findings } : null,
    };
  });
  const decisionIds = detail.items.flatMap((i) => [i.decision, ...i.amendments]).filter((d) => d !== null).map((d) => d.id);
  const events = eventsOfEntities(ws.reader, [{ entity: 'session', id: sessionId }, ...decisionIds.map((id) => ({ entity: 'decision', id }))]);
  const generatedAt = at.toISOString();
  const agendaModels = new Set(detail.items.map((i) => i.modelId));
  const conditionIds = new Set(detail.items.flatMap((i) => [i.decision, ...i.amendments]).flatMap((d) => (d ? d.conditions.map((c) => c.id) : [])));
  const record: Omit<DecisionRecord, 'regulatoryCoverage'> = {
    format: 'mrb-decision-record',
    formatVersion: 1,
    packetId: createHash('sha256').update(`${cycle.id}\n${sessionId}\n${audit.head}\n${generatedAt}\n${signer.fingerprint}`).digest('hex').slice(0, 16),
    generatedAt,
    signer,
    cycle: { id: cycle.id, name: cycle.name, periodStart: cycle.period_start, periodEnd: cycle.period_end },
    session: detail,
    taxonomy: currentTaxonomy(ws),
    items,
    actions: actionRegister(ws, today).filter((a) => a.sessionId === sessionId),
    acceptances: acceptanceRegister(ws, today, { includeSuperseded: true }).filter((a) => a.sessionId === sessionId),
    audit: { events, totalEvents: audit.events, head: audit.head },
    predecessor: readPredecessor(ws.reader),
    findings: findingsRegister(ws, { asOf: today }).filter((f) => agendaModels.has(f.modelId)),
    ruleChecks: listRuleChecks(ws.reader).filter((c) => conditionIds.has(c.conditionId)),
    kpis: kpisWithPrevious(ws, today),
  };
  return { ...record, regulatoryCoverage: sessionCoverage(record) };
}
