/**
 * How a field path of a call (`conditions.1.due`, `dimensions[4].weight`) is named to a
 * user: as the screen labels it, items counted from 1 — "Condition 2, due date",
 * "Dimension 5, weight". Paths stay the machine's name for the field (ApiError.field,
 * the control to mark); this is only the words.
 */

/** Lists whose items the screen numbers, by the word for one item. */
const ITEM_WORDS: Record<string, string> = {
  acceptances: 'Risk acceptance',
  amendments: 'Amendment',
  attendees: 'Attendee',
  conditions: 'Condition',
  dimensions: 'Dimension',
  files: 'File',
  items: 'Agenda item',
  marks: 'Attendee',
  mitigations: 'Mitigation',
  modelIds: 'Model',
  paths: 'File',
  rules: 'Rule',
  votes: 'Vote',
};

/** Field names as their controls are labelled. */
const FIELD_WORDS: Record<string, string> = {
  acceptanceMaxMonths: 'Longest acceptance, in months',
  action: 'action',
  approver: 'approver',
  asOf: 'Time',
  attendeeId: 'attendee',
  axis: 'axis',
  blockingRisk: 'Blocking risk',
  cap: 'Number of items',
  chair: 'Chair',
  claimTolerance: 'Tolerance',
  compensatingControls: 'compensating controls',
  critical: 'Critical threshold',
  date: 'Date',
  description: 'description',
  dimension: 'dimension',
  due: 'due date',
  email: 'E-mail',
  expiry: 'expiry date',
  file: 'File',
  fileName: 'File name',
  findingId: 'finding',
  high: 'High threshold',
  key: 'key',
  label: 'label',
  location: 'Location',
  medium: 'Medium threshold',
  metric: 'metric',
  modelId: 'Model',
  name: 'Name',
  note: 'Note',
  op: 'comparison',
  organisation: 'Organisation',
  outcome: 'Outcome',
  owner: 'owner',
  passphrase: 'Passphrase',
  path: 'File',
  periodEnd: 'Period end',
  periodStart: 'Period start',
  quorum: 'Quorum',
  rationale: 'Rationale',
  risk: 'risk',
  role: 'Role',
  rule: 'rule',
  score: 'Score',
  sessionId: 'Session',
  status: 'Status',
  statusNote: 'Status note',
  successCriteria: 'success criteria',
  text: 'text',
  thresholds: 'Tier thresholds',
  title: 'Title',
  value: 'Score',
  weight: 'weight',
};

/** Wrappers that group a call's fields but have no control of their own. */
const GROUPS = new Set(['args', 'decision', 'draft', 'patch', 'settings', 'taxonomy']);

function segmentsOf(path: string | readonly PropertyKey[]): (string | number)[] {
  const raw = typeof path === 'string' ? path.split(/[.[\]]+/).filter((s) => s !== '') : path.map((s) => (typeof s === 'symbol' ? String(s.description) : s));
  return raw.map((s) => (typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s));
}

/** "successCriteria" → "success criteria": a field no one has named reads as words, not as a key. */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

/** The screen's name for a field path, or '' for the call as a whole. */
export function fieldLabel(path: string | readonly PropertyKey[]): string {
  const segments = segmentsOf(path);
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as string | number;
    const next = segments[i + 1];
    if (typeof s === 'string' && typeof next === 'number') {
      parts.push(`${ITEM_WORDS[s] ?? words(s)} ${next + 1}`);
      i++;
    } else if (typeof s === 'number') {
      parts.push(`item ${s + 1}`);
    } else if (GROUPS.has(s) && i < segments.length - 1) {
      continue;
    } else {
      parts.push(FIELD_WORDS[s] ?? words(s));
    }
  }
  const label = parts.join(', ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}
