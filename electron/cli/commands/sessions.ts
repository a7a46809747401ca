import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/contract/errors';
import { tierWord } from '../../../shared/scoring/tier';
import { isIsoDate } from '../../../shared/sessions/dates';
import { OUTCOME_WORDS, type Decision, type Session, type SessionDetail } from '../../../shared/sessions/session';
import { sessionMinutesPdf } from '../../services/sessions/minutesPdf';
import { todayOf } from '../../services/sessions/sessionGuards';
import { sessionDetail, sessionSummaries } from '../../services/sessions/sessionView';
import { getSession, getSessionByNumber, hasSessionTables, sessionsWithIdPrefix } from '../../services/store/sessionTable';
import { checkNewFile, writeNewFile } from '../../services/userFiles';
import { Workspace } from '../../services/store/workspace';
import { EXIT, UsageError, type CliIo } from '../io';
import { clockOnDay, systemClock } from '../../services/clock';

export const sessionsHelp = `Usage: mrb sessions <file.mrb> [--json]

Lists the cycle's review-board sessions, newest first: number, date, title, open or
closed, agenda items decided, attendance and quorum. Reads only; works while the app has
the workspace open.`;

export const sessionShowHelp = `Usage: mrb session show <file.mrb> <session> [--today YYYY-MM-DD] [--json] [--minutes-pdf <out.pdf>]

Shows one session: attendance and quorum, then each agenda item with its outcome,
rationale, votes, conditions, mitigations, risk acceptances and amendments. <session> is
the session's number (as \`mrb sessions\` lists it), its id, or the first characters of
its id. Overdue and expiry are judged as of --today (default: today). Reads only.
--minutes-pdf also writes the minutes as an unsigned PDF in the packet's look (a new
file; an existing one is never overwritten).`;

/** A date option, checked, or today. */
export function todayOption(text: string | undefined, command: string): string {
  if (text === undefined) return todayOf(undefined);
  if (!isIsoDate(text)) throw new UsageError(`--today must be a date as YYYY-MM-DD, not "${text}".`, command);
  return text;
}

/** A session named by number, id, or a unique start of its id. */
export function findSession(ws: Workspace, ref: string): Session {
  const db = ws.reader;
  if (!hasSessionTables(db)) throw new UserError('not_found', `${ws.path} has no sessions yet.`);
  const byNumber = /^\d+$/.test(ref) ? getSessionByNumber(db, Number(ref)) : undefined;
  if (byNumber) return byNumber;
  const exact = getSession(db, ref);
  if (exact) return exact;
  const matches = ref.length >= 4 ? sessionsWithIdPrefix(db, ref) : [];
  if (matches.length === 1) return matches[0] as Session;
  if (matches.length > 1) throw new UserError('invalid_argument', `"${ref}" starts the ids of ${matches.length} sessions (${matches.map((m) => m.number).join(', ')}); give more of the id or the number.`);
  throw new UserError('not_found', `There is no session "${ref}" in ${path.basename(ws.path)}; \`mrb sessions\` lists them.`);
}

export function runSessions(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('sessions takes exactly one workspace file.', 'sessions');
  const ws = Workspace.open(path.resolve(positionals[0] as string), { readonly: true });
  try {
    const list = sessionSummaries(ws);
    if (values.json) io.out(JSON.stringify(list, null, 2));
    else if (list.length === 0) io.out('No sessions yet: the chair creates one in the app.');
    else {
      const width = Math.max(...list.map((s) => s.title.length), 5);
      io.out(`${'#'.padStart(3)}  date        ${'title'.padEnd(width)}  status  decided  present  quorum`);
      for (const s of list) {
        io.out(
          `${String(s.number).padStart(3)}  ${s.date}  ${s.title.padEnd(width)}  ${s.status.padEnd(6)}  ${`${s.decided}/${s.items}`.padStart(7)}  ${`${s.present}/${s.attendees}`.padStart(7)}  ${s.quorumMet ? 'met' : 'not met'}`,
        );
      }
    }
  } finally {
    ws.close();
  }
  return EXIT.ok;
}

