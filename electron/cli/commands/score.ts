import path from 'node:path';
import { parseArgs } from 'node:util';
import { calls } from '../../../shared/contract/calls';
import { describeIssues } from '../../../shared/contract/errors';
import { setScore } from '../../services/scoring/scoreService';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';

export const scoreHelp = `Usage: mrb score <file.mrb> --model ID --dimension KEY --score N [--lo N --hi N] --rationale "..." [--json]

Scores one model on one dimension of the cycle's taxonomy (1 to 5, with an optional band
[lo, hi] around it), as an audited event. The workspace must not be open elsewhere for
writing.`;

function number(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`--${option} must be a number, not "${text}".`, 'score');
  return v;
}

export function runScore(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      dimension: { type: 'string' },
      score: { type: 'string' },
      lo: { type: 'string' },
      hi: { type: 'string' },
      rationale: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('score takes exactly one workspace file.', 'score');
  for (const required of ['model', 'dimension', 'score'] as const) {
    if (values[required] === undefined) throw new UsageError(`score needs --${required}.`, 'score');
  }
  const parsed = calls['scores.set'].args.safeParse({
    modelId: values.model,
    dimension: values.dimension,
    value: number(values.score, 'score'),
    lo: number(values.lo, 'lo'),
    hi: number(values.hi, 'hi'),
    rationale: values.rationale ?? '',
  });
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error.issues).message.replace(/^value:/, '--score:'), 'score');
  const ws = Workspace.open(path.resolve(positionals[0] as string), { app: 'mrb score' });
  try {
    const score = setScore(ws, parsed.data);
    io.out(values.json ? JSON.stringify(score, null, 2) : `Scored ${score.modelId} on ${score.dimension}: ${score.value} [${score.lo}, ${score.hi}].`);
  } finally {
    ws.close();
  }
  return EXIT.ok;
}
