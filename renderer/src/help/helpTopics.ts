import { KPI_DEFINITIONS, type KpiKey } from '../../../shared/cycles/kpis';

/** What a place is for, the keys it answers to, and what the numbers it shows mean. */
export interface HelpTopic {
  title: string;
  purpose: string;
  keys: readonly { keys: readonly string[]; what: string }[];
  terms: readonly { term: string; definition: string }[];
}

/** Keys every place answers to; a place lists its own after them. */
export const COMMON_KEYS: HelpTopic['keys'] = [
  { keys: ['Ctrl', 'K'], what: 'Command palette: every place and action by name' },
  { keys: ['F1'], what: 'This help, for the place on screen' },
  { keys: ['?'], what: 'This help too, where the place does not use ? itself (Chairing shows its own shortcuts)' },
  { keys: ['Esc'], what: 'Close a drawer, a dialog or this panel' },
];

/**
 * The definitions the app computes by, in words (SPEC section 6, shared/scoring and
 * shared/sessions): one text per term, so two places cannot explain one number two ways.
 */
const TERMS = {
  score: { term: 'Score', definition: 'One model on one dimension of the taxonomy: 1 (least risk) to 5 (most), with a band [low, high] for how sure the analyst is. An evidence rule can propose it; the analyst accepts it or overrides with a rationale.' },
  heat: { term: 'Heat', definition: "The model's weighted mean score: H = Σ w·s / Σ w over the dimensions scored, each dimension's weight w from the taxonomy. Unscored dimensions are left out, not counted as zero." },
  band: { term: 'Band', definition: 'The range the heat could take: the same weighted mean over each score\'s low end and over its high end. A wide band means the scores behind the heat are uncertain.' },
  tier: { term: 'Tier', definition: 'The heat in a word, by the thresholds in Settings (by default: low below 2.0, medium from 2.0, high from 3.0, critical from 4.0), raised by the floors of the taxonomy (by default a dimension scored 4 or more, or an open high finding, makes it at least High; an open critical finding, Critical). Below the minimum coverage the tier is "Incomplete" unless a floor holds; with nothing scored it is "Unscored".' },
  coverage: { term: 'Coverage', definition: 'Dimensions scored of those that count (weight above zero), as in "8 of 11 dimensions scored (73%)". Below the minimum of the taxonomy (by default 70%) the heat is not trusted for a tier, and approving the model needs the chair\'s acknowledgement.' },
  order: { term: 'Heatmap order', definition: 'Heat descending, then impact descending, then model id. The top quartile is the first ceil(n/4) scored models.' },
  axes: { term: 'Likelihood and impact', definition: "The same weighted mean as the heat, over the dimensions on each axis (each dimension's axis is set in the taxonomy), rounded half up to place a model on the 5 × 5 matrix." },
  psi: { term: 'PSI (population stability index)', definition: 'Drift of one feature between the reference and the current sample: Σ (p_cur − p_ref) · ln(p_cur / p_ref) over 10 quantile bins of the reference (categories for a categorical feature), an empty bin counted as 0.0001. From 0.1 a moderate shift (a medium finding), from 0.25 a major one (high).' },
  claim: { term: 'Claim', definition: "A metric the bundle states, compared with the value recomputed from its own data within the stated tolerance: matches, mismatch (a finding), not recomputable, or not comparable when the claim uses another tool's definition." },
  quorum: { term: 'Quorum rule', definition: 'Voting members who must be present for a decision: more than half of the voting members listed (5 → 3, 4 → 3), unless the session fixes a number. Guests do not count. Without quorum no decision can be recorded.' },
  tally: { term: 'Votes', definition: 'For, against and abstaining among the present voting members; an outcome rule may need a majority for.' },
  framework: {
    term: 'Regulatory mapping',
    definition:
      'The clauses of SR 26-2 / OCC 2026-13, the EU AI Act, NIST AI RMF 1.0, ISO/IEC 42001, PRA SS1/23 and OSFI E-23 that each dimension and finding category answers, part of the taxonomy version. The heatmap\'s Framework filter shows only the dimensions that answer the framework chosen (heat and tier still weigh them all); a packet\'s coverage pages name the clauses the session did not address.',
  },
  acceptance: { term: 'Risk acceptance', definition: 'A risk the board accepts for a time, with an approver, compensating controls and an expiry; it expires on its date and the model is then due for review again.' },
} as const satisfies Record<string, { term: string; definition: string }>;

/** A programme KPI as the Overview's KPI card and the packet define it. */
const kpi = (key: KpiKey) => ({ term: KPI_DEFINITIONS[key].label, definition: KPI_DEFINITIONS[key].definition });