function decisionText(d: Decision, indent: string): string[] {
  const lines = [`${indent}Outcome: ${OUTCOME_WORDS[d.outcome]} (recorded ${d.decidedAt} by ${d.decidedBy})`, `${indent}Rationale: ${d.rationale.replace(/\s*\n\s*/g, ' ')}`];
  if (d.blockingRisk) lines.push(`${indent}Blocking risk: ${'dimension' in d.blockingRisk ? d.blockingRisk.dimension : `finding #${d.blockingRisk.findingId}`}`);
  if (d.acknowledgement) lines.push(`${indent}Approved despite: ${d.acknowledgement.concerns.join(' ')}`, `${indent}Chair's acknowledgement: ${d.acknowledgement.reason.replace(/\s*\n\s*/g, ' ')}`);
  if (d.kind === 'original') {
    const who = d.votes.map((v) => `${v.name}: ${v.vote}`).join(', ');
    lines.push(`${indent}Votes: ${d.tally.for} for, ${d.tally.against} against, ${d.tally.abstain} abstaining${who ? ` (${who})` : ''}`);
  }
  for (const c of d.conditions) lines.push(`${indent}Condition: ${c.text} (${c.owner || 'model owner'}, due ${c.due}, ${c.status})`);
  for (const m of d.mitigations) lines.push(`${indent}Mitigation: ${m.action} (${m.owner}, due ${m.due}, ${m.status}); success: ${m.successCriteria}`);
  for (const a of d.acceptances) lines.push(`${indent}Risk acceptance: ${a.risk}, approved by ${a.approver} until ${a.expiry} (${a.state}); controls: ${a.compensatingControls}`);
  return lines;
}

export function sessionText(d: SessionDetail): string {
  const s = d.session;
  const lines = [`Session ${s.number}: ${s.title}`, `${s.date}${s.location ? `, ${s.location}` : ''}; chair ${s.chair}; ${s.closedAt ? `closed ${s.closedAt} by ${s.closedBy}` : 'open'}`, ''];
  lines.push(`Attendance (${d.attendees.filter((a) => a.present).length} of ${d.attendees.length} present):`);
  const width = Math.max(0, ...d.attendees.map((a) => a.name.length));
  for (const a of d.attendees) lines.push(`  ${a.name.padEnd(width)}  ${a.voting ? 'voting    ' : 'non-voting'}  ${a.present ? 'present' : 'absent '}  ${a.role}`.trimEnd());
  lines.push(d.quorum.message, '');
  if (d.items.length === 0) lines.push('The agenda is empty.');
  d.items.forEach((item, i) => {
    const heat = item.heat === null ? tierWord(null) : `${tierWord(item.tier)} ${item.heat.toFixed(2)}`;
    const flags = [item.topQuartile ? 'top quartile' : '', ...item.pulledUp.map((r) => (r === 'expired_acceptance' ? 'acceptance expired' : 'action overdue'))].filter(Boolean);
    const outcome = item.outcome === null ? 'no decision' : OUTCOME_WORDS[item.outcome];
    lines.push(`${i + 1}. ${item.modelId} (${item.modelName}), ${heat}${flags.length ? `, ${flags.join(', ')}` : ''}: ${outcome}`);
    if (item.decision) lines.push(...decisionText(item.decision, '   '));
    item.amendments.forEach((a, k) => {
      lines.push(`   Amendment ${k + 1}, ${a.decisionDate}: ${a.amends?.reason ?? ''}`);
      lines.push(...decisionText(a, '     '));
    });
    if (item.note) lines.push(`   Chair's note: ${item.note.replace(/\s*\n\s*/g, ' ')}`);
  });
  if (d.notes) lines.push('', `Chair's notes: ${d.notes.replace(/\s*\n\s*/g, ' ')}`);
  return lines.join('\n');
}

export async function runSessionShow(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, today: { type: 'string' }, 'minutes-pdf': { type: 'string' } },
  });
  if (positionals.length !== 2) throw new UsageError('session show takes a workspace file and a session number or id.', 'session show');
  const today = todayOption(values.today, 'session show');
  const pdfOut = values['minutes-pdf'] === undefined ? null : path.resolve(values['minutes-pdf']);
  if (pdfOut !== null && !pdfOut.toLowerCase().endsWith('.pdf')) throw new UsageError(`--minutes-pdf must name a file ending in .pdf, not "${values['minutes-pdf']}".`, 'session show');
  if (pdfOut !== null) checkNewFile(pdfOut, 'out');
  // --today stands the services' clock on that day, so the minutes judge overdue and expiry as the text does.
  const clock = values.today === undefined ? systemClock : clockOnDay(today);
  const ws = Workspace.open(path.resolve(positionals[0] as string), { readonly: true, clock });
  try {
    const s = findSession(ws, positionals[1] as string);
    const detail = sessionDetail(ws, s.id, today);
    io.out(values.json ? JSON.stringify(detail, null, 2) : sessionText(detail));
    if (pdfOut !== null) {
      const minutes = await sessionMinutesPdf(ws, { sessionId: s.id });
      writeNewFile(pdfOut, Buffer.from(minutes.pdfBase64, 'base64'));
      io.err(`Minutes written to ${pdfOut}.`);
    }
  } finally {
    ws.close();
  }
  return EXIT.ok;
}
