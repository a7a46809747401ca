import path from 'node:path';
import { parseArgs } from 'node:util';
import { calls } from '../../../shared/contract/calls';
import { describeIssues, rawPath } from '../../../shared/contract/errors';
import { ROSTER_ROLE_WORDS, RosterRoleSchema, type Person } from '../../../shared/people/roster';
import { addPerson, roster } from '../../services/people/rosterService';
import { Workspace } from '../../services/store/workspace';
import { writeThroughHost } from '../hostCall';
import { EXIT, UsageError, type CliIo } from '../io';
import type { Who } from '../who';

export const rosterHelp = `Usage: mrb roster <file.mrb> [--json]

Lists the people of the cycle: name, e-mail, organisation and role. A write made with
\`mrb --as <e-mail>\` must name one of them. Reads only.`;

export const rosterAddHelp = `Usage: mrb roster add <file.mrb> --name "<name>" --email <e-mail> --role ${RosterRoleSchema.options.join('|')} [--organisation "<org>"] [--json]

Adds a person to the roster of the cycle, as an audited event (an e-mail names one
person). A new cycle's roster is empty, and \`--as\` names only people on it: the first
people are added without --as (recorded as the person chosen in the app, else the
operating-system account); after that, anyone on the roster can be named.`;

function lines(people: Person[]): string {
  if (people.length === 0) return 'Nobody is on the roster of this cycle yet: add people with mrb roster add.';
  const rows = people.map((p) => [p.name, p.email, p.organisation, ROSTER_ROLE_WORDS[p.role]]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  return rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] as number) : cell)).join('  ')).join('\n');
}

export function runRoster(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('roster takes exactly one workspace file.', 'roster');
  const ws = Workspace.open(path.resolve(positionals[0] as string), { readonly: true });
  try {
    const people = roster(ws);
    io.out(values.json ? JSON.stringify(people, null, 2) : lines(people));
  } finally {
    ws.close();
  }
  return EXIT.ok;
}

export async function runRosterAdd(argv: string[], io: CliIo, who: Who): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, organisation: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('roster add takes exactly one workspace file.', 'roster add');
  for (const required of ['name', 'email', 'role'] as const) {
    if (values[required] === undefined) throw new UsageError(`roster add needs --${required}.`, 'roster add');
  }
  const parsed = calls['roster.add'].args.safeParse({ name: values.name, email: values.email, role: values.role, organisation: values.organisation ?? '' });
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error.issues, rawPath).message.replace(/^(\w+):/, '--$1:'), 'roster add');
  const file = path.resolve(positionals[0] as string);
  const { result: people } = await writeThroughHost(file, 'mrb roster add', 'roster.add', parsed.data, (ws) => addPerson(ws, parsed.data), who);
  const added = people.find((p) => p.email.toLowerCase() === parsed.data.email.toLowerCase());
  io.out(values.json ? JSON.stringify(added, null, 2) : `Added ${added?.name} <${added?.email}> to the roster as ${added ? ROSTER_ROLE_WORDS[added.role] : ''}.`);
  return EXIT.ok;
}