const HEATMAP_KEYS: HelpTopic['keys'] = [
  { keys: ['↑', '↓', '←', '→'], what: 'Move from cell to cell' },
  { keys: ['Page Up', 'Page Down'], what: 'A screen of models up or down' },
  { keys: ['Home', 'End'], what: 'First or last column (with Ctrl: first or last cell)' },
  { keys: ['Enter'], what: 'Score the cell' },
  { keys: ['1', '2', '3', '4', '5'], what: 'In the score drawer: choose the score' },
  { keys: ['Ctrl', 'Enter'], what: 'In the score drawer: save' },
];

const TOPICS: Readonly<Record<string, HelpTopic>> = {
  overview: {
    title: 'Overview',
    purpose: 'The state of the cycle at a glance: how many models, how they are tiered, the findings and actions open, the programme KPIs and whether the audit chain holds. Each figure opens the place behind it, filtered.',
    keys: [],
    terms: [TERMS.tier, TERMS.heat, TERMS.coverage, kpi('inventory_coverage'), kpi('tiering_completion'), kpi('monitoring_coverage'), kpi('review_sla_days'), kpi('overdue_exceptions'), kpi('remediation_cycle_days')],
  },
  inventory: {
    title: 'Inventory',
    purpose: 'Every model of the cycle with its owner, use, deployment, heat and tier. Filter it, open a model in the drawer, export what is shown as CSV.',
    keys: [],
    terms: [TERMS.heat, TERMS.band, TERMS.tier, TERMS.coverage, kpi('inventory_coverage')],
  },
  heatmap: {
    title: 'Heatmap',
    purpose: 'Models (rows) against the risk dimensions (columns), coloured by score, hottest first. Click or press Enter on a cell to score it; the time control shows the map as it stood earlier, and past this cycle’s start the previous cycle’s map when its file is beside this one; the matrix view places models by likelihood and impact.',
    keys: HEATMAP_KEYS,
    terms: [TERMS.score, TERMS.heat, TERMS.band, TERMS.tier, TERMS.coverage, TERMS.order, TERMS.axes, TERMS.framework],
  },
  sessions: {
    title: 'Sessions',
    purpose: 'Board meetings: attendance and quorum, the agenda in heat order, the decision on each item with votes, conditions, mitigations and risk acceptances, the minutes. Chair a session to run it item by item with the presenter view.',
    keys: [
      { keys: ['N', '→'], what: 'Chairing: next item' },
      { keys: ['P', '←'], what: 'Chairing: previous item' },
      { keys: ['A', 'C', 'R', 'D'], what: 'Chairing: record approved, approved with conditions, rejected, deferred' },
      { keys: ['?'], what: 'Chairing: the chairing shortcuts' },
      { keys: ['Alt', '↑ / ↓'], what: 'On the agenda: move an item up or down' },
      { keys: ['Ctrl', 'Enter'], what: 'In a decision form or a note: save' },
    ],
    terms: [TERMS.quorum, TERMS.tally, TERMS.heat, TERMS.tier, TERMS.coverage, TERMS.acceptance],
  },
  registers: {
    title: 'Registers',
    purpose: 'The actions (conditions and mitigations) and the risk acceptances of the decisions in force, overdue and expiring first, with their status; the findings register of every model.',
    keys: [{ keys: ['←', '→'], what: 'On the tabs: the other register' }],
    terms: [TERMS.acceptance, kpi('overdue_exceptions'), kpi('remediation_cycle_days')],
  },
  evidence: {
    title: 'Evidence',
    purpose: "Import evidence bundles (a folder or a .zip per model): the app checks every file, recomputes the metrics from the bundle's own data and compares them with the claims. Each bundle's report lists its findings.",
    keys: [],
    terms: [TERMS.claim, TERMS.psi, kpi('monitoring_coverage')],
  },
  packets: {
    title: 'Packets',
    purpose:
      'Signed decision packets: build the PDF of a closed session, sign it with your identity and save it where you choose (its four steps show as they go, and Cancel export stops it with nothing saved or recorded); list what was issued; verify a packet someone sends you.',
    keys: [],
    terms: [TERMS.heat, TERMS.tier, TERMS.quorum],
  },
  settings: {
    title: 'Settings',
    purpose: 'The taxonomy of this cycle: its dimensions with axis, weight, evidence rules and regulatory clauses, the tier thresholds, and the tolerances the board works to (claims, the longest term of a risk acceptance).',
    keys: [],
    terms: [TERMS.score, TERMS.heat, TERMS.tier, TERMS.coverage, TERMS.axes, TERMS.psi, TERMS.framework],
  },
  audit: {
    title: 'Audit',
    purpose: 'The audit log itself: every event with its time, person, action and entity, what changed, and whether the hash chain holds at that event.',
    keys: [],
    terms: [],
  },
};

/** The help of a place, by its id; a place without its own text gets the keys every place shares. */
export function helpTopic(place: string): HelpTopic {
  return TOPICS[place] ?? { title: place.charAt(0).toUpperCase() + place.slice(1), purpose: 'A place of the cycle.', keys: [], terms: [] };
}
