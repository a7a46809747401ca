import type { z } from 'zod';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { SessionIdArgsSchema, type MinutesPdf } from '../../../shared/sessions/callSchemas';
import { tallyOf } from '../../../shared/sessions/quorum';
import { OUTCOME_WORDS, type BlockingRisk, type Decision, type SessionDetail } from '../../../shared/sessions/session';
import { tierWord } from '../../../shared/scoring/tier';
import { personAddress } from '../../../shared/people/roster';
import { renderPdf } from '../packets/renderPdf';
import { sessionMinutes } from './minutes';
import { parse, todayOf } from './sessionGuards';
import { sessionDetail } from './sessionView';
import { currentTaxonomy } from '../cycles/cycleService';
import { readCycle } from '../store/cycleTable';
import type { Workspace } from '../store/workspace';

/**
 * The minutes as a PDF in the packet's fonts and look (pdfmake with the bundled Roboto),
 * unsigned: a readable copy to circulate, not a record. The Markdown minutes ride along
 * as an attachment, so the text a reader copies out is the one the app shows.
 */

const MUTED = '#57606a';

const small = (text: string): Content => ({ text, style: 'small' });
const kv = (rows: [string, string][]): Content => ({
  table: { widths: [110, '*'], body: rows.map(([k, v]) => [{ text: k, color: MUTED }, { text: v }]) },
  layout: 'noBorders',
  margin: [0, 0, 0, 6],
});

function table(header: string[], rows: TableCell[][], widths: (string | number)[]): Content {
  return {
    table: { headerRows: 1, widths, body: [header.map((h) => ({ text: h, style: 'th' })), ...rows] },
    layout: 'lightHorizontalLines',
    fontSize: 8.5,
    margin: [0, 2, 0, 8],
  };
}

function riskWords(risk: BlockingRisk, labels: ReadonlyMap<string, string>): string {
  return 'findingId' in risk ? `finding #${risk.findingId}` : `${labels.get(risk.dimension) ?? risk.dimension} (dimension)`;
}

function heatWords(heat: number | null, tier: Decision['tier']): string {
  return heat === null || tier === null ? 'unscored' : `${tierWord(tier)}, heat ${heat.toFixed(2)}`;
}

function decisionBlock(d: Decision, labels: ReadonlyMap<string, string>): Content[] {
  const t = tallyOf(d.votes);
  return [
    kv([
      ['Outcome', OUTCOME_WORDS[d.outcome]],
      ['Rationale', d.rationale],
      ...(d.blockingRisk ? ([['Blocking risk', riskWords(d.blockingRisk, labels)]] as [string, string][]) : []),
      ['Recorded', `${d.decidedAt} by ${d.decidedBy} (model at the time: ${heatWords(d.heat, d.tier)})`],
      ...(d.kind === 'original' ? ([['Votes', `${t.for} for, ${t.against} against, ${t.abstain} abstaining${d.votes.length ? `: ${d.votes.map((v) => `${v.name} ${v.vote}`).join(', ')}` : ''}`]] as [string, string][]) : []),
    ]),
    ...(d.conditions.length ? [small('Conditions'), table(['Condition', 'Owner', 'Due', 'Status'], d.conditions.map((c) => [c.text, c.owner || 'model owner', c.due, c.status]), ['*', 90, 60, 45])] : []),
    ...(d.mitigations.length
      ? [small('Mitigations'), table(['Action', 'Owner', 'Due', 'Success criteria', 'Status'], d.mitigations.map((m) => [m.action, m.owner, m.due, m.successCriteria, m.status]), ['*', 80, 55, '*', 45])]
      : []),
    ...(d.acceptances.length
      ? [small('Risk acceptances'), table(['Risk', 'Approver', 'Compensating controls', 'Expires'], d.acceptances.map((a) => [a.risk, a.approver, a.compensatingControls, `${a.expiry} (${a.state})`]), ['*', 80, '*', 75])]
      : []),
  ];
}

