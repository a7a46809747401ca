import { TIER_WORDS } from '../scoring/tier';
import { tallyOf } from './quorum';
import { OUTCOME_WORDS, type BlockingRisk, type Decision, type PullReason, type SessionDetail } from './session';
import { personAddress } from '../people/roster';

export interface MinutesOptions {
  cycleName?: string;
  /** Labels of the taxonomy's dimensions by key, to name a blocking risk in words. */
  dimensionLabels?: ReadonlyMap<string, string>;
}

const PULL_WORDS: Readonly<Record<PullReason, string>> = {
  expired_acceptance: 'a risk acceptance has expired',
  overdue_action: 'an action is overdue',
};

/**
 * Text typed by people, made inert: the minutes show what was typed, never markup it
 * happens to contain (a rationale starting with "#" must not become a heading).
 */
export function mdText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+]|\d+\.)(\s)/gm, (_m, s: string, mark: string, sp: string) => `${s}\\${mark}${sp}`)
    .replace(/\r\n?/g, '\n');
}

/** Inside a table cell a line break would end the row. */
function cell(text: string): string {
  return mdText(text).replace(/\n+/g, ' ');
}

/** A paragraph kept as typed, line breaks included (two spaces end a Markdown line). */
function paragraph(text: string): string {
  return mdText(text.trim()).split('\n').join('  \n');
}

function riskWords(risk: BlockingRisk, labels: ReadonlyMap<string, string> | undefined): string {
  if ('findingId' in risk) return `finding #${risk.findingId}`;
  const label = labels?.get(risk.dimension);
  return label ? `${mdText(label)} (\`${risk.dimension}\`)` : `\`${risk.dimension}\``;
}

function heatWords(heat: number | null, tier: keyof typeof TIER_WORDS | null): string {
  return heat === null || tier === null ? 'unscored' : `${TIER_WORDS[tier]}, heat ${heat.toFixed(2)}`;
}

function decisionLines(d: Decision, options: MinutesOptions): string[] {
  const lines: string[] = [];
  lines.push(`**Outcome:** ${OUTCOME_WORDS[d.outcome]}  `);
  lines.push(`**Recorded:** ${d.decidedAt} by ${mdText(d.decidedBy)} (model at the time: ${heatWords(d.heat, d.tier)})`);
  lines.push('');
  lines.push(`**Rationale:** ${paragraph(d.rationale)}`);
  if (d.blockingRisk) lines.push('', `**Blocking risk:** ${riskWords(d.blockingRisk, options.dimensionLabels)}`);
  if (d.kind === 'original') {
    const t = tallyOf(d.votes);
    lines.push('', `**Votes:** ${t.for} for, ${t.against} against, ${t.abstain} abstaining`);
    if (d.votes.length > 0) {
      lines.push('');
      for (const v of d.votes) {
        const why = v.reason ? `: ${cell(v.reason)}` : '';
        lines.push(`- ${cell(v.name)}: ${v.vote}${v.dissent ? ' (dissent)' : ''}${why}`);
      }
    }
    const dissents = d.votes.filter((v) => v.dissent);
    if (dissents.length > 0) {
      lines.push('', '**Dissent:**', '');
      for (const v of dissents) lines.push(`- ${cell(v.name)} dissents from "${OUTCOME_WORDS[d.outcome]}": ${cell(v.reason ?? '')}`);
    }
  }
  if (d.recused && d.recused.length > 0) lines.push('', `**Recused (did not vote, not counted in the quorum):** ${d.recused.map(cell).join(', ')}`);
  if (d.approval?.basis === 'signoff') lines.push('', `**Approved by:** sign-off of the chair, ${cell(d.approval.chair)}, and the secretary, ${cell(d.approval.secretary)}`);
  if (d.approval?.basis === 'vote') {
    const t = d.approval.tally;
    lines.push('', `**Approved by:** a vote of the board, ${t.for} for, ${t.against} against, ${t.abstain} abstaining`, '');
    for (const v of d.approval.votes) lines.push(`- ${cell(v.name)}: ${v.vote}${v.reason ? `: ${cell(v.reason)}` : ''}`);
  }
  if (d.conditions.length > 0) {
    lines.push('', '**Conditions:**', '', '| # | Condition | Owner | Due | Status |', '|---|---|---|---|---|');
    d.conditions.forEach((c, i) => lines.push(`| ${i + 1} | ${cell(c.text)} | ${cell(c.owner) || 'model owner'} | ${c.due} | ${c.status} |`));
  }
  if (d.mitigations.length > 0) {
    lines.push('', '**Mitigations:**', '', '| # | Action | Owner | Due | Success criteria | Status |', '|---|---|---|---|---|---|');
    d.mitigations.forEach((m, i) => lines.push(`| ${i + 1} | ${cell(m.action)} | ${cell(m.owner)} | ${m.due} | ${cell(m.successCriteria)} | ${m.status} |`));
  }
  if (d.acceptances.length > 0) {
    lines.push('', '**Risk acceptances:**', '', '| # | Risk | Approver | Compensating controls | Expires |', '|---|---|---|---|---|');
    d.acceptances.forEach((a, i) => lines.push(`| ${i + 1} | ${cell(a.risk)} | ${cell(a.approver)} | ${cell(a.compensatingControls)} | ${a.expiry} (${a.state}) |`));
  }
  return lines;
}

