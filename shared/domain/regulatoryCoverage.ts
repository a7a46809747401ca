import { plural } from '../text/plural';
import { BOARD_RECORD_CLAUSES, CLAUSES, FRAMEWORKS, type BoardRecord, type Clause, type ClauseRef, type FindingClauses, type Framework } from './regulatoryMapping';

/** What a session put on record, as the coverage reads it. */
export interface CoverageEvidence {
  /** Each dimension of the taxonomy with its clauses and how many agenda models were scored on it. */
  dimensions: readonly { label: string; clauses: readonly ClauseRef[]; scored: number }[];
  /** Models on the agenda, to say "scored for 3 of 4". */
  models: number;
  /** The findings of the agenda's models, by category. */
  findings: readonly { category: string }[];
  findingClauses: FindingClauses;
  /** The board's records of the session and how many of each (0 leaves it out). */
  records: Readonly<Record<BoardRecord, number>>;
}

export interface ClauseCoverage {
  clause: Clause;
  dimensions: string[];
  /** Dimensions mapped to the clause that no model on the agenda was scored on: why it is not addressed. */
  unscored: string[];
  findings: string[];
  records: BoardRecord[];
}

export interface FrameworkCoverage {
  framework: Framework;
  clauses: ClauseCoverage[];
  /** Clauses something of the session answers. */
  answered: number;
}

export function isAnswered(c: ClauseCoverage): boolean {
  return c.dimensions.length > 0 || c.findings.length > 0 || c.records.length > 0;
}

const answers = (refs: readonly ClauseRef[] | undefined, c: Clause) => (refs ?? []).some((r) => r.framework === c.framework && r.clause === c.id);

/**
 * For each framework's clauses, what of the session answers it: a dimension scored for at
 * least one model on the agenda (a dimension nobody scored answers nothing yet), a finding
 * whose category maps to it, a board record the session holds. A clause nothing answers is
 * not addressed, which the packet says in as many words.
 */
export function regulatoryCoverage(e: CoverageEvidence): FrameworkCoverage[] {
  const categories = new Map<string, number>();
  for (const f of e.findings) categories.set(f.category, (categories.get(f.category) ?? 0) + 1);
  return FRAMEWORKS.map((framework) => {
    const clauses = CLAUSES.filter((c) => c.framework === framework.id).map(
      (clause): ClauseCoverage => ({
        clause,
        dimensions: e.dimensions.filter((d) => d.scored > 0 && answers(d.clauses, clause)).map((d) => `${d.label} (scored for ${d.scored} of ${plural(e.models, 'model')})`),
        unscored: e.dimensions.filter((d) => d.scored === 0 && answers(d.clauses, clause)).map((d) => d.label),
        findings: [...categories]
          .filter(([category]) => answers(e.findingClauses[category], clause))
          .map(([category, n]) => `${category.replace(/_/g, ' ')} (${n} finding${n === 1 ? '' : 's'})`),
        records: (Object.keys(BOARD_RECORD_CLAUSES) as BoardRecord[]).filter((r) => e.records[r] > 0 && answers(BOARD_RECORD_CLAUSES[r], clause)),
      }),
    );
    return { framework, clauses, answered: clauses.filter(isAnswered).length };
  });
}
