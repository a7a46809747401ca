import path from 'node:path';
import { parseArgs } from 'node:util';
import { calls } from '../../../shared/contract/calls';
import { describeIssues, rawPath } from '../../../shared/contract/errors';
import { setScore } from '../../services/scoring/scoreService';
import { writeThroughHost } from '../hostCall';
import { EXIT, UsageError, type CliIo } from '../io';
import type { Who } from '../who';

export const scoreHelp = `Usage: mrb score <file.mrb> --model ID --dimension KEY --score N [--lo N --hi N] --rationale "..." [--json]

Scores one model on one dimension of the cycle's taxonomy (1 to 5, with an optional band
[lo, hi] around it), as an audited event. A score other than an evidence rule's proposal
needs a rationale. When \`mrb serve\` has the workspace open, the score goes through it and
every open page shows it at once; any other writer (the desktop app) refuses it. The host
is used only when <file.mrb>.host is yours, mode 0600, names a loopback address, and the
host answers with the cycle id the workspace file holds; otherwise the score is refused
with a sentence (exit 2), sent nowhere and written nowhere.`;

function number(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new UsageError(`--${option} must be a number, not "${text}".`, 'score');
  return v;
}

export async function runScore(argv: string[], io: CliIo, who: Who): Promise<number> {
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
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error.issues, rawPath).message.replace(/^value:/, '--score:'), 'score');
  const file = path.resolve(positionals[0] as string);
  const { result: score } = await writeThroughHost(file, 'mrb score', 'scores.set', parsed.data, (ws) => setScore(ws, parsed.data), who);
  io.out(values.json ? JSON.stringify(score, null, 2) : `Scored ${score.modelId} on ${score.dimension}: ${score.value} [${score.lo}, ${score.hi}].`);
  return EXIT.ok;
}
