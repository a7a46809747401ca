import path from 'node:path';
import { parseArgs } from 'node:util';
import { BOARD_RECORD_CLAUSES, BOARD_RECORD_WORDS, CLAUSES, FRAMEWORKS, FRAMEWORK_IDS, type BoardRecord } from '../../../shared/domain/regulatoryMapping';
import { clausesOf, findingClausesOf } from '../../../shared/domain/taxonomy';
import { Workspace } from '../../services/store/workspace';
import { taxonomyVersion } from '../../services/taxonomy/taxonomyService';
import { EXIT, UsageError, type CliIo } from '../io';

export const mappingHelp = `Usage: mrb mapping <file.mrb> [--framework <id>] [--version <n>] [--json]

The regulatory mapping of the cycle's taxonomy (the current version unless --version):
for each clause of each framework, the dimensions, finding categories and board records
(decisions, conditions, acceptances, the audit log, the signed packet) that answer it, and
the clauses nothing answers. --framework shows one framework: ${FRAMEWORK_IDS.join(', ')}.
The mapping is edited in the app's taxonomy editor, as part of a taxonomy version. Reads only.`;

export function runMapping(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { framework: { type: 'string' }, version: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('mapping takes exactly one workspace file.', 'mapping');
  const framework = values.framework;
  if (framework !== undefined && !FRAMEWORKS.some((f) => f.id === framework)) {
    throw new UsageError(`--framework "${framework}" is not a framework the app knows; use one of ${FRAMEWORK_IDS.join(', ')}.`, 'mapping');
  }
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && !(Number.isInteger(version) && version >= 1)) throw new UsageError(`--version must be a whole number from 1, not "${values.version}".`, 'mapping');
  const ws = Workspace.open(path.resolve(positionals[0] as string), { readonly: true });
  let taxonomy;
  try {
    taxonomy = taxonomyVersion(ws, { version });
  } finally {
    ws.close();
  }
  const findingClauses = findingClausesOf(taxonomy);
  const frameworks = FRAMEWORKS.filter((f) => framework === undefined || f.id === framework).map((f) => ({
    id: f.id,
    name: f.name,
    clauses: CLAUSES.filter((c) => c.framework === f.id).map((c) => {
      const answers = (refs: readonly { framework: string; clause: string }[]) => refs.some((r) => r.framework === c.framework && r.clause === c.id);
      return {
        clause: c.id,
        title: c.title,
        dimensions: taxonomy.dimensions.filter((d) => answers(clausesOf(d))).map((d) => d.key),
        findingCategories: Object.keys(findingClauses).filter((k) => answers(findingClauses[k] ?? [])),
        boardRecords: (Object.keys(BOARD_RECORD_CLAUSES) as BoardRecord[]).filter((r) => answers(BOARD_RECORD_CLAUSES[r])),
      };
    }),
  }));
  if (values.json) {
    io.out(JSON.stringify({ taxonomyVersion: taxonomy.version, frameworks }, null, 2));
    return EXIT.ok;
  }
  const label = new Map(taxonomy.dimensions.map((d) => [d.key, d.label]));
  io.out(`Regulatory mapping of taxonomy version ${taxonomy.version}:`);
  for (const f of frameworks) {
    io.out(`\n${f.name} (${f.id})`);
    for (const c of f.clauses) {
      const by = [...c.dimensions.map((k) => label.get(k) ?? k), ...c.findingCategories.map((k) => `${k.replace(/_/g, ' ')} findings`), ...c.boardRecords.map((r) => BOARD_RECORD_WORDS[r])];
      io.out(`  ${c.clause.padEnd(16)}${c.title}`);
      io.out(`  ${''.padEnd(16)}${by.length ? `answered by: ${by.join(', ')}` : 'nothing maps to it'}`);
    }
  }
  return EXIT.ok;
}
