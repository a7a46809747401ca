import type { Content, TableCell } from 'pdfmake/interfaces';
import { BOARD_RECORD_WORDS, type BoardRecord } from '../../../shared/domain/regulatoryMapping';
import { isAnswered, regulatoryCoverage, type ClauseCoverage, type FrameworkCoverage } from '../../../shared/domain/regulatoryCoverage';
import { clausesOf, findingClausesOf } from '../../../shared/domain/taxonomy';
import { plural } from '../../../shared/text/plural';
import type { DecisionRecord } from './decisionRecord';

const MUTED = '#57606a';
const GAP = '#9a3412';

/** The packet's own heading and table builders, so these pages look like the rest. */
export interface PacketParts {
  h1(text: string): Content;
  h2(text: string): Content;
  table(header: string[], rows: TableCell[][], widths?: (string | number)[]): Content;
}

/** How many of each board record the session holds; the audit log and the signed packet always exist. */
function recordCounts(record: Omit<DecisionRecord, 'regulatoryCoverage'>): Record<BoardRecord, number> {
  const decisions = record.session.items.flatMap((i) => [i.decision, ...i.amendments]).filter((d) => d !== null);
  return {
    decision: decisions.length,
    conditions: decisions.reduce((n, d) => n + d.conditions.length + d.mitigations.length, 0),
    acceptance: decisions.reduce((n, d) => n + d.acceptances.length, 0),
    audit_log: record.audit.events.length,
    signed_packet: 1,
  };
}

/**
 * What of the session answers each clause, through the mapping of the record's taxonomy
 * version; computed once for the record, so the pages and the attached JSON agree.
 */
export function sessionCoverage(record: Omit<DecisionRecord, 'regulatoryCoverage'>): FrameworkCoverage[] {
  const scored = (key: string) => record.items.filter((i) => i.heatmap?.scores[key]).length;
  return regulatoryCoverage({
    dimensions: record.taxonomy.dimensions.map((d) => ({ label: d.label, clauses: clausesOf(d), scored: scored(d.key) })),
    models: record.items.length,
    findings: record.findings,
    findingClauses: findingClausesOf(record.taxonomy),
    records: recordCounts(record),
  });
}

/** The records the session holds a number of, with that number in words that agree with it. */
const COUNTED: Partial<Record<BoardRecord, [string, string]>> = {
  decision: ['decision with rationale and votes', 'decisions with rationale and votes'],
  conditions: ['condition or mitigation with an owner', 'conditions and mitigations with owners'],
  acceptance: ['risk acceptance with expiry', 'risk acceptances with expiry'],
};

function counted(r: BoardRecord, n: number): string {
  const nouns = COUNTED[r];
  return nouns ? plural(n, nouns[0], nouns[1]) : BOARD_RECORD_WORDS[r];
}

function answeredBy(c: ClauseCoverage, counts: Record<BoardRecord, number>): TableCell {
  if (!isAnswered(c)) {
    const why = c.unscored.length ? `${c.unscored.join(', ')} ${c.unscored.length === 1 ? 'maps' : 'map'} to it but no model on the agenda was scored on ${c.unscored.length === 1 ? 'it' : 'them'}.` : null;
    return { text: [{ text: 'Not addressed', bold: true, color: GAP }, ...(why ? [{ text: `\n${why}`, color: MUTED }] : [])] };
  }
  const lines = [
    ...(c.dimensions.length ? [`Dimensions: ${c.dimensions.join('; ')}`] : []),
    ...(c.findings.length ? [`Findings: ${c.findings.join('; ')}`] : []),
    ...(c.records.length ? [`Board records: ${c.records.map((r) => counted(r, counts[r])).join('; ')}`] : []),
  ];
  return { text: lines.join('\n') };
}

/**
 * The coverage pages (issue 13 §6): for each framework's clauses, which dimensions,
 * findings and board records of this session answer it, and which are not addressed,
 * read through the mapping of the taxonomy version the packet prints.
 */
export function coveragePages(record: DecisionRecord, parts: PacketParts): Content[] {
  const { h1, h2, table } = parts;
  const counts = recordCounts(record);
  const coverage = record.regulatoryCoverage;
  return [
    h1('Regulatory coverage'),
    {
      text: `What of this session answers each clause, through the mapping of taxonomy version ${record.taxonomy.version}: dimensions scored for models on the agenda, findings of those models by category, and the board's own records. A clause marked "Not addressed" has nothing in this session that answers it. The mapping is the board's reading of the texts, not legal advice; the texts are the authority.`,
      fontSize: 8.5,
      color: MUTED,
      margin: [0, 0, 0, 6],
    },
    table(
      ['Framework', 'Clauses answered', 'Not addressed'],
      coverage.map((f) => [f.framework.name, `${f.answered} of ${f.clauses.length}`, f.clauses.filter((c) => !isAnswered(c)).map((c) => c.clause.id).join(', ') || 'none']),
      [110, 60, '*'],
    ),
    ...coverage.flatMap((f): Content[] => [
      h2(`${f.framework.name}: ${f.answered} of ${f.clauses.length} clauses answered`),
      { text: f.framework.note, fontSize: 8, color: MUTED, margin: [0, 0, 0, 2] },
      table(
        ['Clause', 'Title', 'Answered by'],
        f.clauses.map((c) => [{ text: c.clause.id, bold: true }, c.clause.title, answeredBy(c, counts)]),
        [62, 150, '*'],
      ),
    ]),
  ];
}