/**
 * The minutes of a session as Markdown, from its record alone: attendance and quorum,
 * each agenda item with its outcome, rationale, votes, conditions, mitigations and risk
 * acceptances, every amendment after the meeting (the original stays above it), and the
 * chair's notes. The same record always gives the same text.
 */
export function minutesMarkdown(detail: SessionDetail, options: MinutesOptions = {}): string {
  const { session: s, attendees, quorum, items } = detail;
  const out: string[] = [];
  out.push(`# Minutes: ${mdText(s.title)}`, '');
  if (options.cycleName) out.push(`Review cycle: ${mdText(options.cycleName)}  `);
  out.push(`Session ${s.number}, ${s.date}${s.location.trim() ? `, ${mdText(s.location)}` : ''}  `);
  out.push(`Chair: ${mdText(s.chair)}  `);
  out.push(
    s.closedAt
      ? `Closed ${s.closedAt} by ${mdText(s.closedBy ?? '')}; the decisions below are locked and changed only by amendment.`
      : 'Draft: the session is still open and these minutes may change.',
  );
  out.push('', '## Attendance', '');
  if (attendees.length === 0) out.push('No attendees were recorded.');
  else {
    out.push('| Name | Role | Voting | Present |', '|---|---|---|---|');
    for (const a of attendees) out.push(`| ${cell(personAddress(a))} | ${cell(a.role)} | ${a.voting ? 'yes' : 'no'} | ${a.present ? 'yes' : 'no'} |`);
  }
  out.push('', `**Quorum:** ${quorum.message}`);
  if (s.attendanceTakenAt) out.push('', `Attendance taken ${s.attendanceTakenAt}.`);
  if (detail.notes) out.push('', "## Chair's notes", '', paragraph(detail.notes));
  out.push('', '## Agenda and decisions');
  if (items.length === 0) out.push('', 'The agenda was empty.');
  items.forEach((item, i) => {
    const outcome = item.outcome === null ? 'no decision' : OUTCOME_WORDS[item.outcome];
    out.push('', `### ${i + 1}. ${mdText(item.modelName)} (\`${item.modelId}\`): ${outcome}`, '');
    const facts = [heatWords(item.heat, item.tier)];
    if (item.topQuartile) facts.push('top quartile');
    for (const r of item.pulledUp) facts.push(`on the agenda early because ${PULL_WORDS[r]}`);
    out.push(`${facts.join('; ')}. Owner: ${mdText(item.owner)}.`);
    const declared = item.conflicts ?? [];
    if (declared.length > 0) {
      out.push('', '**Declarations of interest:**', '');
      for (const c of declared) out.push(`- ${cell(c.name)}: ${cell(c.reason)} (${c.recused ? 'recused' : 'not recused: votes'}; declared ${c.declaredAt} by ${cell(c.declaredBy)})`);
    }
    if (item.decision) {
      out.push('', ...decisionLines(item.decision, options));
    } else {
      out.push('', 'The board recorded no decision on this item.');
    }
    item.amendments.forEach((a, k) => {
      out.push('', `#### Amendment ${k + 1}, ${a.decisionDate}`, '');
      out.push(`**Reason:** ${paragraph(a.amends?.reason ?? '')}`, '');
      out.push(...decisionLines(a, options));
    });
    if (item.note) out.push('', `**Chair's note:** ${paragraph(item.note)}`);
  });
  out.push('');
  return out.join('\n');
}