export function minutesDocument(detail: SessionDetail, cycleName: string | undefined, labels: ReadonlyMap<string, string>): TDocumentDefinitions {
  const { session: s, attendees, quorum, items } = detail;
  const content: Content[] = [
    { text: 'Minutes', style: 'title' },
    { text: s.title, style: 'subtitle' },
    kv([
      ...(cycleName ? ([['Review cycle', cycleName]] as [string, string][]) : []),
      ['Session', `${s.number}, ${s.date}${s.location.trim() ? `, ${s.location}` : ''}`],
      ['Chair', s.chair],
      ['Status', s.closedAt ? `closed ${s.closedAt} by ${s.closedBy ?? ''}; decisions change only by amendment` : 'draft: the session is still open and these minutes may change'],
    ]),
    { text: 'Attendance', style: 'h1' },
    { text: quorum.message, bold: true, margin: [0, 0, 0, 4] },
    attendees.length === 0
      ? small('No attendees were recorded.')
      : table(['Name', 'Role', 'Voting', 'Present'], attendees.map((a) => [personAddress(a), a.role, a.voting ? 'yes' : 'no', a.present ? 'yes' : 'no']), ['*', '*', 50, 50]),
    ...(detail.notes ? [{ text: "Chair's notes", style: 'h1' }, { text: detail.notes }] : []),
    { text: 'Agenda and decisions', style: 'h1' },
    ...(items.length === 0 ? [small('The agenda was empty.')] : []),
  ];
  items.forEach((item, i) => {
    content.push({ text: `${i + 1}. ${item.modelName}: ${item.outcome === null ? 'no decision' : OUTCOME_WORDS[item.outcome]}`, style: 'h2' });
    content.push(small(`${item.modelId} · ${heatWords(item.heat, item.tier)}${item.topQuartile ? ' · top quartile' : ''} · owner ${item.owner}`));
    if (item.decision) content.push(...decisionBlock(item.decision, labels));
    else content.push(small('The board recorded no decision on this item.'));
    item.amendments.forEach((a, k) => {
      content.push({ text: `Amendment ${k + 1}, ${a.decisionDate}`, bold: true, margin: [0, 4, 0, 2] }, kv([['Reason', a.amends?.reason ?? '']]), ...decisionBlock(a, labels));
    });
    if (item.note) content.push(kv([["Chair's note", item.note]]));
  });
  return {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 56],
    info: { title: `Minutes: ${s.title}`, subject: `Review-board session ${s.number} of ${s.date}`, creator: 'Model Review Board', producer: 'Model Review Board (pdfmake)' },
    content,
    footer: (page, pages) => ({
      columns: [
        { text: `Minutes of session ${s.number} · unsigned copy; the signed record is the decision packet`, fontSize: 7, color: MUTED },
        { text: `Page ${page} of ${pages}`, alignment: 'right', fontSize: 7, color: MUTED },
      ],
      margin: [40, 20, 40, 0],
    }),
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 26, bold: true, margin: [0, 40, 0, 6] },
      subtitle: { fontSize: 16, color: MUTED, margin: [0, 0, 0, 18] },
      h1: { fontSize: 16, bold: true, margin: [0, 12, 0, 8] },
      h2: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 2] },
      th: { bold: true, color: MUTED },
      small: { fontSize: 8.5, color: MUTED, margin: [0, 2, 0, 6] },
    },
  };
}

/** The session's minutes as an unsigned PDF (base64 for the contract), and a file name to save it under. */
export async function sessionMinutesPdf(ws: Workspace, args: z.input<typeof SessionIdArgsSchema>): Promise<MinutesPdf> {
  const a = parse(SessionIdArgsSchema, args);
  const detail = sessionDetail(ws, a.sessionId, todayOf(ws.clock));
  const labels = new Map(currentTaxonomy(ws).dimensions.map((d) => [d.key, d.label]));
  const markdown = sessionMinutes(ws, a);
  const pdf = await renderPdf(() => minutesDocument(detail, readCycle(ws.reader)?.name, labels), ws.clock.now(), {
    name: markdown.fileName,
    description: 'The minutes as Markdown',
    mimeType: 'text/markdown',
    data: Buffer.from(markdown.markdown, 'utf8'),
  });
  return { pdfBase64: pdf.toString('base64'), fileName: markdown.fileName.replace(/\.md$/, '.pdf') };
}
