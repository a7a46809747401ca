import type { BundleSummary, CallResult, CycleInfo, HeatmapRow, Proposal, Score } from '../../shared/contract/calls';
import type { Model } from '../../shared/domain/model';
import type { AgendaItem, SessionDetail } from '../../shared/sessions/session';
import type { RegisterFinding } from '../../shared/cycles/findings';
import type { AuditLog, AuditLogEvent } from '../../shared/audit/auditLog';
import { DEFAULT_DIMENSIONS, DEFAULT_THRESHOLDS, type Dimension, type Taxonomy } from '../../shared/domain/taxonomy';

/**
 * Small typed records for component tests: each builder gives a valid object of the
 * contract and takes the fields a test cares about.
 */

const at = (dimensionKey: string): Dimension => {
  const d = DEFAULT_DIMENSIONS.find((x) => x.key === dimensionKey);
  if (!d) throw new Error(`The default taxonomy has no dimension ${dimensionKey}.`);
  return d;
};

export const drift = at('performance_drift');
export const dataQuality = at('data_quality');

export const taxonomy: Taxonomy = { version: 1, createdAt: '2026-01-05T09:00:00.000Z', thresholds: DEFAULT_THRESHOLDS, dimensions: [...DEFAULT_DIMENSIONS] };

export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);

export function heatmapRow(scores: Record<string, Score> = {}): HeatmapRow {
  return {
    model: { id: 'credit-pd', name: 'Credit PD', owner: 'Risk Analytics', productLine: 'Lending', regions: ['EU'], context: 'Retail credit' },
    scores,
    heat: null,
    band: null,
    likelihood: null,
    impact: null,
    tier: null,
    rank: 1,
    topQuartile: false,
    coverage: { scored: Object.keys(scores).length, total: DEFAULT_DIMENSIONS.length },
    openSevere: { high: 0, critical: 0 },
    floor: null,
  };
}

export function score(dimension: string, value: number, over: Partial<Score> = {}): Score {
  return {
    modelId: 'credit-pd',
    dimension,
    value,
    lo: value,
    hi: value,
    source: 'analyst',
    rationale: '',
    taxonomyVersion: 1,
    scoredBy: 'ana@bank.example',
    scoredAt: '2026-02-01T10:00:00.000Z',
    evidence: null,
    ...over,
  };
}

export function proposal(value: number, over: Partial<Proposal> = {}): Proposal {
  return { score: value, metric: 'drift.psi_max', op: '>=', value: 0.25, observed: 0.31, observedText: '0.31', bundleSha256: SHA_A, rule: `drift.psi_max >= 0.25 -> ${value}`, ...over };
}

/** scores.proposals for the default taxonomy: the given proposals, nothing for the other dimensions. */
export function proposals(byDimension: Record<string, Proposal> = {}): CallResult<'scores.proposals'> {
  return DEFAULT_DIMENSIONS.map((d) => ({ dimension: d.key, proposal: byDimension[d.key] ?? null, current: null }));
}

export function bundle(sha256: string, modelVersion: string): BundleSummary {
  return {
    sha256,
    modelId: 'credit-pd',
    modelVersion,
    task: 'binary_classification',
    createdAt: '2026-01-20T08:00:00.000Z',
    producer: 'mrb-export 1.0',
    sourceName: `credit-pd-${modelVersion}.zip`,
    importedAt: '2026-01-21T08:00:00.000Z',
    importedBy: 'ana@bank.example',
    files: [],
    findings: { info: 0, low: 0, medium: 0, high: 0, critical: 0 },
  };
}

export function auditEvent(seq: number, over: Partial<AuditLogEvent> = {}): AuditLogEvent {
  return {
    seq,
    at: `2026-02-${String(seq % 28 + 1).padStart(2, '0')}T10:00:00.000Z`,
    actor: 'ana@bank.example',
    action: 'score.set',
    entity: 'score',
    entityId: 'credit-pd/performance_drift',
    before: null,
    after: { value: 3, rationale: 'PSI above the act line' },
    hash: `${seq}`.padStart(64, 'f'),
    prevHash: `${seq - 1}`.padStart(64, 'f'),
    chain: 'holds',
    line: `{"seq":${seq}}`,
    ...over,
  };
}

