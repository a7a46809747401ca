import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/contract/errors';
import { ROSTER_ROLE_WORDS } from '../../../shared/people/roster';
import { chosenPerson } from '../../services/people/actor';
import { readCycle } from '../../services/store/cycleTable';
import { personByEmail } from '../../services/store/rosterTable';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';
import type { Who } from '../who';

export const profileHelp = `Usage: mrb profile [<file.mrb>] [--choose <e-mail> | --forget] [--json]

The person using Model Review Board on this machine, the same choice as the app's top
bar (kept in the user data folder). Without options, says who is chosen and, with a
workspace, who its writes are recorded as. --choose takes a person of that workspace's
roster (the workspace is needed to check it); --forget clears the choice, after which
writes are recorded as the operating-system account.`;

export function runProfile(argv: string[], io: CliIo, who: Who): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { choose: { type: 'string' }, forget: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length > 1) throw new UsageError('profile takes at most one workspace file.', 'profile');
  if (values.choose !== undefined && values.forget) throw new UsageError('give --choose or --forget, not both.', 'profile');
  const file = positionals[0] === undefined ? null : path.resolve(positionals[0]);
  if (values.choose !== undefined && file === null) throw new UsageError('--choose needs the workspace whose roster has the person: mrb profile <file.mrb> --choose <e-mail>.', 'profile');
  const ws = file === null ? null : Workspace.open(file, { readonly: true });
  try {
    if (values.forget) who.profile.choose(null);
    if (values.choose !== undefined && ws) {
      const person = personByEmail(ws.reader, values.choose);
      if (!person) {
        const cycle = readCycle(ws.reader)?.name ?? path.basename(ws.path);
        throw new UserError('not_found', `${values.choose} is not on the roster of ${cycle} (${path.basename(ws.path)}); add the person with mrb roster add first.`, 'choose');
      }
      who.profile.choose(person.email);
    }
    const email = who.profile.email();
    const person = ws ? (chosenPerson(ws.reader, email) ?? null) : null;
    if (values.json) io.out(JSON.stringify({ email, person }, null, 2));
    else if (email === null) io.out('Nobody is chosen on this machine: writes are recorded as the operating-system account.');
    else if (!ws) io.out(`Chosen on this machine: ${email}.`);
    else if (person) io.out(`Chosen on this machine: ${person.name} <${person.email}>, ${ROSTER_ROLE_WORDS[person.role]}; writes to ${path.basename(ws.path)} are recorded under that name.`);
    else io.out(`Chosen on this machine: ${email}, who is not on the roster of ${path.basename(ws.path)}: writes there are recorded as the operating-system account.`);
  } finally {
    ws?.close();
  }
  return EXIT.ok;
}
