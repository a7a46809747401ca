import { z } from 'zod';
import type { FieldProblem } from '../scoring/fieldProblem';
import type { Dimension } from './taxonomy';

/**
 * The frameworks a review board answers to and the clauses of each that model review
 * touches (issue 13 §6), with clause ids and short titles only: the texts are the
 * authority. The catalogue is a selection, not the whole of each text: a clause no
 * dimension, finding or board record could answer is left out unless a board would want
 * it shown as not addressed. regulatory-mapping.md beside this file says where each
 * default mapping was checked and where it is an inference.
 */

export const FRAMEWORK_IDS = ['sr26_2', 'eu_ai_act', 'nist_ai_rmf', 'iso_42001', 'pra_ss1_23', 'osfi_e23'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export interface Framework {
  id: FrameworkId;
  name: string;
  /** What the clause ids are and how far they were checked, printed under the coverage table. */
  note: string;
}

export const FRAMEWORKS: readonly Framework[] = [
  {
    id: 'sr26_2',
    name: 'SR 26-2 / OCC 2026-13',
    note: 'Revised interagency guidance on model risk management of 17 April 2026, which superseded SR 11-7; cited by section. Generative and agentic AI are outside its scope.',
  },
  { id: 'eu_ai_act', name: 'EU AI Act', note: 'Regulation (EU) 2024/1689, obligations for high-risk AI systems; cited by article, paragraph and point.' },
  { id: 'nist_ai_rmf', name: 'NIST AI RMF 1.0', note: 'NIST AI 100-1; cited by function and subcategory (GV GOVERN, MP MAP, MS MEASURE, MG MANAGE).' },
  { id: 'iso_42001', name: 'ISO/IEC 42001', note: 'ISO/IEC 42001:2023; Annex A controls, and the risk clauses 6.1.2 and 6.1.3 of the main text.' },
  { id: 'pra_ss1_23', name: 'PRA SS1/23', note: 'PRA supervisory statement SS1/23, model risk management principles for banks; cited by principle.' },
  {
    id: 'osfi_e23',
    name: 'OSFI E-23',
    note: 'OSFI Guideline E-23 (2027), effective 1 May 2027; cited by the element of model risk management it expects, not by paragraph.',
  },
];

export interface Clause {
  framework: FrameworkId;
  id: string;
  title: string;
}

const clauses = (framework: FrameworkId, rows: readonly [string, string][]): Clause[] => rows.map(([id, title]) => ({ framework, id, title }));

export const CLAUSES: readonly Clause[] = [
  ...clauses('sr26_2', [
    ['III', 'Model risk: inventory, materiality from exposure and purpose'],
    ['IV', 'Model development, implementation and use'],
    ['V', 'Validation: conceptual soundness, outcomes analysis, ongoing monitoring'],
    ['VI', 'Governance, policies and controls'],
    ['VII', 'Vendor and other third-party products'],
  ]),
  ...clauses('eu_ai_act', [
    ['9(2)(a)', 'Risk management: identify and analyse foreseeable risks'],
    ['9(2)(d)', 'Risk management: adopt targeted risk management measures'],
    ['9(5)', 'Risk management: residual risk judged acceptable'],
    ['10(2)(f)', 'Data governance: examination for possible biases'],
    ['10(3)', 'Data governance: relevant, representative, complete data'],
    ['10(5)', 'Data governance: special categories of personal data for bias correction'],
    ['11', 'Technical documentation'],
    ['12', 'Record-keeping'],
    ['13', 'Transparency and information to deployers'],
    ['14', 'Human oversight'],
    ['15(3)', 'Accuracy levels and metrics declared'],
    ['15(4)', 'Robustness: resilience to errors, faults, inconsistencies'],
    ['15(5)', 'Cybersecurity: resilience to attacks'],
    ['17(1)(a)', 'Quality management: strategy for regulatory compliance'],
    ['17(1)(d)', 'Quality management: examination, test and validation procedures'],
    ['17(1)(m)', 'Quality management: accountability framework'],
    ['27', 'Fundamental rights impact assessment (deployers)'],
    ['72', 'Post-market monitoring'],
    ['Annex IV(2)(g)', 'Technical documentation: validation and testing, metrics'],
  ]),
  ...clauses('nist_ai_rmf', [
    ['GV-1.1', 'Legal and regulatory requirements understood and documented'],
    ['GV-1.4', 'Risk management process and outcomes set by transparent controls'],
    ['GV-1.5', 'Ongoing monitoring and periodic review planned'],
    ['GV-1.6', 'Inventory of AI systems'],
    ['GV-2.3', 'Leadership takes responsibility for AI risk decisions'],
    ['GV-4.2', 'Risks and impacts documented and communicated'],
    ['GV-6.1', 'Third-party risks addressed by policies'],
    ['MP-2.3', 'Scientific integrity and TEVV considerations, data representativeness'],
    ['MP-3.2', 'Potential costs of errors examined'],
    ['MP-5.1', 'Likelihood and magnitude of impacts identified'],
    ['MS-1.3', 'Independent assessors involved in regular assessments'],
    ['MS-2.3', 'Performance measured in conditions like deployment'],
    ['MS-2.4', 'Behaviour monitored in production'],
    ['MS-2.5', 'Shown valid and reliable; limits of generalisation documented'],
    ['MS-2.6', 'Evaluated for safety risks, fails safely'],
    ['MS-2.7', 'Security and resilience evaluated'],
    ['MS-2.8', 'Transparency and accountability risks examined'],
    ['MS-2.9', 'Model explained, validated and documented'],
    ['MS-2.10', 'Privacy risk examined'],
    ['MS-2.11', 'Fairness and bias evaluated'],
    ['MS-3.1', 'Existing and emergent risks tracked'],
    ['MG-1.1', 'Decided whether the system meets its purpose and should proceed'],
    ['MG-1.3', 'Responses to high-priority risks planned and documented'],
    ['MG-1.4', 'Negative residual risks documented'],
    ['MG-4.1', 'Post-deployment monitoring plans implemented'],
  ]),
  ...clauses('iso_42001', [
    ['6.1.2', 'AI risk assessment'],
    ['6.1.3', 'AI risk treatment'],
    ['A.3.2', 'AI roles and responsibilities'],
    ['A.5.4', 'Assessing AI system impact on individuals or groups'],
    ['A.5.5', 'Assessing societal impacts of AI systems'],
    ['A.6.2.4', 'AI system verification and validation'],
    ['A.6.2.6', 'AI system operation and monitoring'],
    ['A.6.2.7', 'AI system technical documentation'],
    ['A.6.2.8', 'AI system recording of event logs'],
    ['A.7.4', 'Quality of data for AI systems'],
    ['A.7.5', 'Data provenance'],
    ['A.8.2', 'System documentation and information for users'],
    ['A.9.4', 'Intended use of the AI system'],
    ['A.10.3', 'Suppliers'],
  ]),
  ...clauses('pra_ss1_23', [
    ['P1', 'Model identification and model risk classification'],
    ['P2', 'Governance'],
    ['P3', 'Model development, implementation and use'],
    ['P4', 'Independent model validation'],
    ['P5', 'Model risk mitigants'],
  ]),
  ...clauses('osfi_e23', [
    ['Inventory', 'Model inventory'],
    ['Risk rating', 'Model risk rating'],
    ['Data', 'Data for model design and development'],
    ['Development', 'Model development'],
    ['Review', 'Independent model review (validation)'],
    ['Approval', 'Model approval'],
    ['Monitoring', 'Ongoing model monitoring'],
    ['Governance', 'Accountability, roles and reporting'],
  ]),
];

/** A clause as a mapping names it: the framework id and the clause id within it. */
export const ClauseRefSchema = z.object({ framework: z.string(), clause: z.string() }).strict();
export type ClauseRef = z.infer<typeof ClauseRefSchema>;

/** Finding categories to clauses; categories are the register's own words (drift, fairness, ...). */
export const FindingClausesSchema = z.record(z.string(), z.array(ClauseRefSchema));
export type FindingClauses = z.infer<typeof FindingClausesSchema>;

export function frameworkName(id: string): string {
  return FRAMEWORKS.find((f) => f.id === id)?.name ?? id;
}

export function findClause(ref: ClauseRef): Clause | undefined {
  return CLAUSES.find((c) => c.framework === ref.framework && c.id === ref.clause);
}

/** "EU AI Act 15(4)": a clause as a person reads it. */
export function clauseLabel(ref: ClauseRef): string {
  return `${frameworkName(ref.framework)} ${ref.clause}`;
}

/** Clause refs from a compact table: framework, then its clause ids. */
function refs(table: Partial<Record<FrameworkId, readonly string[]>>): ClauseRef[] {
  return FRAMEWORK_IDS.flatMap((framework) => (table[framework] ?? []).map((clause) => ({ framework, clause })));
}

/**
 * The default mapping of the default dimensions, the starting table of issue 13 §6 after
 * checking (see regulatory-mapping.md for what changed and why). Seeded into every new
 * workspace's first taxonomy version; the taxonomy editor changes it from there.
 */
export const DEFAULT_DIMENSION_CLAUSES: Readonly<Record<string, readonly ClauseRef[]>> = {
  performance_drift: refs({
    sr26_2: ['V'],
    eu_ai_act: ['15(3)', '72'],
    nist_ai_rmf: ['MS-2.3', 'MS-2.4', 'MS-2.5', 'MS-3.1'],
    iso_42001: ['A.6.2.4', 'A.6.2.6'],
    pra_ss1_23: ['P3', 'P4'],
    osfi_e23: ['Monitoring'],
  }),
  data_quality: refs({
    sr26_2: ['IV'],
    eu_ai_act: ['10(3)'],
    nist_ai_rmf: ['MP-2.3'],
    iso_42001: ['A.7.4', 'A.7.5'],
    pra_ss1_23: ['P3'],
    osfi_e23: ['Data'],
  }),
  robustness: refs({
    sr26_2: ['V'],
    eu_ai_act: ['15(4)'],
    nist_ai_rmf: ['MS-2.5', 'MS-2.6'],
    iso_42001: ['A.6.2.4'],
    pra_ss1_23: ['P3'],
    osfi_e23: ['Development'],
  }),
  security_exposure: refs({ eu_ai_act: ['15(5)'], nist_ai_rmf: ['MS-2.7'], iso_42001: ['A.6.2.4'] }),
  privacy: refs({ eu_ai_act: ['10(5)'], nist_ai_rmf: ['MS-2.10'], iso_42001: ['A.5.4'] }),
  fairness_bias: refs({
    eu_ai_act: ['10(2)(f)', '27'],
    nist_ai_rmf: ['MS-2.11'],
    iso_42001: ['A.5.4', 'A.5.5'],
    pra_ss1_23: ['P3'],
    osfi_e23: ['Data'],
  }),
  customer_harm: refs({
    sr26_2: ['III'],
    eu_ai_act: ['9(2)(a)', '27'],
    nist_ai_rmf: ['MP-5.1'],
    iso_42001: ['A.5.4', 'A.5.5'],
    pra_ss1_23: ['P1'],
    osfi_e23: ['Risk rating'],
  }),
  regulatory_exposure: refs({
    sr26_2: ['III'],
    eu_ai_act: ['17(1)(a)'],
    nist_ai_rmf: ['GV-1.1'],
    iso_42001: ['6.1.2'],
    pra_ss1_23: ['P1'],
    osfi_e23: ['Risk rating'],
  }),
  operational_cost: refs({ sr26_2: ['III'], nist_ai_rmf: ['MP-3.2'], iso_42001: ['6.1.2'], pra_ss1_23: ['P1'], osfi_e23: ['Risk rating'] }),
  explainability: refs({
    sr26_2: ['V'],
    eu_ai_act: ['13', '14'],
    nist_ai_rmf: ['MS-2.8', 'MS-2.9'],
    iso_42001: ['A.8.2'],
    pra_ss1_23: ['P3'],
    osfi_e23: ['Development'],
  }),
  monitoring_readiness: refs({
    sr26_2: ['V'],
    eu_ai_act: ['72', '12'],
    nist_ai_rmf: ['GV-1.5', 'MG-4.1'],
    iso_42001: ['A.6.2.6'],
    pra_ss1_23: ['P4'],
    osfi_e23: ['Monitoring'],
  }),
};

/** The mapping of a dimension key: its default, or none for a key the defaults do not know. */
export function defaultDimensionClauses(key: string): ClauseRef[] {
  return (DEFAULT_DIMENSION_CLAUSES[key] ?? []).map((r) => ({ ...r }));
}

/**
 * The categories the app raises findings under (validation of a bundle, a condition's
 * rule not met) and the clauses a finding of each is evidence for. Findings raised by
 * hand take any category; a taxonomy version can map those too.
 */
export const DEFAULT_FINDING_CLAUSES: FindingClauses = {
  drift: refs({ sr26_2: ['V'], eu_ai_act: ['72'], nist_ai_rmf: ['MS-2.4', 'MS-3.1'], iso_42001: ['A.6.2.6'], pra_ss1_23: ['P4'], osfi_e23: ['Monitoring'] }),
  fairness: refs({ eu_ai_act: ['10(2)(f)'], nist_ai_rmf: ['MS-2.11'], iso_42001: ['A.5.4'], pra_ss1_23: ['P3'] }),
  small_group: refs({ eu_ai_act: ['10(3)'], nist_ai_rmf: ['MP-2.3'], iso_42001: ['A.7.4'], pra_ss1_23: ['P3'], osfi_e23: ['Data'] }),
  claim_mismatch: refs({
    sr26_2: ['V'],
    eu_ai_act: ['15(3)', 'Annex IV(2)(g)'],
    nist_ai_rmf: ['MS-1.3', 'MS-2.5'],
    iso_42001: ['A.6.2.4'],
    pra_ss1_23: ['P4'],
    osfi_e23: ['Review'],
  }),
  claim_not_comparable: refs({ sr26_2: ['V'], eu_ai_act: ['Annex IV(2)(g)'], nist_ai_rmf: ['MS-1.3'], iso_42001: ['A.6.2.4'], pra_ss1_23: ['P4'], osfi_e23: ['Review'] }),
  claim_not_recomputable: refs({ sr26_2: ['V'], eu_ai_act: ['Annex IV(2)(g)'], nist_ai_rmf: ['MS-1.3'], iso_42001: ['A.6.2.4'], pra_ss1_23: ['P4'], osfi_e23: ['Review'] }),
  undefined_metric: refs({ eu_ai_act: ['17(1)(d)'], nist_ai_rmf: ['MS-2.5'], iso_42001: ['A.6.2.4'], pra_ss1_23: ['P4'] }),
  condition_rule: refs({ sr26_2: ['V'], eu_ai_act: ['72'], nist_ai_rmf: ['MG-4.1'], iso_42001: ['A.6.2.6'], pra_ss1_23: ['P5'], osfi_e23: ['Monitoring'] }),
};

/** The board's own records that answer clauses whatever the taxonomy says: they are what the app keeps. */
export const BOARD_RECORDS = ['decision', 'conditions', 'acceptance', 'audit_log', 'signed_packet'] as const;
export type BoardRecord = (typeof BOARD_RECORDS)[number];

export const BOARD_RECORD_CLAUSES: Readonly<Record<BoardRecord, readonly ClauseRef[]>> = {
  // A decision with its rationale, votes and approvers.
  decision: refs({ sr26_2: ['VI'], eu_ai_act: ['14', '17(1)(m)'], nist_ai_rmf: ['GV-2.3', 'MG-1.1'], iso_42001: ['A.3.2'], pra_ss1_23: ['P2'], osfi_e23: ['Approval', 'Governance'] }),
  // Conditions and mitigations, each with an owner and a due date.
  conditions: refs({ sr26_2: ['V'], eu_ai_act: ['9(2)(d)'], nist_ai_rmf: ['MG-1.3'], iso_42001: ['6.1.3'], pra_ss1_23: ['P5'], osfi_e23: ['Approval'] }),
  // Risk acceptances with compensating controls and an expiry.
  acceptance: refs({ sr26_2: ['V'], eu_ai_act: ['9(5)'], nist_ai_rmf: ['MG-1.4'], iso_42001: ['6.1.3'], pra_ss1_23: ['P5'] }),
  audit_log: refs({ sr26_2: ['VI'], eu_ai_act: ['12'], nist_ai_rmf: ['GV-1.4'], iso_42001: ['A.6.2.8'], pra_ss1_23: ['P2'], osfi_e23: ['Governance'] }),
  signed_packet: refs({ sr26_2: ['VI'], eu_ai_act: ['11'], nist_ai_rmf: ['GV-4.2'], iso_42001: ['A.6.2.7'], pra_ss1_23: ['P2'], osfi_e23: ['Governance'] }),
};

export const BOARD_RECORD_WORDS: Readonly<Record<BoardRecord, string>> = {
  decision: 'decisions with rationale and votes',
  conditions: 'conditions and mitigations with owners',
  acceptance: 'risk acceptances with expiry',
  audit_log: 'the hash-chained audit log',
  signed_packet: 'this signed packet',
};

/** A finding category as the mapping keys it: what the register stores, trimmed. */
const CATEGORY = /^[A-Za-z0-9][A-Za-z0-9 _-]{0,99}$/;

/**
 * Problems of one list of clause refs, each a sentence naming the field: an unknown
 * framework, a clause the catalogue does not hold under that framework, or the same
 * clause twice. `owner` says whose list it is ("dimension 3 (Robustness)").
 */
export function checkClauseRefs(list: readonly ClauseRef[], field: string, owner: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  list.forEach((ref, j) => {
    const at = `${field}[${j}]`;
    const framework = FRAMEWORKS.find((f) => f.id === ref.framework);
    if (!framework) {
      problems.push({
        field: `${at}.framework`,
        message: `Clause ${j + 1} of ${owner} names the framework "${ref.framework}", which is not one the app knows; use one of ${FRAMEWORK_IDS.join(', ')}.`,
      });
      return;
    }
    if (!findClause(ref)) {
      const known = CLAUSES.filter((c) => c.framework === framework.id).map((c) => c.id);
      problems.push({
        field: `${at}.clause`,
        message: `Clause ${j + 1} of ${owner} is "${ref.clause}", which is not a clause of ${framework.name} in the catalogue; use one of ${known.join(', ')}.`,
      });
      return;
    }
    const key = `${ref.framework}|${ref.clause}`;
    if (seen.has(key)) problems.push({ field: `${at}.clause`, message: `${owner} lists ${clauseLabel(ref)} twice; list each clause once.` });
    seen.add(key);
  });
  return problems;
}

/** Problems of the finding categories' mapping: a category that could not be a register's, or a bad clause. */
export function checkFindingClauses(map: FindingClauses): FieldProblem[] {
  return Object.entries(map).flatMap(([category, list]) =>
    CATEGORY.test(category)
      ? checkClauseRefs(list, `findingClauses.${category}`, `the finding category "${category}"`)
      : [{ field: `findingClauses.${category}`, message: `The finding category "${category}" must start with a letter or digit and hold only letters, digits, spaces, _ and - (at most 100).` }],
  );
}

/** Every problem of a taxonomy's mapping: each dimension's clauses and the finding categories'. */
export function checkMapping(t: { dimensions: readonly Pick<Dimension, 'key' | 'label' | 'clauses'>[]; findingClauses?: FindingClauses | undefined }): FieldProblem[] {
  return [
    ...t.dimensions.flatMap((d, i) => checkClauseRefs(d.clauses ?? [], `dimensions[${i}].clauses`, `dimension ${i + 1} (${d.label.trim() || d.key})`)),
    ...checkFindingClauses(t.findingClauses ?? {}),
  ];
}