export function auditLog(events: AuditLogEvent[], over: Partial<AuditLog> = {}): AuditLog {
  return {
    events,
    matching: events.length,
    nextBefore: null,
    chainProblem: null,
    facets: { entities: [...new Set(events.map((e) => e.entity))], actors: [...new Set(events.map((e) => e.actor))], actions: [...new Set(events.map((e) => e.action))] },
    ...over,
  };
}

export const cycleInfo: CycleInfo = {
  path: '/home/ana/cycles/2026-h1.mrb',
  id: 'cycle-2026-h1',
  name: '2026 H1',
  periodStart: '2026-01-01',
  periodEnd: '2026-06-30',
  createdAt: '2026-01-02T09:00:00.000Z',
  createdBy: 'ana@bank.example',
  schemaVersion: 8,
  counts: { models: 1, bundles: 1, sessions: 0, auditEvents: 12 },
  taxonomy: { version: 1, dimensions: DEFAULT_DIMENSIONS.length, likelihood: 6, impact: 5 },
  audit: { ok: true, events: 12, head: 'f'.repeat(64), problem: null },
  version: 3,
};

export function registerFinding(over: Partial<RegisterFinding> = {}): RegisterFinding {
  return {
    id: 'f-1',
    type: 'validation_issue',
    severity: 'medium',
    category: 'fairness',
    title: 'Approval rates differ by age band.',
    modelId: 'credit-pd',
    modelName: 'Credit PD',
    bundleSha256: null,
    decisionId: null,
    conditionId: null,
    owner: '',
    due: null,
    status: 'open',
    statusNote: null,
    acceptanceId: null,
    openedOn: '2026-02-01',
    closedOn: null,
    ageDays: 3,
    overdue: false,
    bornCycleId: 'cycle-2026-h1',
    bornCycleName: '2026 H1',
    raisedBy: 'ana@bank.example',
    ...over,
  };
}

export function model(over: Partial<Model> = {}): Model {
  return {
    id: 'credit-pd',
    name: 'Credit PD',
    version: '3.1.0',
    owner: 'Risk Analytics',
    team: 'Retail credit models',
    productLine: 'Lending',
    regions: ['EU'],
    useCase: 'Probability of default for retail loans',
    deployment: { context: 'customer-facing', regulated: true },
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-21T08:00:00.000Z',
    ...over,
  };
}

/** An open session of three voting members, all present, with Credit PD undecided on its agenda. */
const member = (id: string, name: string, role: string) => ({ id, name, role, voting: true, present: true });

export const agendaItem: AgendaItem = {
  id: 'item-1',
  position: 0,
  modelId: 'credit-pd',
  modelName: 'Credit PD',
  owner: 'Risk Analytics',
  heat: 2.4,
  tier: 'medium',
  topQuartile: false,
  pulledUp: [],
  findings: { critical: 0, high: 0, medium: 1, low: 0, info: 2 },
  priorDecisions: [],
  decision: null,
  amendments: [],
  outcome: null,
  note: null,
};

export const sessionDetail: SessionDetail = {
  session: {
    id: 'session-1',
    number: 1,
    title: 'Q1 board',
    date: '2026-03-02',
    location: 'Room 4.12',
    chair: 'Dana Chair',
    quorum: null,
    currentItemId: 'item-1',
    attendanceTakenAt: '2026-03-02T09:00:00.000Z',
    createdAt: '2026-02-20T09:00:00.000Z',
    createdBy: 'ana@bank.example',
    closedAt: null,
    closedBy: null,
  },
  status: 'open',
  attendees: [member('a-1', 'Dana Chair', 'Chair'), member('a-2', 'Eli Risk', 'Risk'), member('a-3', 'Fay Legal', 'Legal')],
  quorum: { rule: 'majority', votingMembers: 3, presentVoters: 3, required: 2, met: true, message: 'Quorum met: 3 of 3 voting members present, 2 needed.' },
  items: [agendaItem],
  notes: null,
};
